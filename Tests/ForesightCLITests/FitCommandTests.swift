import Foundation
import Testing

/// `foresight fit` as a process: the JSON contract, certified accuracy, and the messages of
/// every kind of bad input.
@Suite("foresight fit (process)")
struct FitCommandTests {
    static let misraFormula = "b1*(1-exp(-b2*x))"

    // MARK: Successful fits

    @Test func logisticModelConvergesWithTheContractShape() throws {
        let ws = try Workspace()
        try ws.write("logistic.csv", Fixtures.logistic)
        let result = try ws.run(["fit", "--data", "logistic.csv", "--x", "x", "--y", "y", "--model", "logistic",
                                 "--format", "json"])
        expectExit(result, 0)
        #expect(result.stderr.isEmpty, "\(result)")
        let json = try result.jsonObject()
        for key in ["model", "n", "df", "status", "usable", "message", "iterations", "evaluations", "rss", "sigma",
                    "aic", "aicc", "bic", "parameters"] {
            #expect(json[key] != nil, "missing key \(key)")
        }
        #expect(json["model"] as? String == "logistic")
        #expect(json["n"] as? Int == 20)
        #expect(json["df"] as? Int == 17)
        #expect(json["status"] as? String == "converged")
        #expect(json["usable"] as? Bool == true)
        #expect((json["message"] as? String)?.isEmpty == false)
        #expect((json["iterations"] as? Int).map { $0 > 0 } == true)
        #expect((json["evaluations"] as? Int).map { $0 >= (json["iterations"] as? Int ?? 0) } == true)

        let parameters = try #require(json["parameters"] as? [[String: Any]])
        #expect(parameters.map { $0["name"] as? String } == ["Asym", "xmid", "scal"])
        for parameter in parameters {
            for key in ["name", "estimate", "std_error", "t_value", "p_value", "ci_lower", "ci_upper"] {
                #expect(parameter[key] != nil && !(parameter[key] is NSNull), "parameter key \(key): \(parameter)")
            }
            let estimate = try #require(number(parameter, "estimate"))
            let se = try #require(number(parameter, "std_error"))
            #expect(isClose(try #require(number(parameter, "t_value")), estimate / se, relative: 1e-9))
            #expect(try #require(number(parameter, "ci_lower")) < estimate)
            #expect(try #require(number(parameter, "ci_upper")) > estimate)
        }
        let estimates = parameters.compactMap { number($0, "estimate") }
        #expect(abs(estimates[0] - 50) < 0.5 && abs(estimates[1] - 10) < 0.1 && abs(estimates[2] - 2) < 0.1, "\(estimates)")

        // σ² = RSS/df, and the information criteria count the 3 parameters plus σ.
        let rss = try #require(number(json, "rss"))
        #expect(isClose(try #require(number(json, "sigma")), (rss / 17).squareRoot(), relative: 1e-12))
        let aic = try #require(number(json, "aic"))
        #expect(isClose(try #require(number(json, "aicc")), aic + 2.0 * 4 * 5 / (20 - 4 - 1), relative: 1e-12))
        #expect(isClose(try #require(number(json, "bic")), aic - 8 + 4 * log(20.0), relative: 1e-12))
    }

    @Test(arguments: [(["b1=500", "b2=1e-4"]), (["b1=250", "b2=5e-4"])])
    func formulaReproducesTheCertifiedMisra1aValues(starts: [String]) throws {
        let ws = try Workspace()
        try ws.write("misra1a.csv", Fixtures.misra1a)
        let result = try ws.run(["fit", "--data", "misra1a.csv", "--x", "x", "--y", "y", "--formula", Self.misraFormula,
                                 "--start", starts.joined(separator: ","), "--format", "json"])
        expectExit(result, 0)
        let json = try result.jsonObject()
        #expect(json["status"] as? String == "converged")
        #expect(json["n"] as? Int == 14)
        #expect(json["df"] as? Int == 12)
        let parameters = try #require(json["parameters"] as? [[String: Any]])
        #expect(parameters.map { $0["name"] as? String } == ["b1", "b2"])
        // Certified values of NIST StRD Misra1a.
        let certified: [(estimate: Double, standardError: Double)] = [
            (2.3894212918e+02, 2.7070075241e+00), (5.5015643181e-04, 7.2668688436e-06),
        ]
        for (parameter, value) in zip(parameters, certified) {
            let estimate = try #require(number(parameter, "estimate"))
            #expect(isClose(estimate, value.estimate, relative: 1e-6), "\(parameter)")
            #expect(isClose(try #require(number(parameter, "std_error")), value.standardError, relative: 1e-6), "\(parameter)")
        }
        #expect(isClose(try #require(number(json, "rss")), 1.2455138894e-01, relative: 1e-6))
        #expect(isClose(try #require(number(json, "sigma")), 1.0187876330e-01, relative: 1e-6))
    }

    @Test(arguments: ["text", "markdown", "csv"])
    func otherFormats(format: String) throws {
        let ws = try Workspace()
        try ws.write("misra1a.csv", Fixtures.misra1a)
        let result = try ws.run(["fit", "--data", "misra1a.csv", "--x", "x", "--y", "y", "--formula", Self.misraFormula,
                                 "--start", "b1=500,b2=1e-4", "--format", format])
        expectExit(result, 0)
        #expect(result.stdout.contains("b1") && result.stdout.contains("b2"), "\(result)")
        #expect(result.stdout.contains("238.942129"), "\(result)")
        if format == "csv" { #expect(result.stdout.hasPrefix("parameter,estimate,std_error,")) }
    }

    @Test func outWritesTheFileOnly() throws {
        let ws = try Workspace()
        try ws.write("misra1a.csv", Fixtures.misra1a)
        let result = try ws.run(["fit", "--data", "misra1a.csv", "--x", "x", "--y", "y", "--formula", Self.misraFormula,
                                 "--start", "b1=500,b2=1e-4", "--format", "json", "--out", "fit.json"])
        expectExit(result, 0)
        #expect(result.stdout.isEmpty)
        let json = try JSONSerialization.jsonObject(with: Data(try ws.read("fit.json").utf8)) as? [String: Any]
        #expect(json?["status"] as? String == "converged")
        #expect(try ws.fileNames() == ["fit.json", "misra1a.csv"])
    }

    @Test func gompertzOnCalendarYearsWithAnOriginConverges() throws {
        let ws = try Workspace()
        try ws.write("years.csv", Fixtures.calendarYears)
        let result = try ws.run(["fit", "--data", "years.csv", "--x", "year", "--y", "count", "--model", "gompertz",
                                 "--origin", "2016", "--format", "json"])
        expectExit(result, 0)
        #expect(try result.jsonObject()["status"] as? String == "converged")
    }

    // MARK: Usage errors in the formula and options: exit 64

    @Test func formulaSyntaxErrorShowsTheCaret() throws {
        let ws = try Workspace()
        try ws.write("misra1a.csv", Fixtures.misra1a)
        let result = try ws.run(["fit", "--data", "misra1a.csv", "--x", "x", "--y", "y", "--formula", "b1*(1-exp(-b2*x)",
                                 "--start", "b1=500,b2=1e-4"])
        expectExit(result, 64)
        #expect(result.stdout.isEmpty)
        expectStderr(result, contains: "column 4", "  b1*(1-exp(-b2*x)\n     ^")
        // A formula error is found in run(), after parsing; the message names the subcommand.
        #expect(result.stderr.contains("foresight fit"), "\(result)")
    }

    @Test func danglingOperatorShowsTheCaretAtTheEnd() throws {
        let ws = try Workspace()
        try ws.write("misra1a.csv", Fixtures.misra1a)
        let result = try ws.run(["fit", "--data", "misra1a.csv", "--x", "x", "--y", "y", "--formula", "b1*x+",
                                 "--start", "b1=1"])
        expectExit(result, 64)
        expectStderr(result, contains: "'+' at column 5", "  b1*x+\n      ^")
    }

    @Test func emptyFormula() throws {
        let ws = try Workspace()
        try ws.write("misra1a.csv", Fixtures.misra1a)
        let result = try ws.run(["fit", "--data", "misra1a.csv", "--x", "x", "--y", "y", "--formula", " "])
        expectExit(result, 64)
        expectStderr(result, contains: "empty")
    }

    @Test func missingStartValuesAreAllListed() throws {
        let ws = try Workspace()
        try ws.write("misra1a.csv", Fixtures.misra1a)
        let none = try ws.run(["fit", "--data", "misra1a.csv", "--x", "x", "--y", "y", "--formula", "b1*(1-exp(-b2*x))+b3"])
        expectExit(none, 64)
        expectStderr(none, contains: "b1, b2, b3", "--start")

        let some = try ws.run(["fit", "--data", "misra1a.csv", "--x", "x", "--y", "y", "--formula", "b1*(1-exp(-b2*x))+b3",
                               "--start", "b1=1"])
        expectExit(some, 64)
        expectStderr(some, contains: "b2, b3", "--start b2=1,b3=1")
    }

    @Test func misspelledPredictorBecomesAParameterWithoutStart() throws {
        let ws = try Workspace()
        try ws.write("misra1a.csv", Fixtures.misra1a)
        let result = try ws.run(["fit", "--data", "misra1a.csv", "--x", "x", "--y", "y", "--formula", "b1*(1-exp(-b2*xx))",
                                 "--start", "b1=500,b2=1e-4"])
        expectExit(result, 64)
        expectStderr(result, contains: "xx")
    }

    @Test func startValuesForNamesNotInTheFormulaAreAllListed() throws {
        let ws = try Workspace()
        try ws.write("misra1a.csv", Fixtures.misra1a)
        let result = try ws.run(["fit", "--data", "misra1a.csv", "--x", "x", "--y", "y", "--formula", "b1*x",
                                 "--start", "b1=1,b3=2,b4=3"])
        expectExit(result, 64)
        expectStderr(result, contains: "'b3'", "'b4'")
    }

    @Test func unknownFunctionsAreNamed() throws {
        let ws = try Workspace()
        try ws.write("misra1a.csv", Fixtures.misra1a)
        let result = try ws.run(["fit", "--data", "misra1a.csv", "--x", "x", "--y", "y", "--formula", "foo(x)+b1*bar(x)",
                                 "--start", "b1=1"])
        expectExit(result, 64)
        expectStderr(result, contains: "'foo'")
        #expect(result.stderr.contains("'bar'"), "\(result)")
    }

    @Test(arguments: [("logistik", "logistic"), ("gompertx", "gompertz"), ("Richard", "richards"), ("bas", "bass")])
    func unknownModelSuggestsTheClosest(name: String, suggestion: String) throws {
        let ws = try Workspace()
        try ws.write("logistic.csv", Fixtures.logistic)
        let result = try ws.run(["fit", "--data", "logistic.csv", "--x", "x", "--y", "y", "--model", name])
        expectExit(result, 64)
        expectStderr(result, contains: "'\(name)'", "did you mean '\(suggestion)'", "logistic4", "monomolecular")
    }

    @Test func unknownModelWithoutNearNameListsTheModels() throws {
        let ws = try Workspace()
        try ws.write("logistic.csv", Fixtures.logistic)
        let result = try ws.run(["fit", "--data", "logistic.csv", "--x", "x", "--y", "y", "--model", "spline"])
        expectExit(result, 64)
        expectStderr(result, contains: "'spline'", "linear", "gompertz", "bass")
    }

    @Test(arguments: [
        (["--model", "logistic", "--formula", "a*x"], "exactly one"),
        ([String](), "exactly one"),
        (["--model", "logistic", "--level", "1.5"], "--level"),
        (["--model", "logistic", "--max-iterations", "0"], "--max-iterations"),
        (["--model", "logistic", "--loss", "tukey"], "tukey"),
        (["--model", "logistic", "--loss-scale", "-1"], "--loss-scale"),
        (["--model", "logistic", "--start", "Asym"], "name=value"),
        (["--model", "logistic", "--start", "Asym=abc"], "abc"),
        (["--model", "logistic", "--start", "K=50"], "unknown parameter K"),
        (["--formula", "a*x", "--start", "a=1", "--lower", "b=0"], "unknown parameter b"),
    ])
    func invalidOptions(extra: [String], fragment: String) throws {
        let ws = try Workspace()
        try ws.write("logistic.csv", Fixtures.logistic)
        let result = try ws.run(["fit", "--data", "logistic.csv", "--x", "x", "--y", "y"] + extra)
        expectExit(result, 64)
        expectStderr(result, contains: fragment)
        #expect(result.stdout.isEmpty)
    }

    @Test func contradictoryBoundsAreAUsageError() throws {
        let ws = try Workspace()
        try ws.write("misra1a.csv", Fixtures.misra1a)
        let result = try ws.run(["fit", "--data", "misra1a.csv", "--x", "x", "--y", "y", "--formula", "a*x",
                                 "--start", "a=1", "--lower", "a=5", "--upper", "a=1"])
        #expect(!result.trapped, "\(result)")
        expectStderr(result, contains: "a")
        // The bounds come from the command line, not from the data file.
        #expect(result.status == 64, "\(result)")
    }

    // MARK: Bad data: exit 65

    @Test func nanInTheDataNamesTheRow() throws {
        let ws = try Workspace()
        var lines = Fixtures.logistic.split(separator: "\n").map(String.init)
        lines[4] = "4,NaN"
        try ws.write("nan.csv", lines.joined(separator: "\n") + "\n")
        for spec in [["--model", "logistic"], ["--formula", "a*x", "--start", "a=1"]] {
            let result = try ws.run(["fit", "--data", "nan.csv", "--x", "x", "--y", "y"] + spec)
            expectExit(result, 65)
            expectStderr(result, contains: "nan.csv:5:3:", "'NaN'")
        }
    }

    @Test func unknownColumnsAreAllListed() throws {
        let ws = try Workspace()
        try ws.write("logistic.csv", Fixtures.logistic)
        let result = try ws.run(["fit", "--data", "logistic.csv", "--x", "t", "--y", "count", "--model", "logistic"])
        expectExit(result, 65)
        expectStderr(result, contains: "logistic.csv:1", "'t'", "'count'", "'x', 'y'")
    }

    @Test func headerWithoutRowsIsLocated() throws {
        let ws = try Workspace()
        try ws.write("none.csv", "x,y\n")
        let result = try ws.run(["fit", "--data", "none.csv", "--x", "x", "--y", "y", "--model", "logistic"])
        expectExit(result, 65)
        expectStderr(result, contains: "none.csv:1", "no data rows")
    }

    @Test(arguments: [
        (["--model", "logistic"], "3"),
        (["--model", "logistic4"], "4"),
        (["--model", "richards"], "4"),
        (["--model", "gompertz"], "3"),
        (["--formula", "a/(1+exp((b-x)/c))", "--start", "a=6,b=1.5,c=1"], "3"),
    ])
    func fewerDistinctXThanParameters(spec: [String], needed: String) throws {
        let ws = try Workspace()
        try ws.write("two-x.csv", "x,y\n1,2\n1,3\n2,5\n2,6\n")
        let result = try ws.run(["fit", "--data", "two-x.csv", "--x", "x", "--y", "y"] + spec)
        expectExit(result, 65)
        expectStderr(result, contains: "distinct x", "2 distinct", "at least \(needed)")
    }

    @Test func nonPositiveWeightIsBadData() throws {
        let ws = try Workspace()
        try ws.write("weights.csv", "x,y,w\n1,2,1\n2,4,0\n3,6,1\n4,8,1\n")
        let result = try ws.run(["fit", "--data", "weights.csv", "--x", "x", "--y", "y", "--formula", "a*x",
                                 "--start", "a=1", "--weights", "w"])
        expectExit(result, 65)
        expectStderr(result, contains: "weight")
    }

    @Test func gompertzOnCalendarYearsWithoutOriginSaysWhy() throws {
        let ws = try Workspace()
        try ws.write("years.csv", Fixtures.calendarYears)
        let result = try ws.run(["fit", "--data", "years.csv", "--x", "year", "--y", "count", "--model", "gompertz"])
        #expect(!result.trapped, "\(result)")
        #expect(result.status == 65 || result.status == 1, "\(result)")
        expectStderr(result, contains: "Gompertz", "origin")
    }

    @Test(arguments: ["exponential", "weibull", "monomolecular", "bass", "logistic", "richards", "logistic4", "linear"])
    func everyModelOnCalendarYearsEndsInAnOrderlyWay(model: String) throws {
        let ws = try Workspace()
        try ws.write("years.csv", Fixtures.calendarYears)
        let result = try ws.run(["fit", "--data", "years.csv", "--x", "year", "--y", "count", "--model", model,
                                 "--format", "json"])
        #expect(!result.trapped, "\(result)")
        #expect([0, 1, 65].contains(result.status), "\(result)")
        if result.status == 0 || result.status == 1 {
            let json = try result.jsonObject()
            #expect(json["usable"] as? Bool == (result.status == 0), "\(result)")
        } else {
            #expect(!result.stderr.isEmpty)
        }
    }

    // MARK: Fits that do not converge: exit 1 with the result

    @Test func iterationLimitIsNotUsable() throws {
        let ws = try Workspace()
        try ws.write("misra1a.csv", Fixtures.misra1a)
        let result = try ws.run(["fit", "--data", "misra1a.csv", "--x", "x", "--y", "y", "--formula", Self.misraFormula,
                                 "--start", "b1=500,b2=1e-4", "--max-iterations", "2", "--format", "json"])
        expectExit(result, 1)
        expectStderr(result, contains: "not usable")
        let json = try result.jsonObject()
        #expect(json["status"] as? String == "iteration_limit")
        #expect(json["usable"] as? Bool == false)
        let notes = json["notes"] as? [String] ?? []
        #expect(!notes.contains { $0.contains("converged") }, "notes: \(notes)")
    }

    @Test func modelNotFiniteAtTheStartFails() throws {
        let ws = try Workspace()
        try ws.write("misra1a.csv", Fixtures.misra1a)
        let result = try ws.run(["fit", "--data", "misra1a.csv", "--x", "x", "--y", "y", "--formula", "exp(b1*x)",
                                 "--start", "b1=10", "--format", "json"])
        expectExit(result, 1)
        expectStderr(result, contains: "not finite")
        let json = try result.jsonObject()
        #expect(json["status"] as? String == "failed")
        #expect(json["usable"] as? Bool == false)
        #expect(json["rss"] is NSNull, "a non-finite RSS is written as null")
    }

    /// Issue 12: with every parameter given the self-start does not run. The Bass self-start
    /// refuses x before the launch (its origin), yet the fit from given values proceeds.
    @Test func completeStartSkipsTheSelfStart() throws {
        let ws = try Workspace()
        let rows = (0..<16).map { i -> String in
            let t = Double(i) - 2
            let decay = exp(-0.45 * t)
            return "\(t),\(1000 * (1 - decay) / (1 + 14 * decay) + (i % 2 == 0 ? 2 : -2))"
        }
        try ws.write("d.csv", (["x,y"] + rows).joined(separator: "\n") + "\n")
        let base = ["fit", "--data", "d.csv", "--x", "x", "--y", "y", "--model", "bass"]
        let refused = try ws.run(base)
        #expect(refused.status == 65, "\(refused)")
        expectStderr(refused, contains: "origin")
        expectExit(try ws.run(base + ["--start", "m=900,p=0.05,q=0.5"]), 0)
    }
}
