import LinearAlgebra
import Regression
import Testing

/// The streamed fit against the statsmodels fixture, whatever the block size.
@Suite struct StreamingLinearRegressionTests {
    let fixture: Fixture

    init() throws { fixture = try Fixture.load() }

    private func streamed(_ design: DesignMatrix, blockRows: Int) throws -> LinearRegressionResult {
        let x = design.matrix
        return try StreamingLinearRegression.fit(columnNames: design.columnNames, hasIntercept: design.hasIntercept) { visit in
            for start in stride(from: 0, to: x.rows, by: blockRows) {
                let rows = start..<min(x.rows, start + blockRows)
                try visit((0..<x.columns).flatMap { j in rows.map { x[$0, j] } }, Array(fixture.y[rows]))
            }
        }
    }

    @Test(arguments: [1, 5, 12]) func matchesStatsmodels(blockRows: Int) throws {
        let two = try DesignMatrix(predictors: [fixture.x1, fixture.x2], names: ["x1", "x2"], intercept: true)
        expectMatches(try streamed(two, blockRows: blockRows), fixture.withIntercept)
        let origin = try DesignMatrix(predictors: [fixture.x1, fixture.x2], names: ["x1", "x2"], intercept: false)
        expectMatches(try streamed(origin, blockRows: blockRows), fixture.noIntercept)
        let quadratic = try DesignMatrix.polynomial(fixture.x1, degree: 2, intercept: true, name: "x1")
        expectMatches(try streamed(quadratic, blockRows: blockRows), fixture.quadratic)
    }

    @Test func aliasedColumnIsReportedAsInMemory() throws {
        let doubled = fixture.x1.map { 2 * $0 }
        let design = try DesignMatrix(predictors: [fixture.x1, doubled], names: ["x1", "x1b"], intercept: true)
        let inMemory = try LinearRegression.fit(design, response: fixture.y)
        let result = try streamed(design, blockRows: 4)
        #expect(result.rank == 2)
        #expect(result.aliases.map(\.column) == inMemory.aliases.map(\.column))
    }

    @Test func tooFewRowsAndBadBlocksAreErrors() {
        #expect(throws: RegressionError.self) {
            try StreamingLinearRegression.fit(columnNames: ["(Intercept)", "x"], hasIntercept: true) { visit in try visit([1], [2]) }
        }
        #expect(throws: RegressionError.self) {
            try StreamingLinearRegression.fit(columnNames: ["(Intercept)", "x"], hasIntercept: true) { visit in try visit([1, 1, 2], [2, 3]) }
        }
        #expect(throws: RegressionError.self) {
            try StreamingLinearRegression.fit(columnNames: ["x"], hasIntercept: false) { visit in try visit([1, .nan], [2, 3]) }
        }
    }
}
