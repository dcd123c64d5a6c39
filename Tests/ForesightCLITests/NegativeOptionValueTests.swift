import ArgumentParser
import Testing

@testable import ForesightCLI

/// Every numeric option takes a negative number as its value (`--origin -5`), instead of
/// ArgumentParser's "Missing value" for a token that starts with a hyphen.
@Suite("Negative option values")
struct NegativeOptionValueTests {
    /// Each command with its required arguments and its numeric options.
    static let cases: [(base: [String], options: [String])] = [
        (["regress", "--data", "d.csv", "--y", "y", "--x", "x"], ["--degree", "--level", "--rank-tolerance"]),
        (["fit", "--data", "d.csv", "--x", "x", "--y", "y", "--model", "logistic"],
         ["--loss-scale", "--origin", "--dose", "--level", "--max-iterations"]),
        (["fit-batch", "--data", "d.csv", "--group", "g", "--x", "x", "--y", "y", "--model", "logistic", "--out", "r.csv"],
         ["--origin", "--loss-scale", "--dose", "--max-iterations", "--threads", "--chunk-series"]),
        (["forecast", "s.yaml"], ["--seed", "--draws", "--threads"]),
        (["calibrate"], ["--replicates", "--draws", "--seed", "--threads"]),
        (["report"], ["--draws", "--threads"]),
        (["scorecard", "s.yaml"], ["--seed"]),
        (["synth", "counts", "--out", "c.csv"], ["--seed", "--series", "--points", "--noise", "--alternatives", "--criteria", "--draws"]),
        (["bench", "fit"], ["--threads", "--seed", "--repetitions"]),
    ]

    @Test(arguments: cases.flatMap { c in c.options.map { (c.base, $0) } })
    func negativeValueIsReadAsTheValue(base: [String], option: String) {
        do {
            _ = try Foresight.parseAsRoot(base + [option, "-5"])
        } catch {
            // Refused by the option's range check or its type (an unsigned seed), never unread.
            let message = Foresight.message(for: error)
            #expect(!message.contains("Missing value"), "\(base[0]) \(option) -5: \(message)")
            #expect(Foresight.exitCode(for: error).rawValue == 64, "\(message)")
        }
    }

    @Test func negativeOriginIsParsed() throws {
        let fit = try #require(try Foresight.parseAsRoot(
            ["fit", "--data", "d.csv", "--x", "x", "--y", "y", "--model", "gompertz", "--origin", "-5"]) as? Fit)
        #expect(fit.settings.origin == -5)
        let batch = try #require(try Foresight.parseAsRoot(
            ["fit-batch", "--data", "d.csv", "--group", "g", "--x", "x", "--y", "y", "--model", "logistic", "--out", "r.csv",
             "--origin", "-2.5e3"]) as? FitBatch)
        #expect(batch.settings.origin == -2500)
    }

    @Test func outOfRangeNegativeValueGetsTheRangeMessage() {
        let arguments = ["regress", "--data", "d.csv", "--y", "y", "--x", "x", "--level", "-0.5"]
        #expect(throws: (any Error).self) { try Foresight.parseAsRoot(arguments) }
        do { _ = try Foresight.parseAsRoot(arguments) } catch {
            #expect(Foresight.message(for: error).contains("--level must lie strictly between 0 and 1"))
        }
    }
}

/// Counts of work set by flags are bounded before anything runs.
@Suite("Option limits")
struct OptionLimitTests {
    @Test(arguments: [
        ["forecast", "s.yaml", "--threads", "100000"],
        ["calibrate", "--threads", "100000"],
        ["fit-batch", "--data", "d.csv", "--group", "g", "--x", "x", "--y", "y", "--model", "logistic", "--out", "r.csv", "--threads", "100000"],
        ["bench", "fit", "--threads", "100000"],
    ])
    func threadsAreBounded(arguments: [String]) {
        do {
            _ = try Foresight.parseAsRoot(arguments)
            Issue.record("accepted: \(arguments)")
        } catch {
            #expect(Foresight.message(for: error).contains("--threads must be between 1 and 1024"), "\(Foresight.message(for: error))")
            #expect(Foresight.exitCode(for: error).rawValue == 64)
        }
    }

    @Test func benchRepetitionsAreBounded() {
        do {
            _ = try Foresight.parseAsRoot(["bench", "fit", "--repetitions", "1000000000"])
            Issue.record("accepted")
        } catch {
            #expect(Foresight.message(for: error).contains("--repetitions must be between 1 and 1000"))
        }
    }
}
