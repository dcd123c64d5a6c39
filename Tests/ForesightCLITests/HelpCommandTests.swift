import Foundation
import Testing

@testable import ForesightCLI

/// `--help` and `--version` as processes.
@Suite("foresight --help / --version (process)")
struct HelpCommandTests {
    @Test func rootHelp() throws {
        let ws = try Workspace()
        let result = try ws.run(["--help"])
        expectExit(result, 0)
        #expect(result.stdout.contains("USAGE: foresight"))
        for name in ["fit", "regress", "verify"] { #expect(result.stdout.contains(name), "\(result)") }
    }

    @Test func fitHelp() throws {
        let ws = try Workspace()
        let result = try ws.run(["fit", "--help"])
        expectExit(result, 0)
        #expect(result.stdout.contains("USAGE: foresight fit"), "\(result)")
        #expect(result.stdout.contains("--formula"))
        #expect(result.stdout.contains("logistic"))
    }

    @Test(arguments: [["regress", "--help"], ["verify", "--help"], ["verify", "strd", "--help"], ["help", "fit"]])
    func subcommandHelp(arguments: [String]) throws {
        let ws = try Workspace()
        let result = try ws.run(arguments)
        expectExit(result, 0)
        #expect(result.stdout.contains("USAGE:"), "\(result)")
    }

    @Test func version() throws {
        let ws = try Workspace()
        let result = try ws.run(["--version"])
        expectExit(result, 0)
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == Foresight.version)
    }

    @Test func noArgumentsPrintsHelp() throws {
        let ws = try Workspace()
        let result = try ws.run([])
        #expect(!result.trapped)
        #expect(result.stdout.contains("USAGE") || result.stderr.contains("USAGE") || result.stderr.contains("Usage"),
                "\(result)")
    }

    @Test func unknownSubcommandExits64() throws {
        let ws = try Workspace()
        let result = try ws.run(["frobnicate"])
        expectExit(result, 64)
        expectStderr(result, contains: "frobnicate")
    }
}
