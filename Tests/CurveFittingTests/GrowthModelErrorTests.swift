import CurveFitting
import Testing

@Suite("Growth model errors")
struct GrowthModelErrorTests {
    private let x = GrowthModelTestSupport.grid(0, 12, 13)
    private var rising: [Double] { GrowthModelTestSupport.curve(LogisticGrowth(), x: x, parameters: [100, 5, 1.5]) }

    @Test func lengthMismatch() {
        #expect(throws: GrowthModelError.lengthMismatch(xCount: 3, yCount: 2)) {
            try LinearGrowth().initialParameters(x: [1, 2, 3], y: [1, 2])
        }
    }

    @Test("non-finite values are reported with their 1-based row")
    func nonFinite() {
        var y = rising
        y[3] = .nan
        #expect(throws: GrowthModelError.nonFiniteValue(variable: "y", row: 4)) {
            try LogisticGrowth().initialParameters(x: x, y: y)
        }
        var infiniteX = x
        infiniteX[0] = -.infinity
        #expect(throws: GrowthModelError.nonFiniteValue(variable: "x", row: 1)) {
            try GompertzGrowth().initialParameters(x: infiniteX, y: rising)
        }
        #expect(
            GrowthModelError.nonFiniteValue(variable: "y", row: 4).description
                == "y is not a finite number (NaN or infinite) at row 4")
    }

    @Test("p parameters need p distinct x values; replicates count once")
    func tooFewDistinctX() {
        let x: [Double] = [1, 1, 2, 2, 3, 3]
        let y: [Double] = [1, 2, 4, 5, 7, 8]
        let expected = GrowthModelError.tooFewDistinctX(model: "4-parameter logistic", distinct: 3, required: 4)
        #expect(throws: expected) { try FourParameterLogistic().initialParameters(x: x, y: y) }
        #expect(
            expected.description
                == "too few distinct x values to fit the 4-parameter logistic model: "
                + "3 distinct values, at least 4 needed")
        #expect(throws: GrowthModelError.tooFewDistinctX(model: "linear", distinct: 1, required: 2)) {
            try LinearGrowth().initialParameters(x: [2, 2], y: [1, 3])
        }
        #expect(throws: GrowthModelError.tooFewDistinctX(model: "Bass diffusion", distinct: 0, required: 3)) {
            try BassDiffusion().initialParameters(x: [], y: [])
        }
    }

    /// Issue 12: counts that start at exactly 0 and negative noise are ordinary input; the
    /// self-start fits a curve that the solver takes to the truth.
    @Test(
        "zeros and negative values are ordinary input",
        arguments: [ExponentialGrowth(), LogisticGrowth(), GompertzGrowth(), RichardsGrowth()]
            as [any SelfStartingModel])
    func zerosAndNegativeValues(_ model: any SelfStartingModel) throws {
        var y = rising
        y[0] = 0
        y[1] = -0.5
        let start = try model.initialParameters(x: x, y: y)
        #expect(start.allSatisfy { $0.isFinite })
        let rss = GrowthModelTestSupport.residualSumOfSquares(model, x: x, y: y, parameters: start)
        let total = GrowthModelTestSupport.totalSumOfSquares(y)
        #expect(rss < (model is ExponentialGrowth ? 0.5 : 0.01) * total, "start \(start)")
    }

    @Test("models with a free lower level accept any sign")
    func anySign() throws {
        let shifted = rising.map { $0 - 50 }
        let start = try FourParameterLogistic().initialParameters(x: x, y: shifted)
        #expect(abs(start[0] + 50) < 0.5)
        #expect(try MonomolecularGrowth().initialParameters(x: x, y: shifted).allSatisfy { $0.isFinite })
    }

    @Test(
        "a constant response shows no growth",
        arguments: GrowthModels.all.filter { !["linear", "exponential"].contains($0.name) })
    func constantResponse(_ model: any SelfStartingModel) {
        let y = [Double](repeating: 5, count: x.count)
        #expect(throws: GrowthModelError.constantResponse(model: model.title)) {
            try model.initialParameters(x: x, y: y)
        }
        #expect(GrowthModelError.constantResponse(model: model.title).description.hasPrefix(
            "the data show no growth (constant response)"))
    }

    @Test("a constant response is a flat line or a zero rate")
    func constantResponseWithoutGrowthModels() throws {
        let y = [Double](repeating: 5, count: x.count)
        for model in [LinearGrowth(), ExponentialGrowth()] as [any SelfStartingModel] {
            let start = try model.initialParameters(x: x, y: y)
            #expect(abs(start[0] - 5) < 1e-12 && abs(start[1]) < 1e-12, "\(model.name): \(start)")
        }
    }

    @Test("time before the origin is rejected where the curve starts at the origin")
    func beforeOrigin() {
        #expect(throws: GrowthModelError.predictorBeforeOrigin(model: "Weibull growth", row: 1, x: -1, origin: 0)) {
            try WeibullGrowth().initialParameters(x: [-1, 1, 2, 3, 4], y: [1, 2, 3, 4, 5])
        }
        let bassError = GrowthModelError.predictorBeforeOrigin(model: "Bass diffusion", row: 3, x: 1999, origin: 2000)
        #expect(throws: bassError) {
            try BassDiffusion(origin: 2000).initialParameters(x: [2001, 2002, 1999, 2003], y: [1, 2, 0, 3])
        }
    }

    @Test("calendar years with Gompertz's default origin overflow, and the error says what to do")
    func gompertzOverflow() {
        let years = x.map { $0 + 2000 }
        #expect {
            try GompertzGrowth().initialParameters(x: years, y: rising)
        } throws: { error in
            guard case let .selfStartFailed(model, reason) = error as? GrowthModelError else { return false }
            return model == "Gompertz" && reason.contains("origin")
        }
    }

    @Test func registryFindsEveryModel() throws {
        #expect(GrowthModels.names == [
            "linear", "exponential", "logistic", "logistic4", "gompertz", "richards", "weibull", "monomolecular",
            "bass", "micmen", "asymp", "asymporig", "biexp", "fol",
        ])
        for name in GrowthModels.names {
            #expect(try GrowthModels.named(name).name == name)
        }
        #expect(try GrowthModels.named(" Gompertz ").name == "gompertz")
    }

    @Test(
        "an unknown name lists the models and suggests a close one",
        arguments: [("logistc", "logistic"), ("gompretz", "gompertz"), ("mono", "monomolecular"), ("BAS", "bass")])
    func unknownName(_ name: String, suggestion: String) {
        #expect(
            throws: GrowthModelError.unknownModel(name: name, suggestion: suggestion, validNames: GrowthModels.names)
        ) {
            try GrowthModels.named(name)
        }
    }

    @Test func unknownNameWithoutSuggestion() {
        let error = GrowthModelError.unknownModel(name: "spline", suggestion: nil, validNames: GrowthModels.names)
        #expect(throws: error) { try GrowthModels.named("spline") }
        #expect(
            error.description
                == "unknown growth model 'spline'. Valid models: linear, exponential, logistic, logistic4, gompertz, "
                + "richards, weibull, monomolecular, bass, micmen, asymp, asymporig, biexp, fol")
        #expect(
            GrowthModelError.unknownModel(name: "logistc", suggestion: "logistic", validNames: ["logistic"]).description
                == "unknown growth model 'logistc'; did you mean 'logistic'? Valid models: logistic")
    }
}
