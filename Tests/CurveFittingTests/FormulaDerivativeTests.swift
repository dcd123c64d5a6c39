import CurveFitting
import Foundation
import Numerics
import Testing

// Forward-mode derivatives of formula models, checked against central finite differences at
// random parameter points, and the edge cases where the chain rule needs care.

/// SplitMix64, so that the random points (and the random formulas of the printer test) are the
/// same on every run.
struct FormulaSplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A formula with the ranges its parameters and predictors are drawn from.
struct FormulaDerivativeCase: CustomTestStringConvertible, Sendable {
    var name: String
    var formula: String
    var parameters: [ClosedRange<Double>]
    var predictors: [String: ClosedRange<Double>] = ["x": 1...10]

    var testDescription: String { name }
}

private let nistLike: [FormulaDerivativeCase] = [
    FormulaDerivativeCase(name: "Misra1a", formula: "b1*(1-exp[-b2*x])", parameters: [200...300, 1e-4...1e-3],
                   predictors: ["x": 10...800]),
    FormulaDerivativeCase(name: "Chwirut", formula: "exp[-b1*x]/(b2+b3*x)", parameters: [0.1...0.2, 0.004...0.006, 0.01...0.02],
                   predictors: ["x": 0.5...6]),
    FormulaDerivativeCase(name: "DanWood", formula: "b1*x**b2", parameters: [0.7...0.8, 3.5...4.5], predictors: ["x": 1.3...2]),
    FormulaDerivativeCase(name: "ENSO", formula: """
        b1 + b2*cos( 2*pi*x/12 ) + b3*sin( 2*pi*x/12 ) + b5*cos( 2*pi*x/b4 ) + b6*sin( 2*pi*x/b4 )
           + b8*cos( 2*pi*x/b7 ) + b9*sin( 2*pi*x/b7 )
        """, parameters: [10...11, 2...4, 0.3...0.7, 40...50, -2 ... -1, 0.3...0.7, 25...28, 0.1...0.3, -2 ... -1],
                   predictors: ["x": 1...168]),
    FormulaDerivativeCase(name: "Gauss", formula: "b1*exp( -b2*x ) + b3*exp( -(x-b4)**2 / b5**2 ) + b6*exp( -(x-b7)**2 / b8**2 )",
                   parameters: [90...110, 0.009...0.012, 90...110, 60...70, 20...25, 65...75, 170...190, 15...20],
                   predictors: ["x": 1...250]),
    FormulaDerivativeCase(name: "Kirby2", formula: "(b1 + b2*x + b3*x**2) / (1 + b4*x + b5*x**2)",
                   parameters: [1...2, -0.2 ... -0.1, 0.002...0.003, -0.006 ... -0.004, 1e-5...2e-5],
                   predictors: ["x": 9...80]),
    FormulaDerivativeCase(name: "Thurber", formula: "(b1+b2*x+b3*x**2+b4*x**3) / (1+b5*x+b6*x**2+b7*x**3)",
                   parameters: [1200...1300, 1400...1600, 500...600, 70...80, 0.9...1, 0.35...0.45, 0.04...0.05],
                   predictors: ["x": -3...2]),
    FormulaDerivativeCase(name: "MGH09", formula: "b1*(x**2+x*b2) / (x**2+x*b3+b4)",
                   parameters: [0.19...0.2, 0.19...0.2, 0.12...0.13, 0.13...0.14], predictors: ["x": 0.06...4]),
    FormulaDerivativeCase(name: "Lanczos", formula: "b1*exp(-b2*x) + b3*exp(-b4*x) + b5*exp(-b6*x)",
                   parameters: [0.08...0.1, 0.9...1.1, 0.8...0.9, 2.9...3.1, 1.5...1.6, 4.9...5.1],
                   predictors: ["x": 0...1.15]),
    FormulaDerivativeCase(name: "MGH17", formula: "b1 + b2*exp[-x*b4] + b3*exp[-x*b5]",
                   parameters: [0.3...0.4, 1...1.5, -1.5 ... -1, 0.01...0.02, 0.02...0.03], predictors: ["x": 0...320]),
    FormulaDerivativeCase(name: "Misra1b", formula: "b1 * (1-(1+b2*x/2)**(-2))", parameters: [300...350, 2e-4...4e-4],
                   predictors: ["x": 77...800]),
    FormulaDerivativeCase(name: "Misra1c", formula: "b1 * (1-(1+2*b2*x)**(-.5))", parameters: [600...700, 1e-4...3e-4],
                   predictors: ["x": 77...800]),
    FormulaDerivativeCase(name: "Misra1d", formula: "b1*b2*x*((1+b2*x)**(-1))", parameters: [400...450, 1e-4...3e-4],
                   predictors: ["x": 77...800]),
    FormulaDerivativeCase(name: "Nelson", formula: "b1 - b2*x1 * exp[-b3*x2]", parameters: [2...3, 5e-6...6e-6, -0.06 ... -0.05],
                   predictors: ["x1": 1...64, "x2": 150...300]),
    FormulaDerivativeCase(name: "Rat42", formula: "b1 / (1+exp[b2-b3*x])", parameters: [70...75, 2...3, 0.06...0.07],
                   predictors: ["x": 9...79]),
    FormulaDerivativeCase(name: "Rat43", formula: "b1 / ((1+exp[b2-b3*x])**(1/b4))", parameters: [650...750, 5...6, 0.7...0.8, 1.2...1.4],
                   predictors: ["x": 1...15]),
    FormulaDerivativeCase(name: "Rat43 with ^", formula: "b1 / ((1+exp(b2-b3*x))^(1/b4))", parameters: [650...750, 5...6, 0.7...0.8, 1.2...1.4],
                   predictors: ["x": 1...15]),
    FormulaDerivativeCase(name: "Roszman1", formula: "b1 - b2*x - arctan[b3/(x-b4)]/pi",
                   parameters: [0.2...0.21, -6e-6 ... -5e-6, 1000...1300, -190 ... -170], predictors: ["x": -4900 ... -1000]),
    FormulaDerivativeCase(name: "Eckerle4", formula: "(b1/b2) * exp(-0.5*((x-b3)/b2)**2)", parameters: [1.5...1.6, 4...5, 450...452],
                   predictors: ["x": 440...460]),
    FormulaDerivativeCase(name: "Bennett5", formula: "b1 * (b2+x)**(-1/b3)", parameters: [-2600 ... -2400, 40...50, 0.9...1],
                   predictors: ["x": 7...12]),
    FormulaDerivativeCase(name: "exponential", formula: "exp(b1*x)", parameters: [-0.5...0.5]),
    FormulaDerivativeCase(name: "power law", formula: "b1*x**b2", parameters: [0.5...2, -1.5...2.5]),
]

private let functions: [FormulaDerivativeCase] = [
    FormulaDerivativeCase(name: "exp", formula: "b1*exp(b2*x)", parameters: [0.5...2, -0.3...0.3]),
    FormulaDerivativeCase(name: "log", formula: "log(b1*x + b2)", parameters: [0.5...2, 0.1...3]),
    FormulaDerivativeCase(name: "ln", formula: "b1*ln(b2*x)", parameters: [0.5...2, 0.1...3]),
    FormulaDerivativeCase(name: "sqrt", formula: "sqrt(b1*x + b2)", parameters: [0.5...2, 0.1...3]),
    FormulaDerivativeCase(name: "sin", formula: "sin(b1*x + b2)", parameters: [0.1...2, -3...3]),
    FormulaDerivativeCase(name: "cos", formula: "cos(b1*x + b2)", parameters: [0.1...2, -3...3]),
    FormulaDerivativeCase(name: "tan", formula: "tan(b1*x + b2)", parameters: [0.01...0.1, -0.5...0.5], predictors: ["x": 1...5]),
    FormulaDerivativeCase(name: "atan", formula: "atan(b1*x - b2)", parameters: [0.1...2, -3...3]),
    FormulaDerivativeCase(name: "arctan", formula: "b1*arctan(x/b2)", parameters: [0.5...2, 1...3]),
    FormulaDerivativeCase(name: "abs", formula: "abs(b1*x - b2)", parameters: [0.5...2, 25...30]),
    FormulaDerivativeCase(name: "abs, other side", formula: "b1*abs(x - b2)", parameters: [0.5...2, -3 ... -1]),
    FormulaDerivativeCase(name: "negation", formula: "-b1*x - -b2", parameters: [0.5...2, 0.5...2]),
    FormulaDerivativeCase(name: "subtraction", formula: "b1 - x - b2", parameters: [0.5...2, 0.5...2]),
    FormulaDerivativeCase(name: "division", formula: "b1/b2/(b3 + x)", parameters: [0.5...2, 0.5...2, 0.5...2]),
    FormulaDerivativeCase(name: "square", formula: "(b1 - x)^2 + b2**2", parameters: [0.5...2, 0.5...2]),
    FormulaDerivativeCase(name: "power, both active", formula: "(b1*x)^(b2*x)", parameters: [0.5...2, 0.2...1.5], predictors: ["x": 0.5...2]),
    FormulaDerivativeCase(name: "power, active exponent", formula: "x^b1 + 2^b2", parameters: [-2...2, -2...2]),
    FormulaDerivativeCase(name: "power, same base and exponent", formula: "b1^b1", parameters: [0.5...2]),
    FormulaDerivativeCase(name: "repeated operand", formula: "b1*b1 + b1*x + b1/b1 + b1^3", parameters: [0.5...2]),
    FormulaDerivativeCase(name: "parameter inside function twice", formula: "exp(b1)*sin(b1) - cos(b1*x)^2", parameters: [-2...2]),
    FormulaDerivativeCase(name: "constant exponent", formula: "b1^3 + b2^(-1.5) + b1^0.5", parameters: [0.5...2, 0.5...2]),
]

@Suite struct FormulaDerivativeTests {
    @Test(arguments: nistLike)
    func nistModelsMatchFiniteDifferences(_ testCase: FormulaDerivativeCase) throws {
        try checkAgainstFiniteDifferences(testCase)
    }

    @Test(arguments: functions)
    func functionsMatchFiniteDifferences(_ testCase: FormulaDerivativeCase) throws {
        try checkAgainstFiniteDifferences(testCase)
    }

    /// `b1*(1-exp(-b2*x))` against its closed form: f = b1·(1 − e^(−b2·x)),
    /// ∂f/∂b1 = 1 − e^(−b2·x), ∂f/∂b2 = b1·x·e^(−b2·x).
    @Test func monomolecularMatchesClosedForm() throws {
        let model = try FormulaModel(formula: "b1*(1-exp(-b2*x))", parameters: ["b1", "b2"])
        let xs = [0.0, 0.5, 77.6, 790.3]
        let predictors = Predictors(xs)
        for theta in [[238.94, 5.5016e-4], [500, 1e-4], [-3, 2]] {
            for (row, x) in xs.enumerated() {
                var gradient = [0.0, 0.0]
                let value = model.value(row: row, of: predictors, parameters: theta, gradient: &gradient)
                let decay = exp(-theta[1] * x)
                #expect(value.isApproximatelyEqual(to: theta[0] * (1 - decay), absoluteTolerance: 1e-300, relativeTolerance: 1e-14))
                #expect(gradient[0].isApproximatelyEqual(to: 1 - decay, absoluteTolerance: 1e-300, relativeTolerance: 1e-14))
                #expect(gradient[1].isApproximatelyEqual(to: theta[0] * x * decay, absoluteTolerance: 1e-300, relativeTolerance: 1e-14))
            }
        }
    }

    @Test func negativeBaseWithConstantExponent() throws {
        // (-2)^3 = -8 with derivative 3·(-2)² = 12.
        #expect(try formulaGradient("b1^3", at: [-2]) == FormulaEvaluation(value: -8, gradient: [12]))
        #expect(try formulaGradient("b1**3", at: [-2]) == FormulaEvaluation(value: -8, gradient: [12]))
        // The exponent from the data (x = 3) is constant for the parameters, too.
        #expect(try formulaGradient("b1^x", at: [-2], x: 3) == FormulaEvaluation(value: -8, gradient: [12]))
        // With an exponent that is a parameter, ∂/∂b1 is still fine; ∂/∂b2 needs ln(-2): NaN.
        let both = try formulaGradient("b1^b2", at: [-2, 3])
        #expect(both.value == -8)
        #expect(both.gradient[0] == 12)
        #expect(both.gradient[1].isNaN)
    }

    @Test func zeroBase() throws {
        // d/db2 of 0^b2 is 0 for b2 > 0 (no 0·ln 0 = NaN): DanWood's b1*x**b2 at x = 0.
        #expect(try formulaGradient("b1*x**b2", at: [2, 3], x: 0) == FormulaEvaluation(value: 0, gradient: [0, 0]))
        // d/db1 of b1^2 at 0 is 0, of b1^1 is 1, of b1^0 is 0.
        #expect(try formulaGradient("b1^2", at: [0]) == FormulaEvaluation(value: 0, gradient: [0]))
        #expect(try formulaGradient("b1^1", at: [0]) == FormulaEvaluation(value: 0, gradient: [1]))
        #expect(try formulaGradient("b1^0 + b1", at: [0]) == FormulaEvaluation(value: 1, gradient: [1]))
        // An infinite slope at 0: d/db1 b1^0.5 = +∞.
        #expect(try formulaGradient("b1^0.5", at: [0]) == FormulaEvaluation(value: 0, gradient: [.infinity]))
    }

    @Test func squareRootAtZero() throws {
        // The argument does not move with b2 at x = 0, so its derivative is 0 (not 0·∞ = NaN).
        #expect(try formulaGradient("b1 + sqrt(b2*x)", at: [1, 4], x: 0) == FormulaEvaluation(value: 1, gradient: [1, 0]))
        // A parameter that does move it has an infinite slope, of the sign of its effect.
        #expect(try formulaGradient("sqrt(b1 - b2)", at: [3, 3]) == FormulaEvaluation(value: 0, gradient: [.infinity, -.infinity]))
    }

    @Test func absoluteValueAtZero() throws {
        // abs has slope 0 at its kink (the midpoint of the subdifferential).
        #expect(try formulaGradient("abs(b1 - x)", at: [2], x: 2) == FormulaEvaluation(value: 0, gradient: [0]))
        #expect(try formulaGradient("abs(b1 - x)", at: [2], x: 1) == FormulaEvaluation(value: 1, gradient: [1]))
        #expect(try formulaGradient("abs(b1 - x)", at: [2], x: 3) == FormulaEvaluation(value: 1, gradient: [-1]))
        #expect(try formulaGradient("b2*abs(b1*x)", at: [2, 3], x: 0) == FormulaEvaluation(value: 0, gradient: [0, 0]))
    }

    @Test func logarithmOutsideItsDomain() throws {
        let negative = try formulaGradient("b2 + log(b1)", at: [-1, 1])
        #expect(negative.value.isNaN)
        #expect(negative.gradient[1] == 1)
        #expect(try formulaGradient("log(b1)", at: [0]).value.isNaN)
    }

    @Test func modelsWithoutParametersHaveAnEmptyGradient() throws {
        #expect(try formulaGradient("2*x", at: [], x: 3) == FormulaEvaluation(value: 6, gradient: []))
    }

    @Test func gradientIsIndependentOfPreviousContents() throws {
        let model = try FormulaModel(formula: "b1*x", parameters: ["b1"])
        var gradient = [Double.nan]
        _ = model.value(row: 0, of: Predictors([5]), parameters: [1], gradient: &gradient)
        #expect(gradient == [5])
    }

    @Test func concurrentEvaluationsAgree() async throws {
        let model = try FormulaModel(formula: "b1 / ((1+exp[b2-b3*x])**(1/b4))", parameters: ["b1", "b2", "b3", "b4"])
        let predictors = Predictors((1...15).map(Double.init))
        let theta = [699.6, 5.2771, 0.75962, 1.2792]
        let sums = await withTaskGroup(of: Double.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    var gradient = [Double](repeating: 0, count: 4)
                    var sum = 0.0
                    for row in 0..<15 {
                        sum += model.value(row: row, of: predictors, parameters: theta, gradient: &gradient) + gradient.reduce(0, +)
                    }
                    return sum
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(sums).count == 1)
    }
}

// MARK: Helpers

private struct FormulaEvaluation: Equatable {
    var value: Double
    var gradient: [Double]
}

/// Value and gradient of `formula` with parameters `b1, b2, …` at `theta` and predictor `x`.
private func formulaGradient(_ formula: String, at theta: [Double], x: Double = 1) throws -> FormulaEvaluation {
    let model = try FormulaModel(formula: formula, parameters: theta.indices.map { "b\($0 + 1)" })
    var gradient = [Double](repeating: .nan, count: theta.count)
    let value = model.value(row: 0, of: Predictors([x]), parameters: theta, gradient: &gradient)
    return FormulaEvaluation(value: value, gradient: gradient)
}

/// At 5 random parameter points × 4 random rows: the value with and without the gradient agree
/// exactly, and each derivative agrees with a central difference with step 1e-6·|θ_j| to a
/// relative 1e-6 (absolute 1e-7·|f|/|θ_j| for derivatives near zero, the size of the difference's
/// rounding error being about 1e-10·|f|/|θ_j|).
private func checkAgainstFiniteDifferences(_ testCase: FormulaDerivativeCase,
                                           sourceLocation: SourceLocation = #_sourceLocation) throws {
    var random = FormulaSplitMix64(state: UInt64(truncatingIfNeeded: testCase.name.utf8.reduce(0) { $0 &* 31 &+ Int($1) }))
    let predictorNames = testCase.predictors.keys.sorted()
    let parameterNames = testCase.parameters.indices.map { "b\($0 + 1)" }
    let model = try FormulaModel(formula: testCase.formula, parameters: parameterNames, predictors: predictorNames)
    let rows = 4
    let predictors = Predictors(names: predictorNames, columns: predictorNames.map { name in
        (0..<rows).map { _ in Double.random(in: testCase.predictors[name] ?? 0...1, using: &random) }
    })
    for _ in 0..<5 {
        let theta = testCase.parameters.map { Double.random(in: $0, using: &random) }
        for row in 0..<rows {
            var gradient = [Double](repeating: .nan, count: theta.count)
            let value = model.value(row: row, of: predictors, parameters: theta, gradient: &gradient)
            #expect(value == model.value(row: row, of: predictors, parameters: theta), sourceLocation: sourceLocation)
            #expect(value.isFinite, "\(testCase.name) at \(theta)", sourceLocation: sourceLocation)
            for j in theta.indices {
                let step = 1e-6 * abs(theta[j])
                var plus = theta, minus = theta
                plus[j] += step
                minus[j] -= step
                let difference = (model.value(row: row, of: predictors, parameters: plus)
                    - model.value(row: row, of: predictors, parameters: minus)) / (plus[j] - minus[j])
                #expect(gradient[j].isApproximatelyEqual(to: difference, absoluteTolerance: 1e-7 * abs(value) / abs(theta[j]),
                                                         relativeTolerance: 1e-6),
                        "\(testCase.name): ∂f/∂b\(j + 1) = \(gradient[j]), difference \(difference) at \(theta), row \(row)",
                        sourceLocation: sourceLocation)
            }
        }
    }
}
