import LinearAlgebra

/// A regression design: the model matrix `X` with one named column per coefficient.
///
/// The intercept, when present, is the first column, named `(Intercept)` as in R.
public struct DesignMatrix: Sendable {
    /// The `n`×`p` model matrix.
    public let matrix: Matrix
    /// One name per column of `matrix`.
    public let columnNames: [String]
    /// Whether the first column is the constant 1 (changes the definition of R² and F).
    public let hasIntercept: Bool

    /// The name given to the intercept column.
    public static let interceptName = "(Intercept)"

    /// A design from predictor columns, with an intercept column first when `intercept` is true.
    /// - Throws: ``RegressionError`` when the columns differ in length or are empty.
    public init(predictors: [[Double]], names: [String], intercept: Bool) throws {
        guard predictors.count == names.count else {
            throw RegressionError.invalidDesign("\(predictors.count) predictor columns but \(names.count) names")
        }
        let n = predictors.first?.count ?? 0
        if let bad = predictors.indices.first(where: { predictors[$0].count != n }) {
            throw RegressionError.invalidDesign("predictor '\(names[bad])' has \(predictors[bad].count) values, expected \(n)")
        }
        var columns = predictors
        var columnNames = names
        if intercept {
            columns.insert(Array(repeating: 1, count: n), at: 0)
            columnNames.insert(Self.interceptName, at: 0)
        }
        guard !columns.isEmpty else { throw RegressionError.invalidDesign("the model has no terms") }
        self.matrix = try Matrix(columnList: columns)
        self.columnNames = columnNames
        self.hasIntercept = intercept
    }

    /// The largest polynomial degree ``polynomial(_:degree:intercept:name:)`` accepts: far above
    /// any degree a double-precision fit resolves (the monomial basis of degree 20 on `[1, 2]`
    /// has a condition number beyond 10¹⁵), and it bounds the design's size at 101 columns.
    public static let maximumDegree = 100

    /// A polynomial design in one predictor: columns `x, x², …, x^degree` (named `x`, `x^2`, …),
    /// after an intercept column when `intercept` is true.
    /// - Throws: ``RegressionError`` for a degree outside `1…maximumDegree`, or one that leaves
    ///   more coefficients than observations (checked before the design is built).
    public static func polynomial(_ x: [Double], degree: Int, intercept: Bool, name: String = "x") throws -> DesignMatrix {
        guard degree >= 1, degree <= maximumDegree else {
            throw RegressionError.invalidDesign("polynomial degree must lie in 1…\(maximumDegree), got \(degree)")
        }
        let coefficients = degree + (intercept ? 1 : 0)
        guard coefficients <= x.count else {
            throw RegressionError.tooFewObservations(observations: x.count, coefficients: coefficients)
        }
        let powers = (1...degree).map { power in x.map { Self.power($0, power) } }
        return try DesignMatrix(predictors: powers, names: polynomialNames(name, degree: degree), intercept: intercept)
    }

    /// The column names of a polynomial design without its intercept: `x`, `x^2`, … `x^degree`.
    public static func polynomialNames(_ name: String, degree: Int) -> [String] {
        (1...max(1, degree)).map { $0 == 1 ? name : "\(name)^\($0)" }
    }

    /// `x` raised to a non-negative integer power by repeated multiplication, which is exact for
    /// the small integers and short decimals of polynomial designs more often than `pow`.
    public static func power(_ x: Double, _ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<exponent { result *= x }
        return result
    }
}
