import ArgumentParser

/// `foresight verify`: accuracy checks against certified reference results.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the numeric core against certified reference results.",
        subcommands: [VerifyStRD.self]
    )
}
