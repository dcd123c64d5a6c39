import Datasets
import Foundation
import Testing
@testable import Scorecards
import Scoring

/// Bad specifications: every problem reported at once, each with file, line:column and key path.
@Suite struct ValidationTests {
    @Test func validSpecRuns() throws {
        let spec = try ScorecardSpec.parse(validSpec, source: "ok.yaml")
        let result = try ScorecardRunner.run(spec)
        #expect(result.methods.map(\.method) == [.wsm, .topsis])
        #expect(result.weights.notes.isEmpty)
    }

    @Test func nonReciprocalMatrixNamesTheCell() {
        let errors = problems("""
            schema: 1
            name: AHP
            alternatives: [X, Y, Z]
            criteria: [{id: c, direction: benefit}]
            weights: equal
            ahp:
              alternatives:
                c:
                  - [1, 3, 5]
                  - [1/3, 1, 2]
                  - [1/5, 2, 1]
            methods: [ahp]
            """)
        expectProblem(errors, "bad.yaml:11:", "ahp.alternatives.c[2][1]", "not reciprocal", "'Z' vs 'Y' = 2", "'Y' vs 'Z' = 2")
        #expect(errors.allSatisfy { $0.line != nil && $0.column != nil })
    }

    @Test func nonPositiveAndMalformedPairwiseEntriesAreEachReported() {
        let errors = problems("""
            schema: 1
            name: AHP
            alternatives: [X, Y]
            criteria: [{id: a, direction: benefit, values: [1, 2]}, {id: b, direction: benefit, values: [2, 1]}]
            weights: ahp
            ahp:
              criteria: [[1, -2], [abc, 1]]
            methods: [wsm]
            """)
        expectProblem(errors, "bad.yaml:7:", "ahp.criteria[0][1]", "finite and positive")
        expectProblem(errors, "ahp.criteria[1][0]", "'abc'")
    }

    @Test func missingUnknownAndNonNumericValuesAreAllReported() {
        let errors = problems("""
            schema: 1
            name: Values
            alternatives: [Fraunhofer, USA, China]
            criteria:
              - {id: a, direction: benefit, weight: 1, values: {Fraunhoffer: 1, USA: 2, China: 3}}
              - {id: b, direction: benefit, weight: 1, values: {Fraunhofer: 1, USA: abc, China: .nan}}
              - {id: c, direction: benefit, weight: 1, values: {Fraunhofer: [3, 1], USA: ~, China: {normal: [1, -1]}}}
              - {id: d, direction: benefit, weight: 1, values: [1, 2]}
            methods: [wsm]
            """)
        expectProblem(errors, "bad.yaml:5:", "criteria[0].values.Fraunhoffer", "unknown alternative", "did you mean 'Fraunhofer'")
        expectProblem(errors, "bad.yaml:5:", "criteria[0].values", "no value for alternative 'Fraunhofer'")
        expectProblem(errors, "bad.yaml:6:", "criteria[1].values.USA", "'abc'")
        expectProblem(errors, "bad.yaml:6:", "criteria[1].values.China", "not a finite number")
        expectProblem(errors, "bad.yaml:7:", "criteria[2].values.Fraunhofer", "interval low 3 exceeds high 1")
        expectProblem(errors, "bad.yaml:7:", "criteria[2].values.USA", "missing value")
        expectProblem(errors, "criteria[2].values.China.normal", "negative")
        expectProblem(errors, "bad.yaml:8:", "criteria[3].values", "2 values for 3 alternatives")
        #expect(errors.count == 8)
        #expect(errors.allSatisfy { $0.file == "bad.yaml" && $0.line != nil && $0.column != nil })
        #expect(errors.map { $0.line ?? 0 } == errors.map { $0.line ?? 0 }.sorted())
    }

    @Test func unknownKeysMethodsAndCriteriaSuggestCloseNames() {
        let errors = problems("""
            schema: 1
            name: Keys
            alternatives: [A, B]
            criteria:
              - {id: price, direction: cost, weight: 0.5, values: [1, 2], sorce: x}
              - {id: speed, direction: benfit, weight: 0.5, values: [1, 2]}
            methds: [wsm]
            methods: [wsm, topsys, promethee2]
            promethee: {preference: linear, q: 0.1, criteria: {prise: {preference: usual}}}
            sensitivity: {smaa: {draws: 10, weights: {rank_order: [price, sped]}}}
            """)
        expectProblem(errors, "bad.yaml:5:", "unknown key 'sorce'", "did you mean 'source'")
        expectProblem(errors, "bad.yaml:6:", "criteria[1].direction", "did you mean 'benefit'")
        expectProblem(errors, "bad.yaml:7:", "unknown key 'methds'", "did you mean 'methods'")
        expectProblem(errors, "bad.yaml:8:", "methods[1]", "unknown method 'topsys'", "did you mean 'topsis'")
        expectProblem(errors, "bad.yaml:9:", "promethee", "needs 'p'")
        expectProblem(errors, "bad.yaml:9:", "promethee.criteria.prise", "did you mean 'price'")
        expectProblem(errors, "bad.yaml:10:", "rank_order", "unknown criterion 'sped'", "did you mean 'speed'")
    }

    @Test func weightsNegativeIsAnErrorAndUnnormalizedIsANote() throws {
        let negative = problems(validSpec.replacingOccurrences(of: "weight: 0.5, values: [3", with: "weight: -0.5, values: [3"))
        expectProblem(negative, "bad.yaml:6:", "criteria[1].weight", "negative")
        let unnormalized = try ScorecardSpec.parse(validSpec.replacingOccurrences(of: "0.5", with: "2"), source: "ok.yaml")
        let result = try ScorecardRunner.run(unnormalized)
        #expect(result.weights.values == [0.5, 0.5])
        #expect(result.notes.contains { $0.contains("sum to 4") })
        let missing = problems(validSpec.replacingOccurrences(of: "weight: 0.5, values: [3", with: "values: [3"))
        expectProblem(missing, "bad.yaml:6:", "criteria[1]", "missing 'weight'")
    }

    @Test func ahpWithoutCriteriaMatrixIsAnError() {
        let errors = problems(validSpec.replacingOccurrences(of: "methods: [wsm, topsis]", with: "weights: ahp\nmethods: [wsm, ahp]"))
        expectProblem(errors, "bad.yaml:7:", "weights", "needs a criteria pairwise matrix")
        expectProblem(errors, "bad.yaml:8:", "methods[1]", "'ahp' method needs a criteria pairwise matrix")
    }

    @Test func constantCriterionUnderMinMaxIsLocatedAtTheCriterion() {
        let errors = problems(validSpec.replacingOccurrences(of: "[3, 5, 4]", with: "[4, 4, 4]"))
        expectProblem(errors, "bad.yaml:6:", "criteria[1]", "method 'wsm'", "same value for every alternative")
    }

    @Test func nonPositiveValueUnderWPMIsLocatedAtTheValue() {
        let errors = problems(validSpec.replacingOccurrences(of: "B: 12", with: "B: 0")
            .replacingOccurrences(of: "methods: [wsm, topsis]", with: "methods: [wpm]"))
        expectProblem(errors, "bad.yaml:5:", "criteria[0].values.B", "method 'wpm'", "values > 0")
    }

    @Test func malformedYAMLIsLocated() {
        let errors = problems("schema: 1\nname: [unclosed\nmethods: [wsm]\n")
        #expect(errors.count == 1)
        #expect(errors.first?.line != nil)
        expectProblem(errors, "not valid YAML")
        expectProblem(problems(""), "empty")
        expectProblem(problems("- 1\n- 2\n"), "bad.yaml:1:1:", "expected a mapping")
    }

    @Test func missingRequiredKeysAndWrongSchema() {
        let errors = problems("schema: 2\n")
        expectProblem(errors, "bad.yaml:1:", "unsupported schema version 2")
        expectProblem(errors, "missing key 'name'")
        expectProblem(errors, "missing key 'alternatives'")
        expectProblem(errors, "missing key 'criteria'")
        expectProblem(errors, "missing key 'methods'")
    }

    @Test func jsonIsAccepted() throws {
        let spec = try ScorecardSpec.parse("""
            {"schema": 1, "name": "J", "alternatives": ["A", "B"],
             "criteria": [{"id": "c", "direction": "benefit", "weight": 1, "values": {"A": 1, "B": [2, 3]}}],
             "methods": ["wsm"], "ahp": {"criteria": [[1]]}}
            """, source: "j.json")
        #expect(spec.matrix.value(alternative: 1, criterion: 0) == .interval(low: 2, high: 3))
    }

    @Test func csvMatrixProblemsAreLocatedInTheCSV() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ScorecardsTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "alternative,price,sped\nA,1,2\nB,x,3\nD,\"[5, 4]\",1\n".write(to: folder.appendingPathComponent("m.csv"), atomically: true, encoding: .utf8)
        let text = """
            schema: 1
            name: CSV
            alternatives: [A, B, C]
            matrix: m.csv
            criteria:
              - {id: price, direction: cost, weight: 0.5}
              - {id: speed, direction: benefit, weight: 0.5}
            methods: [wsm]
            """
        let errors = problems(text, source: "dir/spec.yaml", baseDirectory: folder)
        expectProblem(errors, "dir/m.csv:1:19:", "unknown criterion 'sped'", "did you mean 'speed'")
        expectProblem(errors, "dir/m.csv:3:3:", "'x' is not a number")
        expectProblem(errors, "dir/m.csv:4:1:", "unknown alternative 'D'")
        expectProblem(errors, "dir/m.csv", "no row for alternative 'C'")
        expectProblem(errors, "dir/spec.yaml:7:", "criteria[1]", "no values")
        #expect(errors.allSatisfy { $0.line != nil })
    }

    @Test func valuesFromPairwiseMatrixAndRelativeThresholds() throws {
        let spec = try ScorecardSpec.parse("""
            schema: 1
            name: Mixed
            alternatives: [A, B]
            criteria:
              - {id: taste, direction: benefit, weight: 0.5}
              - {id: price, direction: cost, weight: 0.5, values: [10, 20]}
            ahp: {criteria: [[1, 1], [1, 1]], alternatives: {taste: [[1, 3], [1/3, 1]]}}
            methods: [ahp, promethee2]
            promethee: {preference: linear, q: 0.1, p: 0.5, thresholds: relative}
            """, source: "mixed.yaml")
        expectClose(Array(spec.matrix.column(0)), [0.75, 0.25], tolerance: 1e-12)
        #expect(spec.configuration.promethee.perCriterion["price"] == .linear(q: 1, p: 5))
        let result = try ScorecardRunner.run(spec)
        expectClose(result.result(of: .ahp)?.scoreValues ?? [], [0.5 * 0.75 + 0.5 * 2.0 / 3, 0.5 * 0.25 + 0.5 / 3], tolerance: 1e-12)
    }
}
