import Foundation
import Testing

/// `foresight fit-batch` with the options of `fit` (issue 12, item 6): formulas, start values,
/// fixed parameters, bounds, a weights column and robust losses, checked series by series
/// against scipy and R values recorded in Tests/CurveFittingTests/Fixtures
/// (solver_features.json by make_solver_fixtures.py, r_inference.json by
/// make_r_inference_fixtures.R); and bad series that become one `invalid` or `failed` row each
/// while the batch goes on.
@Suite("foresight fit-batch options shared with fit (process)")
struct FitBatchOptionsCommandTests {
    static func fixture(_ name: String) throws -> [String: Any] {
        let url = ForesightExecutable.packageRoot.appendingPathComponent("Tests/CurveFittingTests/Fixtures/\(name)")
        return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    static func numbers(_ object: [String: Any], _ key: String) throws -> [Double] {
        try #require((object[key] as? [NSNumber])?.map(\.doubleValue), "\(key)")
    }

    /// One output row by series id, as header name → cell.
    static func rows(_ text: String) throws -> [String: [String: String]] {
        let lines = text.split(separator: "\n").map(String.init)
        let header = try #require(lines.first).split(separator: ",").map(String.init)
        var rows: [String: [String: String]] = [:]
        for line in lines.dropFirst() {
            // The message is the last cell and may be quoted with commas: split the first fields only.
            let cells = line.split(separator: ",", maxSplits: header.count - 1, omittingEmptySubsequences: false).map(String.init)
            rows[cells[0]] = Dictionary(uniqueKeysWithValues: zip(header, cells))
        }
        return rows
    }

    static func value(_ row: [String: String]?, _ key: String) throws -> Double {
        let cell = try #require(row?[key], "no \(key) in \(String(describing: row))")
        return try #require(Double(cell), "\(key) of \(String(describing: row))")
    }

    static let base = ["fit-batch", "--data", "long.csv", "--group", "series", "--x", "x", "--y", "y", "--out", "fits.csv"]

    /// A weighted formula fit per series agrees with scipy's `curve_fit(sigma = 1/√w)`; series
    /// with too few points or a non-finite or negative weight are invalid rows with the reason,
    /// and the series after them are fitted.
    @Test func weightedFormulaFitsAgreeWithScipyAndBadSeriesAreOneRowEach() throws {
        let weighted = try #require(try Self.fixture("solver_features.json")["weighted"] as? [String: Any])
        let (x, y, w) = (try Self.numbers(weighted, "x"), try Self.numbers(weighted, "y"), try Self.numbers(weighted, "weights"))
        let estimates = try Self.numbers(weighted, "estimates"), errors = try Self.numbers(weighted, "std_errors")
        var lines = ["series,x,y,w"]
        func add(_ id: String, _ rows: [(Double, Double, String)]) { lines += rows.map { "\(id),\($0.0),\($0.1),\($0.2)" } }
        let good = (0..<x.count).map { (x[$0], y[$0], "\(w[$0])") }
        add("first", good)
        add("few", [(0, 11.8, "1"), (1, 8.4, "1")])
        add("infinite_weight", good.enumerated().map { $0.offset == 3 ? ($0.element.0, $0.element.1, "inf") : $0.element })
        add("negative_weight", good.enumerated().map { $0.offset == 5 ? ($0.element.0, $0.element.1, "-2") : $0.element })
        add("unreadable_weight", good.enumerated().map { $0.offset == 7 ? ($0.element.0, $0.element.1, "heavy") : $0.element })
        add("last", good)
        let ws = try Workspace()
        try ws.write("long.csv", lines.joined(separator: "\n") + "\n")
        let result = try ws.run(Self.base + ["--formula", "b1*exp(-b2*x) + b3", "--start", "b1=8,b2=0.3,b3=1", "--weights", "w",
                                             "--threads", "2"])
        expectExit(result, 0)
        let rows = try Self.rows(try ws.read("fits.csv"))
        #expect(rows.count == 6, "\(rows.keys.sorted())")
        for id in ["first", "last"] {
            let row = rows[id]
            #expect(row?["status"] == "converged" && row?["usable"] == "true", "\(id): \(String(describing: row))")
            for (j, name) in ["b1", "b2", "b3"].enumerated() {
                #expect(isClose(try Self.value(row, name), estimates[j], relative: 1e-6), "\(id) \(name)")
                #expect(isClose(try Self.value(row, "\(name)_se"), errors[j], relative: 1e-6), "\(id) \(name)_se")
            }
            #expect(isClose(try Self.value(row, "rss"), try #require(weighted["rss"] as? Double), relative: 1e-8))
        }
        #expect(rows["few"]?["status"] == "invalid" && rows["few"]?["n"] == "2", "\(String(describing: rows["few"]))")
        for id in ["infinite_weight", "negative_weight", "unreadable_weight"] {
            let row = rows[id]
            #expect(row?["status"] == "invalid" && row?["b1"] == "", "\(id): \(String(describing: row))")
            let reason = id == "negative_weight" ? "weight" : id == "infinite_weight" ? "'inf' is not a finite number in column 'w'" : "heavy"
            #expect(row?["message"]?.contains(reason) == true, "\(id): \(String(describing: row))")
        }
    }

    /// `--fix` holds the parameter at its value in every series: R's `nlsLM` with K = 0.07 on
    /// Puromycin (treated), for the formula and for the self-starting micmen model alike.
    @Test func fixHoldsAParameterAsRDoes() throws {
        let reference = try #require(try Self.fixture("r_inference.json")["fixed"] as? [String: Any])
        let vm = try #require(reference["estimates"] as? Double), se = try #require(reference["std_errors"] as? Double)
        let treated = try #require(try Self.fixture("r_inference.json")["michaelis_menten"] as? [String: Any])
        let (x, y) = (try Self.numbers(treated, "x"), try Self.numbers(treated, "y"))
        let series = ["p1", "p2"].flatMap { id in zip(x, y).map { "\(id),\($0),\($1)" } }
        let ws = try Workspace()
        try ws.write("long.csv", (["series,x,y"] + series).joined(separator: "\n") + "\n")
        for options in [["--formula", "Vm*x/(K+x)", "--start", "Vm=200", "--fix", "K=0.07"], ["--model", "micmen", "--fix", "K=0.07"]] {
            expectExit(try ws.run(Self.base + options), 0)
            let rows = try Self.rows(try ws.read("fits.csv"))
            for id in ["p1", "p2"] {
                let row = rows[id]
                #expect(row?["status"] == "converged", "\(options): \(String(describing: row))")
                #expect(isClose(try Self.value(row, "Vm"), vm, relative: 1e-8), "\(options)")
                #expect(isClose(try Self.value(row, "Vm_se"), se, relative: 1e-6), "\(options)")
                #expect(try Self.value(row, "K") == 0.07 && row?["K_se"] == "", "\(options): \(String(describing: row))")
            }
        }
    }

    /// Bounds hold in every series and agree with scipy's `least_squares(bounds=…)` where they
    /// are active; a robust loss agrees with scipy's `least_squares(loss=…, f_scale=…)`.
    @Test func boundsAndRobustLossesAgreeWithScipy() throws {
        let features = try Self.fixture("solver_features.json")
        let bounds = try #require(features["bounds"] as? [String: Any])
        let robust = try #require(features["robust"] as? [String: Any])
        var lines = ["series,x,y"]
        for (name, section) in [("bounded", bounds), ("robust", robust)] {
            let (x, y) = (try Self.numbers(section, "x"), try Self.numbers(section, "y"))
            lines += zip(x, y).map { "\(name),\($0),\($1)" }
        }
        let ws = try Workspace()
        try ws.write("long.csv", lines.joined(separator: "\n") + "\n")
        let formula = ["--formula", "b1*(1 - exp(-b2*x))"]
        // scipy case 'two-sided box, b1 active at its upper bound' (lower 0, 0; upper 18, none; start 10, 0.3).
        let box = try #require((bounds["cases"] as? [[String: Any]])?.first)
        let boxed = try Self.numbers(box, "estimates")
        expectExit(try ws.run(Self.base + formula + ["--start", "b1=10,b2=0.3", "--lower", "b1=0,b2=0", "--upper", "b1=18"]), 0)
        var rows = try Self.rows(try ws.read("fits.csv"))
        #expect(isClose(try Self.value(rows["bounded"], "b1"), boxed[0], relative: 1e-9))
        #expect(isClose(try Self.value(rows["bounded"], "b2"), boxed[1], relative: 1e-6))
        for id in ["bounded", "robust"] {
            #expect(try Self.value(rows[id], "b1") <= 18 && (try Self.value(rows[id], "b2")) >= 0, "\(String(describing: rows[id]))")
        }
        // scipy: huber, f_scale 0.5, unweighted, from 15, 0.2.
        let fit = try #require((robust["fits"] as? [[String: Any]])?.first { $0["loss"] as? String == "huber" && $0["scale"] as? Double == 0.5 })
        let huber = try Self.numbers(fit, "estimates")
        expectExit(try ws.run(Self.base + formula + ["--start", "b1=15,b2=0.2", "--loss", "huber", "--loss-scale", "0.5"]), 0)
        rows = try Self.rows(try ws.read("fits.csv"))
        #expect(isClose(try Self.value(rows["robust"], "b1"), huber[0], relative: 1e-6), "\(String(describing: rows["robust"]))")
        #expect(isClose(try Self.value(rows["robust"], "b2"), huber[1], relative: 1e-6), "\(String(describing: rows["robust"]))")
        // A self-started growth model under an upper bound: the start is projected inside, the estimate stays there.
        expectExit(try ws.run(Self.base + ["--model", "monomolecular", "--upper", "Asym=19"]), 0)
        rows = try Self.rows(try ws.read("fits.csv"))
        for id in ["bounded", "robust"] {
            #expect(rows[id]?["status"] == "converged", "\(String(describing: rows[id]))")
            #expect(try Self.value(rows[id], "Asym") <= 19, "\(String(describing: rows[id]))")
        }
    }

    /// `--start` with every parameter skips the self-start: a series the Bass self-start
    /// refuses (x before the launch, its origin) is fitted from the given values, while a
    /// partial `--start` self-starts the rest and keeps the self-start's reason; the series
    /// next to it is fitted either way.
    @Test func aFullStartSkipsTheSelfStart() throws {
        var lines = ["series,x,y"]
        for (id, shift) in [("early", 2.0), ("launched", 0.0)] {
            for i in 0..<16 {
                let t = Double(i) - shift
                let decay = exp(-0.45 * t)
                lines.append("\(id),\(t),\(1000 * (1 - decay) / (1 + 14 * decay) + (i % 2 == 0 ? 2 : -2))")
            }
        }
        let ws = try Workspace()
        try ws.write("long.csv", lines.joined(separator: "\n") + "\n")
        let model = ["--model", "bass"]
        expectExit(try ws.run(Self.base + model), 0)
        var rows = try Self.rows(try ws.read("fits.csv"))
        #expect(rows["early"]?["status"] == "invalid" && rows["early"]?["message"]?.contains("origin") == true,
                "\(String(describing: rows["early"]))")
        #expect(rows["launched"]?["status"] == "converged", "\(String(describing: rows["launched"]))")
        let reason = try #require(rows["early"]?["message"])
        expectExit(try ws.run(Self.base + model + ["--start", "m=900"]), 0)
        rows = try Self.rows(try ws.read("fits.csv"))
        #expect(rows["early"]?["status"] == "invalid" && rows["early"]?["message"] == reason, "\(String(describing: rows["early"]))")
        expectExit(try ws.run(Self.base + model + ["--start", "m=900,p=0.05,q=0.5"]), 0)
        rows = try Self.rows(try ws.read("fits.csv"))
        for id in ["early", "launched"] {
            #expect(rows[id]?["status"] == "converged", "\(String(describing: rows[id]))")
            #expect(isClose(try Self.value(rows[id], "m"), 1000, relative: 1e-2), "\(String(describing: rows[id]))")
        }
    }

    /// A formula that cannot be evaluated on a series (log of a negative number at the start)
    /// is that series' row, never the end of the batch.
    @Test func aFormulaThatFailsOnASeriesIsOneRow() throws {
        var lines = ["series,x,y"]
        for id in ["before", "negative", "after"] {
            for x in 1...12 {
                let shift = id == "negative" ? -20.0 : 0
                lines.append("\(id),\(Double(x) + shift),\(3 * log(Double(x) + 0.5) + (x % 2 == 0 ? 0.05 : -0.05))")
            }
        }
        let ws = try Workspace()
        try ws.write("long.csv", lines.joined(separator: "\n") + "\n")
        let result = try ws.run(Self.base + ["--formula", "b1*log(x + b2)", "--start", "b1=2,b2=1"])
        expectExit(result, 0)
        let rows = try Self.rows(try ws.read("fits.csv"))
        #expect(rows.count == 3)
        for id in ["before", "after"] { #expect(rows[id]?["status"] == "converged", "\(String(describing: rows[id]))") }
        let bad = try #require(rows["negative"])
        #expect(["invalid", "failed"].contains(bad["status"]) && bad["usable"] == "false" && bad["message"]?.isEmpty == false, "\(bad)")
    }

    @Test func badOptionsAreUsageErrors() throws {
        let ws = try Workspace()
        try ws.write("long.csv", "series,x,y\na,1,1\na,2,2\na,3,3\n")
        expectExit(try ws.run(Self.base + ["--formula", "b1*x"]), 64)
        expectExit(try ws.run(Self.base + ["--model", "logistic", "--formula", "b1*x", "--start", "b1=1"]), 64)
        expectExit(try ws.run(Self.base + ["--model", "logistic", "--fix", "nope=1"]), 64)
        expectExit(try ws.run(Self.base + ["--model", "logistic", "--fix", "Asym=1,xmid=1,scal=1"]), 64)
        expectExit(try ws.run(Self.base + ["--model", "logistic", "--loss", "square"]), 64)
        expectExit(try ws.run(Self.base + ["--model", "logistic", "--weights", "nope"]), 65)
    }
}
