import CurveFitting
import Foundation
import Testing

@Suite("Growth model values")
struct GrowthModelValueTests {
    /// The model's value at one x.
    private func value(_ model: some SelfStartingModel, at x: Double, _ parameters: [Double]) -> Double {
        model.value(row: 0, of: Predictors([x]), parameters: parameters)
    }

    /// `|a − b| ≤ tolerance·max(1, |b|)`.
    private func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
        abs(a - b) <= tolerance * max(1, abs(b))
    }

    @Test func linearAndExponential() {
        #expect(value(LinearGrowth(), at: 4, [2, 0.5]) == 4)
        #expect(close(value(ExponentialGrowth(), at: 0, [3, 0.2]), 3))
        #expect(close(value(ExponentialGrowth(), at: log(2) / 0.2, [3, 0.2]), 6), "one doubling time")
        #expect(close(value(ExponentialGrowth(origin: 2000), at: 2000, [3, 0.2]), 3))
    }

    @Test func logistic() {
        let model = LogisticGrowth()
        #expect(close(value(model, at: 5, [100, 5, 1.5]), 50), "Asym/2 at xmid")
        #expect(close(value(model, at: 6.5, [100, 5, 1.5]), 100 / (1 + exp(-1))), "73% one scale after xmid")
        #expect(close(value(model, at: 1e6, [100, 5, 1.5]), 100))
        #expect(value(model, at: -1e6, [100, 5, 1.5]) == 0)
    }

    @Test func fourParameterLogistic() {
        let model = FourParameterLogistic()
        #expect(close(value(model, at: 5, [10, 110, 5, 1.5]), 60), "(A + B)/2 at xmid")
        #expect(close(value(model, at: -1e6, [10, 110, 5, 1.5]), 10))
        #expect(close(value(model, at: 1e6, [10, 110, 5, 1.5]), 110))
        #expect(close(value(model, at: 3, [0, 100, 5, 1.5]), value(LogisticGrowth(), at: 3, [100, 5, 1.5])))
    }

    @Test func gompertz() {
        let (asym, b2, b3) = (100.0, 2.5, 0.7)
        #expect(close(value(GompertzGrowth(), at: 0, [asym, b2, b3]), asym * exp(-b2)))
        #expect(close(value(GompertzGrowth(origin: 2016), at: 2016, [asym, b2, b3]), asym * exp(-b2)))
        let inflection = log(b2) / -log(b3)
        let atInflection = value(GompertzGrowth(), at: inflection, [asym, b2, b3])
        #expect(close(atInflection, asym / exp(1)), "Asym/e at the inflection")
        #expect(close(value(GompertzGrowth(), at: 200, [asym, b2, b3]), asym))
    }

    @Test func richards() {
        let model = RichardsGrowth()
        for x in [-3.0, 2, 5, 9, 20] {
            let logistic = value(LogisticGrowth(), at: x, [100, 5, 1.5])
            #expect(close(value(model, at: x, [100, 5, 1.5, 1]), logistic), "ν = 1")
            // ν → 0 is the Gompertz curve with b2 = exp(xmid/scal), b3 = exp(−1/scal).
            let gompertz = value(GompertzGrowth(), at: x, [100, exp(5 / 1.5), exp(-1 / 1.5)])
            #expect(close(value(model, at: x, [100, 5, 1.5, 1e-9]), gompertz, 1e-7), "ν → 0")
        }
        let atXmid = value(model, at: 5, [100, 5, 1.5, 2.5])
        #expect(close(atXmid, 100 * pow(3.5, -1 / 2.5)), "Asym·(1 + ν)^(−1/ν) at xmid")
    }

    /// NIST StRD Rat43, certified values: `y = b1 / (1 + exp(b2 − b3·x))^(1/b4)`.
    @Test func richardsMapsToRat43() {
        let (b1, b2, b3, b4) = (6.9964151270e2, 5.2771253025, 7.5962938329e-1, 1.2792483859)
        let mapped = [b1, (b2 - log(b4)) / b3, 1 / b3, b4]
        for x in 1...15 {
            let rat43 = b1 / pow(1 + exp(b2 - b3 * Double(x)), 1 / b4)
            #expect(close(value(RichardsGrowth(), at: Double(x), mapped), rat43))
        }
    }

    @Test func weibull() {
        let model = WeibullGrowth()
        #expect(value(model, at: 0, [100, 90, -3, 2]) == 10, "Asym − Drop at the origin")
        #expect(close(value(model, at: 1e3, [100, 90, -3, 2]), 100))
        let shifted = value(WeibullGrowth(origin: 10), at: 12, [100, 90, -3, 2])
        #expect(close(shifted, value(model, at: 2, [100, 90, -3, 2])))
        for x in [0.5, 3, 8] {
            let monomolecular = value(MonomolecularGrowth(), at: x, [100, 10, exp(-1.0)])
            #expect(close(value(model, at: x, [100, 90, -1, 1]), monomolecular), "pwr = 1 is monomolecular")
        }
    }

    /// NIST StRD Misra1a, certified values: `y = b1·(1 − exp(−b2·x))` is the case R0 = 0.
    @Test func monomolecular() {
        let model = MonomolecularGrowth()
        #expect(value(model, at: 0, [100, 10, 0.3]) == 10, "R0 at the origin")
        #expect(close(value(model, at: 1e3, [100, 10, 0.3]), 100))
        let (b1, b2) = (2.3894212918e2, 5.5015643181e-4)
        for x in [77.6, 114.9, 400, 790] {
            #expect(close(value(model, at: x, [b1, 0, b2]), b1 * (1 - exp(-b2 * x))))
        }
    }

    @Test func bass() {
        let (m, p, q) = (1000.0, 0.03, 0.4)
        let model = BassDiffusion()
        #expect(value(model, at: 0, [m, p, q]) == 0, "no adopters at launch")
        #expect(close(value(model, at: 500, [m, p, q]), m), "tends to the market potential")
        let peak = log(q / p) / (p + q)
        #expect(close(value(model, at: peak, [m, p, q]), m * (q - p) / (2 * q)), "m(q − p)/(2q) at the peak")
        #expect(close(value(model, at: 7, [m, p, 0]), m * (1 - exp(-p * 7))), "q = 0: pure innovation")
        #expect(value(BassDiffusion(origin: 2015.5), at: 2015.5, [m, p, q]) == 0)
    }

    @Test("every model describes itself consistently", arguments: GrowthModels.all.map(\.name))
    func metadata(_ name: String) throws {
        let model = try GrowthModels.named(name)
        #expect(model.name == name)
        #expect(name == name.lowercased() && !name.contains(" "))
        #expect(model.parameterDescriptions.count == model.parameterCount)
        for (parameter, description) in zip(model.parameterNames, model.parameterDescriptions) {
            #expect(description.hasPrefix("\(parameter): "), "\(description)")
        }
        #expect(model.minimumDistinctX == model.parameterCount)
        #expect(model.predictorNames == ["x"])
        #expect(model.formula.hasPrefix("y = "))
        #expect(!model.summary.isEmpty && !model.title.isEmpty)
    }

    @Test func formulasShowTheOrigin() {
        #expect(GompertzGrowth().formula == "y = Asym * exp(-b2 * b3^x)")
        #expect(GompertzGrowth(origin: 2015).formula == "y = Asym * exp(-b2 * b3^(x - 2015.0))")
        #expect(ExponentialGrowth(origin: -2).formula == "y = a * exp(b * (x + 2.0))")
        #expect(BassDiffusion(origin: 1990).formula.contains("(x - 1990.0)"))
    }
}
