import Datasets
import Foundation
import Testing
@testable import Scorecards
import Scoring

/// The package root, three levels above this file.
let packageRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A fixture of `Tests/ScorecardsTests/Fixtures`.
func fixtureURL(_ name: String) -> URL {
    packageRoot.appendingPathComponent("Tests/ScorecardsTests/Fixtures/\(name)")
}

/// Loads and runs a fixture.
func runFixture(_ name: String, seed: UInt64? = nil) throws -> ScorecardResult {
    let spec = try ScorecardSpec.load(contentsOf: fixtureURL(name), displayPath: name)
    return try ScorecardRunner.run(spec, seed: seed)
}

/// `|actual − expected| ≤ tolerance` elementwise.
func expectClose(_ actual: [Double], _ expected: [Double], tolerance: Double, _ label: String = "",
                 sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count, "\(label): \(actual) vs \(expected)", sourceLocation: sourceLocation)
    for (a, e) in zip(actual, expected) {
        #expect(abs(a - e) <= tolerance, "\(label): \(actual) vs \(expected) (tolerance \(tolerance))", sourceLocation: sourceLocation)
    }
}

/// The problems reported for a specification text that must be rejected (at load or when run).
func problems(_ text: String, source: String = "bad.yaml", baseDirectory: URL? = nil,
              sourceLocation: SourceLocation = #_sourceLocation) -> [DataError] {
    do {
        let spec = try ScorecardSpec.parse(text, source: source, baseDirectory: baseDirectory)
        _ = try ScorecardRunner.run(spec)
        Issue.record("the specification was accepted", sourceLocation: sourceLocation)
        return []
    } catch let errors as DataErrors {
        return errors.errors
    } catch {
        Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        return []
    }
}

/// Checks that some problem's description contains every fragment, and that every problem is located.
func expectProblem(_ errors: [DataError], _ fragments: String..., sourceLocation: SourceLocation = #_sourceLocation) {
    let match = errors.first { error in fragments.allSatisfy { error.description.contains($0) } }
    #expect(match != nil, "no problem contains \(fragments): \(errors.map(\.description))", sourceLocation: sourceLocation)
}

/// A small valid specification to break in tests.
let validSpec = """
    schema: 1
    name: Small
    alternatives: [A, B, C]
    criteria:
      - {id: price, direction: cost, weight: 0.5, values: {A: 10, B: 12, C: 9}, source: catalogue}
      - {id: speed, direction: benefit, weight: 0.5, values: [3, 5, 4], source: bench}
    methods: [wsm, topsis]
    """
