import Foundation
import Testing
import Datasets
@testable import Scorecards
import Scoring

/// Every example of `/work/shared/mcda/examples.md`, written as a scorecard specification
/// (`Fixtures/e*.yaml`) and reproduced through the loader and runner, with the tolerances stated there.
@Suite struct ExampleTests {
    @Test func e1DrinksAHP() throws {
        let result = try runFixture("e1-ahp-drinks.yaml")
        let ahp = try #require(result.result(of: .ahp))
        expectClose(ahp.scoreValues, [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327], tolerance: 5e-4, "priorities")
        guard case .ahp(let synthesis) = ahp.details, let local = synthesis.localConsistency[0] else {
            Issue.record("no AHP details")
            return
        }
        #expect(abs(local.lambdaMax - 7.1766) <= 5e-4)
        #expect(abs(local.consistencyIndex - 0.0294) <= 5e-4)
        #expect(abs((local.consistencyRatio ?? 0) - 0.022) <= 5e-4)
        #expect(!local.isInconsistent)
        #expect(ahp.top.name == "Water")
    }

    @Test func e2InconsistentAHPIsFlagged() throws {
        let result = try runFixture("e2-ahp-inconsistent.yaml")
        let ahp = try #require(result.result(of: .ahp))
        expectClose(ahp.scoreValues, [0.3208, 0.1395, 0.0348, 0.1285, 0.2374, 0.1391], tolerance: 5e-5, "priorities")
        guard case .ahp(let synthesis) = ahp.details, let local = synthesis.localConsistency[0] else {
            Issue.record("no AHP details")
            return
        }
        #expect(abs(local.lambdaMax - 7.4199) <= 5e-4)
        #expect(abs((local.consistencyRatio ?? 0) - 0.229) <= 5e-4)
        #expect(local.isInconsistent)
        #expect(result.notes.contains { $0.contains("inconsistent") && $0.contains("0.229") })
    }

    @Test(arguments: ["e5-topsis.yaml", "e5-topsis-csv.yaml"])
    func e5TOPSIS(fixture: String) throws {
        let result = try runFixture(fixture)
        let topsis = try #require(result.result(of: .topsis))
        expectClose(topsis.scoreValues, [0.308, 0.254, 0.327, 0.263, 0.857, 0.192], tolerance: 2e-3, "closeness")
        #expect(topsis.ranking.map(\.name) == ["A5", "A3", "A1", "A4", "A2", "A6"])
    }

    @Test func e7VIKORWithV0625() throws {
        let result = try runFixture("e7-vikor.yaml")
        let vikor = try #require(result.result(of: .vikor))
        expectClose(vikor.scoreValues, [0.640, 1.000, 0.693, 0.271, 0.000, 0.694], tolerance: 5e-4, "Q")
        guard case .vikor(let d) = vikor.details else {
            Issue.record("no VIKOR details")
            return
        }
        expectClose(d.s, [0.629, 0.767, 0.601, 0.310, 0.080, 0.516], tolerance: 5e-4, "S")
        expectClose(d.r, [0.200, 0.400, 0.267, 0.133, 0.080, 0.333], tolerance: 5e-4, "R")
        #expect(vikor.top.name == "A5")
    }

    @Test func e8EntropyWeights() throws {
        let result = try runFixture("e8-entropy.yaml")
        #expect(result.weighting == .entropy)
        expectClose(result.weights.values, [0.4630, 0.3992, 0.1378, 0.0000], tolerance: 5e-5, "weights")
    }

    @Test func e10WeightedSumTieAndWeightedProductDisagree() throws {
        let result = try runFixture("e10-wsm-wpm.yaml")
        let wsm = try #require(result.result(of: .wsm)), wpm = try #require(result.result(of: .wpm))
        expectClose(wsm.scoreValues, [21.5, 22, 22], tolerance: 1e-9, "WSM")
        #expect(wsm.ties == [["A2", "A3"]])
        #expect(wsm.ranks == [3, 1, 1])
        let s = wpm.scoreValues
        expectClose([s[0] / s[1], s[0] / s[2], s[1] / s[2]], [1.0074, 1.0671, 1.0592], tolerance: 5e-5, "WPM ratios")
        #expect(wpm.ranking.map(\.name) == ["A1", "A2", "A3"])
        // τ_b: two discordant pairs, the WSM tie excluded: −2/√(2·3).
        let tau = try #require(result.agreement[0][1])
        #expect(abs(tau + 2 / 6.0.squareRoot()) < 1e-12)
    }

    @Test func e11SMAAAnalytic() throws {
        let result = try runFixture("e11-smaa.yaml")
        let smaa = try #require(result.smaa)
        #expect(smaa.draws == 200_000)
        #expect(result.seed == 1)
        let exact: [[Double]] = [[0.4, 0.1, 0.5], [0.4, 0.1, 0.5], [0.2, 0.8, 0.0]]
        for i in 0..<3 {
            for r in 0..<3 {
                let b = exact[i][r]
                let tolerance = max(3 * (b * (1 - b) / 200_000).squareRoot(), 1e-12)
                #expect(abs(smaa.acceptability[i][r] - b) <= tolerance, "b[\(i)][\(r)] = \(smaa.acceptability[i][r]) vs \(b)")
            }
        }
        let central: [[Double]] = [[0.8, 0.2], [0.2, 0.8], [0.5, 0.5]]
        for i in 0..<3 { expectClose(smaa.centralWeights[i] ?? [], central[i], tolerance: 0.005, "central weights \(i)") }
        #expect(smaa.confidenceFactors.map { $0 ?? -1 } == [1, 1, 1])
    }

    @Test func seedMakesSMAADeterministicAndCanBeOverridden() throws {
        let a = try runFixture("e11-smaa.yaml"), b = try runFixture("e11-smaa.yaml")
        #expect(a.smaa == b.smaa)
        let c = try runFixture("e11-smaa.yaml", seed: 12)
        #expect(c.seed == 12)
        #expect(c.smaa?.acceptability != a.smaa?.acceptability)
        let spec = try ScorecardSpec.load(contentsOf: fixtureURL("e11-smaa.yaml"))
        let oneThread = try ScorecardRunner.run(spec, threads: 1), twoThreads = try ScorecardRunner.run(spec, threads: 2)
        #expect(oneThread.smaa == twoThreads.smaa)
    }

    @Test func sha256MatchesFIPSVectors() {
        #expect(SHA256.hexDigest(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hexDigest([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hexDigest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}
