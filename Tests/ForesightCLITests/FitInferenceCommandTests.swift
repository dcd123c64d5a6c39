import Foundation
import Testing

/// `foresight fit` options R users expect (fixed parameters, predictions, profile intervals,
/// nested F test, residuals, trace) and the final checks' exits. Reference numbers are R's, from
/// Tests/CurveFittingTests/Fixtures/r_inference.json (make_r_inference_fixtures.R).
@Suite("foresight fit inference options (process)")
struct FitInferenceCommandTests {
    /// R's Puromycin, state == "treated".
    static let puromycin = "conc,rate\n" + zip([0.02, 0.02, 0.06, 0.06, 0.11, 0.11, 0.22, 0.22, 0.56, 0.56, 1.1, 1.1],
                                               [76, 47, 97, 107, 123, 139, 159, 152, 191, 201, 207, 200])
        .map { "\($0),\($1)\n" }.joined()
    static let michaelisMenten = ["fit", "--data", "puromycin.csv", "--x", "conc", "--y", "rate", "--formula", "Vm*conc/(K+conc)"]

    @Test func profilePredictionsResidualsAndTraceInJSON() throws {
        let ws = try Workspace()
        try ws.write("puromycin.csv", Self.puromycin)
        let result = try ws.run(Self.michaelisMenten + ["--start", "Vm=200,K=0.1", "--profile", "--predict", "conc=0.01,0.3",
                                                         "--residuals", "--trace", "--format", "json"])
        expectExit(result, 0)
        let json = try result.jsonObject()
        let profile = try #require(json["profile_intervals"] as? [[String: Any]])
        // R: uniroot on the profile t statistic (confint's spline gives 197.30213, 229.29006, 0.046925167, 0.08615995).
        let exact: [(Double, Double)] = [(197.301932900284, 229.28905505505324), (0.04692034203517099, 0.08615691342713158)]
        for (interval, reference) in zip(profile, exact) {
            #expect(isClose(try #require(number(interval, "lower")), reference.0, relative: 1e-6), "\(interval)")
            #expect(isClose(try #require(number(interval, "upper")), reference.1, relative: 1e-6), "\(interval)")
        }
        let predictions = try #require(json["predictions"] as? [[String: Any]])
        #expect(predictions.count == 2)
        // R: predict + delta method at conc = 0.3.
        #expect(isClose(try #require(number(predictions[1], "fitted")), 175.2304140065159, relative: 1e-8))
        #expect(isClose(try #require(number(predictions[1], "std_error")), 3.7067140129034404, relative: 1e-6))
        for key in ["confidence_lower", "confidence_upper", "prediction_lower", "prediction_upper"] {
            #expect(number(predictions[1], key) != nil, "\(key)")
        }
        let observations = try #require(json["observations"] as? [[String: Any]])
        #expect(observations.count == 12)
        let first = observations[0]
        #expect(isClose(try #require(number(first, "observed")) - (try #require(number(first, "fitted"))),
                        try #require(number(first, "residual")), relative: 1e-12))
        let trace = try #require(json["trace"] as? [[String: Any]])
        #expect(trace.count == json["iterations"] as? Int)
        let tolerances = try #require(json["tolerances"] as? [String: Any])
        #expect(number(tolerances, "relative_reduction") == 1e-14)
        let correlation = try #require(json["correlation"] as? [String: Any])
        #expect(correlation["names"] as? [String] == ["Vm", "K"])
    }

    /// `--profile-method r-spline` reproduces R's confint (profile grid and spline), here on
    /// Puromycin with the self-starting micmen model (R's SSmicmen).
    @Test func rSplineProfileReproducesConfint() throws {
        let ws = try Workspace()
        try ws.write("puromycin.csv", Self.puromycin)
        let result = try ws.run(["fit", "--data", "puromycin.csv", "--x", "conc", "--y", "rate", "--model", "micmen", "--profile",
                                 "--profile-method", "r-spline", "--format", "json"])
        expectExit(result, 0)
        let profile = try #require(try result.jsonObject()["profile_intervals"] as? [[String: Any]])
        // R 4.2.2 confint (MASS 7.3.58.2), r_inference.json: michaelis_menten, level 0.95.
        let confint: [(Double, Double)] = [(197.30212737771245, 229.29006395209268), (0.04692516683415308, 0.08615995232517301)]
        #expect(profile.count == 2)
        for (interval, reference) in zip(profile, confint) {
            #expect(isClose(try #require(number(interval, "lower")), reference.0, relative: 1e-8), "\(interval)")
            #expect(isClose(try #require(number(interval, "upper")), reference.1, relative: 1e-8), "\(interval)")
        }
        expectExit(try ws.run(Self.michaelisMenten + ["--start", "Vm=200,K=0.1", "--profile", "--profile-method", "spline"]), 64)
    }

    @Test func aFixedParameterIsReportedAsFixed() throws {
        let ws = try Workspace()
        try ws.write("puromycin.csv", Self.puromycin)
        let result = try ws.run(Self.michaelisMenten + ["--start", "Vm=200", "--fix", "K=0.07", "--format", "json"])
        expectExit(result, 0)
        let json = try result.jsonObject()
        let parameters = try #require(json["parameters"] as? [[String: Any]])
        #expect(parameters.map { $0["name"] as? String } == ["Vm", "K"])
        #expect(parameters[1]["fixed"] as? Bool == true && parameters[1]["std_error"] is NSNull)
        #expect(isClose(try #require(number(parameters[0], "estimate")), 216.36863400456784, relative: 1e-8))
        #expect(isClose(try #require(number(parameters[0], "std_error")), 4.430541813410365, relative: 1e-6))
        #expect(json["df"] as? Int == 11)

        let text = try ws.run(Self.michaelisMenten + ["--start", "Vm=200", "--fix", "K=0.07"])
        expectExit(text, 0)
        #expect(text.stdout.contains("fixed"))
        let unknown = try ws.run(Self.michaelisMenten + ["--start", "Vm=200,K=0.1", "--fix", "Q=1"])
        expectExit(unknown, 64)
        expectStderr(unknown, contains: "Q")
    }

    /// R's DNase run 1 with x = log(conc): the logistic within the four-parameter logistic (A = 0).
    static let dnase: String = {
        let x = [-3.019448902571312, -1.6331544390514163, -0.9400072584914712, -0.24686007793152578, 0.44628710262841953,
                 1.1394342831883648, 1.8325814637483102, 2.5257286443082556].flatMap { [$0, $0] }
        let y = [0.017, 0.018, 0.121, 0.124, 0.206, 0.215, 0.377, 0.374, 0.614, 0.609, 1.019, 1.001, 1.334, 1.364, 1.73, 1.71]
        return "x,y\n" + zip(x, y).map { "\($0),\($1)\n" }.joined()
    }()

    @Test func nestedModelFTestMatchesAnova() throws {
        let ws = try Workspace()
        try ws.write("dnase.csv", Self.dnase)
        let result = try ws.run(["fit", "--data", "dnase.csv", "--x", "x", "--y", "y", "--formula", "A+(B-A)/(1+exp((xmid-x)/scal))",
                                 "--start", "A=0,B=2,xmid=0,scal=1", "--compare", "B/(1+exp((xmid-x)/scal))", "--format", "json"])
        expectExit(result, 0)
        let comparison = try #require(try result.jsonObject()["comparison"] as? [String: Any])
        // R: anova(fit3, fit4).
        #expect(isClose(try #require(number(comparison, "f")), 0.209839524363612, relative: 1e-6))
        #expect(isClose(try #require(number(comparison, "p_value")), 0.6550775971322353, relative: 1e-6))
        #expect(comparison["reduced_df"] as? Int == 13 && comparison["full_df"] as? Int == 12)
        let text = try ws.run(["fit", "--data", "dnase.csv", "--x", "x", "--y", "y", "--formula", "A+(B-A)/(1+exp((xmid-x)/scal))",
                               "--start", "A=0,B=2,xmid=0,scal=1", "--compare", "C/(1+exp((xmid-x)/scal))"])
        expectExit(text, 64)
        expectStderr(text, contains: "C")
    }

    @Test func predictionsFromACSVFileAndResidualTablesInCSV() throws {
        let ws = try Workspace()
        try ws.write("puromycin.csv", Self.puromycin)
        try ws.write("new.csv", "conc\n0.01\n0.05\n0.3\n1.5\n")
        let result = try ws.run(Self.michaelisMenten + ["--start", "Vm=200,K=0.1", "--predict", "new.csv", "--residuals", "--format", "csv"])
        expectExit(result, 0)
        let blocks = result.stdout.components(separatedBy: "\n\n")
        #expect(blocks.count == 3, "\(result.stdout)")
        #expect(blocks[1].hasPrefix("conc,fitted,std_error,confidence_lower_95"), "\(blocks[1])")
        #expect(blocks[1].split(separator: "\n").count == 5)
        #expect(blocks[2].hasPrefix("conc,observed,fitted,residual"))
        let bad = try ws.run(Self.michaelisMenten + ["--start", "Vm=200,K=0.1", "--predict", "conc=1,abc"])
        expectExit(bad, 64)
        expectStderr(bad, contains: "abc")
    }

    /// A growth model predicts at values of its `--x` column, inline or from a CSV with that column.
    @Test func growthModelPredictsAtNamedPredictorValues() throws {
        let ws = try Workspace()
        try ws.write("years.csv", Fixtures.calendarYears)
        try ws.write("future.csv", "year\n2025\n2026\n")
        let base = ["fit", "--data", "years.csv", "--x", "year", "--y", "count", "--model", "gompertz", "--origin", "2016", "--format", "json"]
        let inline = try ws.run(base + ["--predict", "year=2025,2026"])
        expectExit(inline, 0)
        let file = try ws.run(base + ["--predict", "future.csv"])
        expectExit(file, 0)
        let a = try #require(try inline.jsonObject()["predictions"] as? [[String: Any]])
        let b = try #require(try file.jsonObject()["predictions"] as? [[String: Any]])
        #expect(a.count == 2 && b.count == 2)
        #expect(a.map { number($0, "fitted") } == b.map { number($0, "fitted") })
        let upper = try #require(number(a[0], "prediction_upper")), lower = try #require(number(a[0], "prediction_lower"))
        let fitted = try #require(number(a[0], "fitted"))
        #expect(lower < fitted && fitted < upper && fitted > 28)
    }

    /// MGH Jennrich–Sampson: the minimum lies on the ridge x1 = x2 (standard errors 1.6e6 were reported "converged").
    @Test func aRidgeIsNotUsable() throws {
        let ws = try Workspace()
        try ws.write("js.csv", "i,y\n" + (1...10).map { "\($0),\(2 + 2 * $0)\n" }.joined())
        let result = try ws.run(["fit", "--data", "js.csv", "--x", "i", "--y", "y", "--formula", "exp(i*x1)+exp(i*x2)",
                                 "--start", "x1=0.3,x2=0.4", "--format", "json"])
        expectExit(result, 1)
        expectStderr(result, contains: "ridge", "not separately identifiable")
        let json = try result.jsonObject()
        #expect(json["usable"] as? Bool == false && json["status"] as? String == "failed")
    }
}
