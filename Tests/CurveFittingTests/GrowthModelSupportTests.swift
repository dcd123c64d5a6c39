import CurveFitting
import Foundation
import Testing

/// Shared fixtures for the growth-model tests: a deterministic random source, synthetic curves
/// and finite-difference gradients.
enum GrowthModelTestSupport {
    /// A 64-bit linear congruential generator (Knuth's MMIX constants): reproducible noise that
    /// does not depend on the project's own random-number module.
    struct LCG {
        private var state: UInt64

        init(seed: UInt64) { state = seed }

        /// Uniform on (0, 1), from the top 53 bits of the state.
        mutating func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (Double(state >> 11) + 0.5) / 9_007_199_254_740_992
        }

        /// Standard normal, by the Box–Muller transform.
        mutating func normal() -> Double {
            (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform())
        }
    }

    /// A model with true parameters and the x values at which to observe it.
    struct Case: CustomTestStringConvertible, Sendable {
        let model: any SelfStartingModel
        let truth: [Double]
        let x: [Double]
        /// Further parameter points for the gradient check.
        let otherPoints: [[Double]]

        var testDescription: String { model.name }
    }

    /// One case per model, with curves that show their characteristic shape over `x`.
    static let cases: [Case] = [
        Case(model: LinearGrowth(), truth: [2, 0.5], x: grid(0, 10, 11), otherPoints: [[-3, -1.5], [0, 2]]),
        Case(model: ExponentialGrowth(), truth: [3, 0.2], x: grid(0, 10, 11), otherPoints: [[5, -0.3], [0.5, 1.1]]),
        Case(
            model: LogisticGrowth(), truth: [100, 5, 1.5], x: grid(0, 12, 13),
            otherPoints: [[40, -2, 0.5], [7, 20, -3]]),
        Case(
            model: FourParameterLogistic(), truth: [10, 110, 5, 1.5], x: grid(0, 12, 13),
            otherPoints: [[-5, 40, 2, 0.7], [80, 20, 9, -2]]),
        Case(
            model: GompertzGrowth(), truth: [100, 2.5, 0.7], x: grid(0, 12, 13),
            otherPoints: [[50, 10, 0.4], [3, 0.5, 0.95]]),
        Case(
            model: RichardsGrowth(), truth: [100, 5, 1.5, 2.5], x: grid(0, 14, 15),
            otherPoints: [[100, 5, 1.5, 1], [60, 3, 0.8, 0.3]]),
        Case(
            model: WeibullGrowth(), truth: [100, 90, log(0.05), 2], x: grid(0, 12, 13),
            otherPoints: [[50, 60, -1, 0.7], [20, -30, -4, 3]]),
        Case(
            model: MonomolecularGrowth(), truth: [100, 10, 0.3], x: grid(0, 12, 13),
            otherPoints: [[5, 50, 0.8], [-20, 10, -0.1]]),
        Case(
            model: BassDiffusion(), truth: [1000, 0.03, 0.4], x: grid(0, 20, 21),
            otherPoints: [[500, 0.2, 0.05], [80, 0.01, 1.2]]),
        Case(model: MichaelisMenten(), truth: [200, 0.1], x: grid(0.02, 1.1, 12), otherPoints: [[150, 0.05], [100, 0.5]]),
        Case(
            model: AsymptoticRegression(), truth: [60, 5, -1.5], x: grid(0, 20, 11),
            otherPoints: [[10, 50, -0.5], [-20, 10, -3]]),
        Case(
            model: AsymptoticRegressionThroughOrigin(), truth: [60, -1.5], x: grid(0, 20, 11),
            otherPoints: [[10, -0.5], [-20, -3]]),
        Case(
            model: Biexponential(), truth: [3, 1, 0.6, -1.5], x: grid(0.25, 8, 12),
            otherPoints: [[2, 0.5, 1, -1], [-1, 2, 3, 0]]),
        Case(
            model: FirstOrderCompartment(dose: 4), truth: [-2.5, 0.5, -3.2], x: grid(0.25, 24, 12),
            otherPoints: [[-1, 1, -2], [-3, -0.5, -4]]),
    ]

    /// `count` equally spaced values from `from` to `to`.
    static func grid(_ from: Double, _ to: Double, _ count: Int) -> [Double] {
        (0..<count).map { from + (to - from) * Double($0) / Double(count - 1) }
    }

    /// The model's values at `x`.
    static func curve(_ model: any SelfStartingModel, x: [Double], parameters: [Double]) -> [Double] {
        let predictors = Predictors(x)
        return x.indices.map { model.value(row: $0, of: predictors, parameters: parameters) }
    }

    /// `Σ (y − f(x; θ))²`.
    static func residualSumOfSquares(
        _ model: any SelfStartingModel, x: [Double], y: [Double], parameters: [Double]
    ) -> Double {
        zip(y, curve(model, x: x, parameters: parameters)).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
    }

    /// `Σ (y − ȳ)²`.
    static func totalSumOfSquares(_ y: [Double]) -> Double {
        let mean = y.reduce(0, +) / Double(y.count)
        return y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    }

    /// `∂f/∂θ_j` at one row by central differences with a step relative to `θ_j`.
    static func centralDifferences(
        _ model: any SelfStartingModel, row: Int, of predictors: Predictors, parameters: [Double]
    ) -> [Double] {
        parameters.indices.map { j in
            let step = 1e-5 * max(abs(parameters[j]), 1e-2)
            var plus = parameters
            var minus = parameters
            plus[j] += step
            minus[j] -= step
            let difference = model.value(row: row, of: predictors, parameters: plus)
                - model.value(row: row, of: predictors, parameters: minus)
            return difference / (2 * step)
        }
    }

    /// The largest relative error of `start` against `truth`, parameter by parameter.
    static func largestRelativeError(_ start: [Double], _ truth: [Double]) -> Double {
        zip(start, truth).map { abs($0 - $1) / abs($1) }.max() ?? .infinity
    }
}
