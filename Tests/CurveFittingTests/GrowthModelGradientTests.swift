import CurveFitting
import Testing

@Suite("Growth model gradients")
struct GrowthModelGradientTests {
    @Test("the analytic gradient matches central differences", arguments: GrowthModelTestSupport.cases)
    func gradientMatchesCentralDifferences(_ testCase: GrowthModelTestSupport.Case) {
        let model = testCase.model
        let predictors = Predictors(testCase.x)
        for parameters in [testCase.truth] + testCase.otherPoints {
            for row in testCase.x.indices {
                var gradient = [Double](repeating: .nan, count: model.parameterCount)
                let value = model.value(row: row, of: predictors, parameters: parameters, gradient: &gradient)
                let numeric = GrowthModelTestSupport.centralDifferences(
                    model, row: row, of: predictors, parameters: parameters)
                for j in parameters.indices {
                    // Relative 1e-6, plus the rounding noise of a difference quotient of f.
                    let tolerance = 1e-6 * max(abs(gradient[j]), abs(numeric[j])) + 1e-8 * (1 + abs(value))
                    #expect(
                        abs(gradient[j] - numeric[j]) <= tolerance,
                        """
                        ∂f/∂\(model.parameterNames[j]) at x = \(testCase.x[row]), θ = \(parameters): \
                        \(gradient[j]) vs \(numeric[j])
                        """
                    )
                }
            }
        }
    }

    @Test("the value with and without the gradient agree", arguments: GrowthModelTestSupport.cases)
    func valuePathsAgree(_ testCase: GrowthModelTestSupport.Case) {
        let model = testCase.model
        let predictors = Predictors(testCase.x)
        for parameters in [testCase.truth] + testCase.otherPoints {
            for row in testCase.x.indices {
                var gradient = [Double](repeating: 0, count: model.parameterCount)
                let withGradient = model.value(row: row, of: predictors, parameters: parameters, gradient: &gradient)
                let plain = model.value(row: row, of: predictors, parameters: parameters)
                #expect(abs(withGradient - plain) <= 1e-12 * max(1, abs(plain)))
                #expect(gradient.allSatisfy { $0.isFinite })
            }
        }
    }

    @Test("derivatives stay finite where the curve saturates numerically")
    func extremeArguments() {
        let far = Predictors([-1e4, 0, 1e4])
        let models: [(any SelfStartingModel, [Double])] = [
            (LogisticGrowth(), [100, 0, 1]),
            (FourParameterLogistic(), [10, 100, 0, 1]),
            (RichardsGrowth(), [100, 0, 1, 2]),
            (GompertzGrowth(), [100, 2, 0.5]),
        ]
        for (model, parameters) in models {
            for row in 0..<far.count {
                var gradient = [Double](repeating: .nan, count: model.parameterCount)
                let value = model.value(row: row, of: far, parameters: parameters, gradient: &gradient)
                #expect(value.isFinite, "\(model.name) at row \(row)")
                #expect(gradient.allSatisfy { $0.isFinite }, "\(model.name) at row \(row): \(gradient)")
            }
        }
    }

    @Test("the Weibull derivative in pwr vanishes at the origin")
    func weibullAtOrigin() {
        var gradient = [Double](repeating: .nan, count: 4)
        let value = WeibullGrowth(origin: 3).value(
            row: 0, of: Predictors([3]), parameters: [100, 90, -1, 2], gradient: &gradient)
        #expect(value == 10)
        #expect(gradient == [1, -1, 0, 0])
    }
}
