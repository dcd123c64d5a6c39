import Foundation
import Testing

/// `foresight regress` on data near the limits of double precision: finite estimates where they
/// are representable, and exit 1 with the reason when any core number is not finite.
@Suite("foresight regress: finite or not usable (process)")
struct RegressNonFiniteCommandTests {
    static let nearLargest = "x,y\n1,1\n2,3\n3,5\n4,1.7e308\n5,1.7e308\n"
    static let oneHuge = "x,y\n1,1\n2,3\n3,1e200\n4,2\n5,7\n"
    /// A slope of about 1e600: not representable.
    static let steep = "x,y\n1e-300,1e300\n2e-300,2e300\n3e-300,3.5e300\n4e-300,4e300\n5e-300,5e300\n"

    @Test(arguments: ["text", "markdown", "csv", "json"])
    func responseNearTheLargestDoubleIsNotUsable(format: String) throws {
        let ws = try Workspace()
        try ws.write("big.csv", Self.nearLargest)
        let result = try ws.run(["regress", "--data", "big.csv", "--y", "y", "--x", "x", "--format", format])
        expectExit(result, 1)
        expectStderr(result, contains: "foresight: regress: the result is not usable", "residual sum of squares")
        #expect(!result.stdout.contains("NaN"), "the estimates are finite: \(result)")
        if format == "json" {
            let json = try result.jsonObject()
            #expect(json["usable"] as? Bool == false)
            #expect(json["rss"] is NSNull)
            let coefficients = try #require(json["coefficients"] as? [[String: Any]])
            #expect(coefficients.allSatisfy { number($0, "estimate")?.isFinite == true }, "\(result)")
            #expect(isClose(number(coefficients[1], "estimate") ?? 0, 5.1e307, relative: 1e-12))
        }
    }

    @Test func oneHugeValueGivesFiniteEstimatesAndExit1() throws {
        let ws = try Workspace()
        try ws.write("one.csv", Self.oneHuge)
        let result = try ws.run(["regress", "--data", "one.csv", "--y", "y", "--x", "x", "--format", "json"])
        expectExit(result, 1)
        expectStderr(result, contains: "not usable", "residual sum of squares")
        let coefficients = try #require(try result.jsonObject()["coefficients"] as? [[String: Any]])
        #expect(isClose(number(coefficients[0], "estimate") ?? 0, 2e199, relative: 1e-12), "\(result)")
    }

    @Test(arguments: ["text", "markdown", "csv", "json"])
    func noPValueForAStatisticThatIsNotFinite(format: String) throws {
        let ws = try Workspace()
        try ws.write("steep.csv", Self.steep)
        let result = try ws.run(["regress", "--data", "steep.csv", "--y", "y", "--x", "x", "--format", format])
        expectExit(result, 1)
        expectStderr(result, contains: "estimate of 'x'")
        if format == "json" {
            let slope = try #require((try result.jsonObject()["coefficients"] as? [[String: Any]])?.last)
            #expect(slope["estimate"] is NSNull && slope["t_value"] is NSNull && slope["p_value"] is NSNull, "\(slope)")
        } else {
            // The slope's row: estimate Inf, and NA where a p-value would be.
            let row = try #require(result.stdout.split(separator: "\n").first { $0.contains("x") && $0.contains("Inf") })
            let cells = row.split(whereSeparator: { $0 == "," || $0 == "|" || $0 == " " }).map(String.init)
            #expect(cells.count >= 5 && cells[3] == "NA" && cells[4] == "NA", "\(row)")
        }
    }

    @Test func exactFitIsUsableWithoutAnFTest() throws {
        let ws = try Workspace()
        try ws.write("exact.csv", "x,y\n1,3\n2,5\n3,7\n4,9\n")
        let result = try ws.run(["regress", "--data", "exact.csv", "--y", "y", "--x", "x", "--format", "json"])
        expectExit(result, 0)
        let json = try result.jsonObject()
        #expect(json["usable"] as? Bool == true)
        #expect(json["f_statistic"] is NSNull && json["f_p_value"] is NSNull && json["log_likelihood"] is NSNull, "\(result)")
    }

    @Test func hugeDegreeIsRefusedBeforeAnyWork() throws {
        let ws = try Workspace()
        try ws.write("line.csv", Fixtures.line)
        let result = try ws.run(["regress", "--data", "line.csv", "--y", "y", "--x", "x", "--degree", "1000000000"], timeout: 20)
        expectExit(result, 64)
        expectStderr(result, contains: "--degree must be between 1 and 100")
    }

    @Test func degreeAboveTheObservationsNamesTheFile() throws {
        let ws = try Workspace()
        try ws.write("line.csv", Fixtures.line)
        let result = try ws.run(["regress", "--data", "line.csv", "--y", "y", "--x", "x", "--degree", "100"])
        expectExit(result, 65)
        expectStderr(result, contains: "line.csv: the model has 101 coefficients but only 4 observations")
    }
}
