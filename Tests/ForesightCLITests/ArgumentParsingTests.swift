import ArgumentParser
import Foundation
import Testing

@testable import ForesightCLI

/// Command-line parsing without processes: `Foresight.parseAsRoot` runs the parser and every
/// `validate()`, so cross-field checks are tested here.
@Suite("Argument parsing")
struct ArgumentParsingTests {
    /// The error `arguments` raise, or a recorded issue.
    private func parseError(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) -> Error? {
        do {
            let command = try Foresight.parseAsRoot(arguments)
            Issue.record("expected a parse error, got \(type(of: command))", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    /// Checks that `arguments` are a usage error (exit 64) whose message contains `fragment`.
    private func expectUsageError(_ arguments: [String], _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let error = parseError(arguments, sourceLocation: sourceLocation) else { return }
        #expect(Foresight.exitCode(for: error).rawValue == 64, "\(error)", sourceLocation: sourceLocation)
        let message = Foresight.message(for: error)
        #expect(message.contains(fragment), "message: \(message)", sourceLocation: sourceLocation)
    }

    private static let regress = ["regress", "--data", "d.csv", "--y", "y", "--x", "x"]
    private static let fit = ["fit", "--data", "d.csv", "--x", "x", "--y", "y"]

    // MARK: Subcommands

    @Test func calibrateOptionsAndTheirDefaults() throws {
        let command = try #require(try Foresight.parseAsRoot(["calibrate"]) as? Calibrate)
        #expect(command.replicates == 200 && command.draws == 1000 && command.seed == 2025)
        #expect(command.scenario == "Models/scenarios/china-mics-2025.yaml" && command.dataDirectory == "Data")
        let custom = try #require(try Foresight.parseAsRoot(["calibrate", "--replicates", "5", "--draws", "300", "--seed", "9", "--threads", "1",
                                                             "--scenario", "s.yaml", "--format", "json", "--out", "o.json"]) as? Calibrate)
        #expect(custom.replicates == 5 && custom.draws == 300 && custom.seed == 9 && custom.threads.count == 1 && custom.output.out == "o.json")
        expectUsageError(["calibrate", "--replicates", "0"], "--replicates")
        expectUsageError(["calibrate", "--draws", "10"], "--draws")
        expectUsageError(["calibrate", "--threads", "0"], "--threads")
    }

    @Test func unknownSubcommandIsAUsageError() {
        expectUsageError(["frobnicate"], "frobnicate")
        expectUsageError(["verify", "nist", "a.dat"], "nist")
    }

    @Test func helpAndVersionAreCleanExits() {
        // ArgumentParser either returns its built-in help command or throws a clean exit (code 0).
        for arguments in [["--help"], ["fit", "--help"], ["regress", "-h"], ["verify", "strd", "--help"], ["--version"]] {
            do {
                let command = try Foresight.parseAsRoot(arguments)
                #expect(String(describing: type(of: command)) == "HelpCommand", "\(arguments)")
            } catch {
                #expect(Foresight.exitCode(for: error).rawValue == 0, "\(arguments): \(error)")
            }
        }
        #expect(Foresight.version.split(separator: ".").count == 3)
    }

    @Test func helpListsTheSubcommandsAndFitOptions() {
        let root = Foresight.helpMessage()
        for name in ["fit", "regress", "verify"] { #expect(root.contains(name), "\(root)") }
        #expect(root.contains("64"), "the exit codes are documented")
        let fitHelp = Foresight.helpMessage(for: Fit.self)
        for fragment in ["--model", "--formula", "--start", "--lower", "--upper", "--weights", "--loss", "--origin",
                         "--format", "--out", "logistic", "gompertz", "soft_l1"] {
            #expect(fitHelp.contains(fragment), "fit help lacks \(fragment)")
        }
        let verifyHelp = Foresight.helpMessage(for: VerifyStRD.self)
        #expect(verifyHelp.contains("<paths>"))
    }

    // MARK: regress

    @Test func regressDefaults() throws {
        let command = try #require(try Foresight.parseAsRoot(Self.regress) as? Regress)
        #expect(command.data == "d.csv")
        #expect(command.y == "y")
        #expect(command.predictorNames == ["x"])
        #expect(command.degree == 1)
        #expect(command.noIntercept == false)
        #expect(command.level == 0.95)
        #expect(command.output.format.rawValue == "text")
        #expect(command.output.out == nil)
    }

    @Test func regressOptions() throws {
        let arguments = ["regress", "--data", "d.csv", "--y", "y", "--x", " a , b ", "--no-intercept", "--level", "0.9",
                         "--out", "r.json", "--format", "json"]
        let command = try #require(try Foresight.parseAsRoot(arguments) as? Regress)
        #expect(command.predictorNames == ["a", "b"])
        #expect(command.noIntercept)
        #expect(command.level == 0.9)
        #expect(command.output.out == "r.json")
        #expect(command.output.format.rawValue == "json")
    }

    @Test(arguments: ["text", "markdown", "csv", "json"])
    func everyFormatParses(format: String) throws {
        let regress = try #require(try Foresight.parseAsRoot(Self.regress + ["--format", format]) as? Regress)
        #expect(regress.output.format.rawValue == format)
        let fit = try #require(try Foresight.parseAsRoot(Self.fit + ["--model", "logistic", "--format", format]) as? Fit)
        #expect(fit.output.format.rawValue == format)
        let verify = try #require(try Foresight.parseAsRoot(["verify", "strd", "a.dat", "--format", format]) as? VerifyStRD)
        #expect(verify.output.format.rawValue == format)
    }

    @Test(arguments: ["xml", "JSON", "html", ""])
    func unknownFormatListsTheChoices(format: String) {
        expectUsageError(Self.regress + ["--format", format], "markdown")
    }

    @Test func regressValidation() {
        expectUsageError(Self.regress + ["--level", "1"], "--level")
        expectUsageError(Self.regress + ["--level", "-0.5"], "--level")
        expectUsageError(Self.regress + ["--degree", "0"], "--degree")
        expectUsageError(["regress", "--data", "d.csv", "--y", "y", "--x", "a,b", "--degree", "3"], "--degree")
        expectUsageError(["regress", "--data", "d.csv", "--y", "y", "--x", " "], "--x")
        expectUsageError(Self.regress + ["--rank-tolerance", "1"], "--rank-tolerance")
        expectUsageError(["regress", "--data", "d.csv", "--x", "x"], "--y")
        expectUsageError(Self.regress + ["--degree", "two"], "two")
    }

    // MARK: fit

    @Test func fitWithModel() throws {
        let arguments = Self.fit + ["--model", "gompertz", "--origin", "2015", "--loss", "soft_l1", "--loss-scale", "0.5",
                                    "--start", "Asym=40", "--max-iterations", "50"]
        let command = try #require(try Foresight.parseAsRoot(arguments) as? Fit)
        #expect(command.settings.model == "gompertz")
        #expect(command.settings.formula == nil)
        #expect(command.settings.origin == 2015)
        #expect(command.settings.loss == .soft_l1)
        #expect(command.settings.lossScale == 0.5)
        #expect(command.settings.start == "Asym=40")
        #expect(command.maxIterations == 50)
        #expect(command.level == 0.95)
    }

    @Test func fitWithFormulaAndSeveralPredictors() throws {
        let arguments = ["fit", "--data", "d.csv", "--x", "t,u", "--y", "y", "--formula", "a*t+b*u", "--start", "a=1,b=2"]
        let command = try #require(try Foresight.parseAsRoot(arguments) as? Fit)
        #expect(command.predictorNames == ["t", "u"])
        #expect(command.settings.formula == "a*t+b*u")
    }

    @Test func fitNeedsExactlyOneOfModelAndFormula() {
        expectUsageError(Self.fit + ["--model", "logistic", "--formula", "a*x"], "exactly one of --model and --formula")
        expectUsageError(Self.fit, "exactly one of --model and --formula")
    }

    @Test func fitValidation() {
        expectUsageError(["fit", "--data", "d.csv", "--x", "a,b", "--y", "y", "--model", "logistic"], "one predictor")
        expectUsageError(Self.fit + ["--model", "logistic", "--level", "0"], "--level")
        expectUsageError(Self.fit + ["--model", "logistic", "--loss-scale", "0"], "--loss-scale")
        expectUsageError(Self.fit + ["--model", "logistic", "--loss-scale", "inf"], "--loss-scale")
        expectUsageError(Self.fit + ["--model", "logistic", "--max-iterations", "-3"], "--max-iterations")
        expectUsageError(Self.fit + ["--model", "logistic", "--origin", "nan"], "--origin")
        expectUsageError(Self.fit + ["--model", "logistic", "--loss", "l2"], "soft_l1")
        expectUsageError(["fit", "--data", "d.csv", "--y", "y", "--model", "logistic"], "--x")
    }

    // MARK: verify

    @Test func verifyTakesPaths() throws {
        let command = try #require(try Foresight.parseAsRoot(["verify", "strd", "a.dat", "b.dat"]) as? VerifyStRD)
        #expect(command.paths == ["a.dat", "b.dat"])
        expectUsageError(["verify", "strd"], "<paths>")
    }
}
