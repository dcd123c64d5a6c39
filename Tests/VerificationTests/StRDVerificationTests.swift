import Datasets
import Foundation
import Testing
import Verification

/// The package root, found from this file's path (tests never read ../shared).
private let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

private func problems(in folder: URL) throws -> [URL] {
    try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
        .filter { $0.pathExtension == "dat" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
}

private let linearFiles = (try? problems(in: root.appendingPathComponent("Data/reference/strd/linear"))) ?? []
private let nonlinearFiles = (try? problems(in: root.appendingPathComponent("Data/reference/strd/nonlinear"))) ?? []
/// Problems NIST publishes beyond the shipped data (Filip, Wampler5 and the six hardest
/// nonlinear ones), kept as test fixtures with their provenance scripts.
private let extraFiles = (try? problems(in: root.appendingPathComponent("Tests/VerificationTests/Fixtures/strd-extra"))) ?? []

@Suite struct StRDVerificationTests {
    @Test func everyReferenceFileIsPresent() {
        #expect(linearFiles.count == 9)
        #expect(nonlinearFiles.count == 21)
        #expect(extraFiles.count == 8)
    }

    /// Certified values from NIST: coefficients ≥ 7 digits, standard errors ≥ 6, residual SD ≥ 7.
    @Test(arguments: linearFiles + extraFiles.filter { ["Filip.dat", "Wampler5.dat"].contains($0.lastPathComponent) })
    func linearProblemReachesCertifiedAccuracy(_ file: URL) throws {
        let problem = try StRDParser.parse(url: file)
        let results = StRDVerifier.verify(problem)
        #expect(results.count == 1)
        for result in results {
            #expect(result.passed, "\(result.dataset): \(result.message)")
            #expect(result.parameterLRE >= 7)
            #expect((result.standardErrorLRE ?? 0) >= 6)
            #expect((result.residualStandardDeviationLRE ?? 0) >= 7)
        }
    }

    /// The streamed fit, in blocks of 7 rows and of 1000, reaches the same certified accuracy.
    @Test(arguments: linearFiles + extraFiles.filter { ["Filip.dat", "Wampler5.dat"].contains($0.lastPathComponent) })
    func streamedLinearProblemReachesCertifiedAccuracy(_ file: URL) throws {
        let problem = try StRDParser.parse(url: file)
        for blockRows in [7, 1000] {
            for result in StRDVerifier.verify(problem, streamingBlockRows: blockRows) {
                #expect(result.passed, "\(result.dataset), blocks of \(blockRows): \(result.message)")
                #expect(result.parameterLRE >= 7)
                #expect((result.standardErrorLRE ?? 0) >= 6)
                #expect((result.residualStandardDeviationLRE ?? 0) >= 7)
            }
        }
    }

    /// From both starts with default options: parameters ≥ 6 digits, standard errors ≥ 4, RSS ≥ 6.
    @Test(arguments: nonlinearFiles + extraFiles.filter { !["Filip.dat", "Wampler5.dat"].contains($0.lastPathComponent) })
    func nonlinearProblemReachesCertifiedAccuracyFromBothStarts(_ file: URL) throws {
        let problem = try StRDParser.parse(url: file)
        let results = StRDVerifier.verify(problem)
        #expect(results.count == 2)
        for result in results {
            #expect(result.passed, "\(result.dataset) start \(result.start ?? 0): \(result.message)")
            #expect(result.parameterLRE >= 6)
            if let rss = result.residualSumOfSquaresLRE { #expect(rss >= 6) }
            if let se = result.standardErrorLRE { #expect(se >= 4) }
        }
    }

    @Test func aWrongCertifiedValueFailsTheCheck() throws {
        // Misra1a with its first certified parameter altered in the 4th digit must not pass.
        let file = root.appendingPathComponent("Data/reference/strd/nonlinear/Misra1a.dat")
        let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "2.3894212918E+02", with: "2.3904212918E+02")
        let problem = try StRDParser.parse(text, source: "Misra1a-altered.dat")
        let results = StRDVerifier.verify(problem)
        #expect(results.allSatisfy { !$0.passed })
        #expect(results.allSatisfy { $0.parameterLRE < 4 })
    }
}

@Suite struct LogRelativeErrorTests {
    @Test func definitionMatchesMcCullough() {
        #expect(abs(LogRelativeError.of(1.0001, certified: 1) - 4) < 1e-9)
        #expect(LogRelativeError.of(1, certified: 1) == 11)
        #expect(abs(LogRelativeError.of(1e-8, certified: 0) - 8) < 1e-9)
        #expect(LogRelativeError.of(.nan, certified: 1) == 0)
        #expect(LogRelativeError.of(5, certified: 1) == 0)
        #expect(LogRelativeError.minimum([1.001, 2], certified: [1, 2]) < 3.01)
    }
}
