import Foundation
import Testing

@testable import Datasets

@Suite("StRD reference files")
struct StRDReferenceFileTests {
    /// Values copied from the files themselves, as written there.
    struct Expected: CustomTestStringConvertible, Sendable {
        let file: String
        let name: String
        let n: Int
        let parameterNames: [String]
        let columns: [String]
        let startingValues: [[Double]]
        let firstEstimate: Double
        let lastStandardDeviation: Double
        let residualSumOfSquares: Double
        let residualStandardDeviation: Double
        let rSquared: Double?
        let degreesOfFreedom: Int
        let firstRow: [Double]
        let lastRow: [Double]

        var testDescription: String { name }
    }

    static let expectations: [Expected] = [
        Expected(
            file: "linear/Longley.dat", name: "Longley", n: 16, parameterNames: ["B0", "B1", "B2", "B3", "B4", "B5", "B6"], columns: ["y", "x1", "x2", "x3", "x4", "x5", "x6"],
            startingValues: [],
            firstEstimate: -3482258.63459582, lastStandardDeviation: 455.478499142212,
            residualSumOfSquares: 836424.055505915, residualStandardDeviation: 304.854073561965, rSquared: 0.995479004577296, degreesOfFreedom: 9,
            firstRow: [60323, 83.0, 234289, 2356, 1590, 107608, 1947], lastRow: [70551, 116.9, 554894, 4007, 2827, 130081, 1962]),
        Expected(
            file: "linear/NoInt1.dat", name: "NoInt1", n: 11, parameterNames: ["B1"], columns: ["y", "x"],
            startingValues: [],
            firstEstimate: 2.07438016528926, lastStandardDeviation: 0.165289256198347E-01,
            residualSumOfSquares: 127.272727272727, residualStandardDeviation: 3.56753034006338, rSquared: 0.999365492298663, degreesOfFreedom: 10,
            firstRow: [130, 60], lastRow: [140, 70]),
        Expected(
            file: "linear/NoInt2.dat", name: "NoInt2", n: 3, parameterNames: ["B1"], columns: ["y", "x"],
            startingValues: [],
            firstEstimate: 0.727272727272727, lastStandardDeviation: 0.420827318078432E-01,
            residualSumOfSquares: 0.272727272727273, residualStandardDeviation: 0.369274472937998, rSquared: 0.993348115299335, degreesOfFreedom: 2,
            firstRow: [3, 4], lastRow: [4, 6]),
        Expected(
            file: "linear/Norris.dat", name: "Norris", n: 36, parameterNames: ["B0", "B1"], columns: ["y", "x"],
            startingValues: [],
            firstEstimate: -0.262323073774029, lastStandardDeviation: 0.429796848199937E-03,
            residualSumOfSquares: 26.6173985294224, residualStandardDeviation: 0.884796396144373, rSquared: 0.999993745883712, degreesOfFreedom: 34,
            firstRow: [0.1, 0.2], lastRow: [0.2, 0.5]),
        Expected(
            file: "linear/Pontius.dat", name: "Pontius", n: 40, parameterNames: ["B0", "B1", "B2"], columns: ["y", "x"],
            startingValues: [],
            firstEstimate: 0.673565789473684E-03, lastStandardDeviation: 0.486652849992036E-16,
            residualSumOfSquares: 0.155761768796992E-05, residualStandardDeviation: 0.205177424076185E-03, rSquared: 0.999999900178537, degreesOfFreedom: 37,
            firstRow: [0.11019, 150000], lastRow: [2.16829, 3000000]),
        Expected(
            file: "linear/Wampler1.dat", name: "Wampler1", n: 21, parameterNames: ["B0", "B1", "B2", "B3", "B4", "B5"], columns: ["y", "x"],
            startingValues: [],
            firstEstimate: 1.00000000000000, lastStandardDeviation: 0.000000000000000,
            residualSumOfSquares: 0.000000000000000, residualStandardDeviation: 0.000000000000000, rSquared: 1.00000000000000, degreesOfFreedom: 15,
            firstRow: [1, 0], lastRow: [3368421, 20]),
        Expected(
            file: "linear/Wampler2.dat", name: "Wampler2", n: 21, parameterNames: ["B0", "B1", "B2", "B3", "B4", "B5"], columns: ["y", "x"],
            startingValues: [],
            firstEstimate: 1.00000000000000, lastStandardDeviation: 0.000000000000000,
            residualSumOfSquares: 0.000000000000000, residualStandardDeviation: 0.000000000000000, rSquared: 1.00000000000000, degreesOfFreedom: 15,
            firstRow: [1.00000, 0], lastRow: [63.00000, 20]),
        Expected(
            file: "linear/Wampler3.dat", name: "Wampler3", n: 21, parameterNames: ["B0", "B1", "B2", "B3", "B4", "B5"], columns: ["y", "x"],
            startingValues: [],
            firstEstimate: 1.00000000000000, lastStandardDeviation: 0.112324854679312,
            residualSumOfSquares: 83554268.0000000, residualStandardDeviation: 2360.14502379268, rSquared: 0.999995559025820, degreesOfFreedom: 15,
            firstRow: [760.0, 0], lastRow: [3369180.0, 20]),
        Expected(
            file: "linear/Wampler4.dat", name: "Wampler4", n: 21, parameterNames: ["B0", "B1", "B2", "B3", "B4", "B5"], columns: ["y", "x"],
            startingValues: [],
            firstEstimate: 1.00000000000000, lastStandardDeviation: 11.2324854679312,
            residualSumOfSquares: 835542680000.000, residualStandardDeviation: 236014.502379268, rSquared: 0.957478440825662, degreesOfFreedom: 15,
            firstRow: [75901, 0], lastRow: [3444321, 20]),
        Expected(
            file: "nonlinear/BoxBOD.dat", name: "BoxBOD", n: 6, parameterNames: ["b1", "b2"], columns: ["y", "x"],
            startingValues: [[1, 1], [100, 0.75]],
            firstEstimate: 2.1380940889E+02, lastStandardDeviation: 1.0455993237E-01,
            residualSumOfSquares: 1.1680088766E+03, residualStandardDeviation: 1.7088072423E+01, rSquared: nil, degreesOfFreedom: 4,
            firstRow: [109, 1], lastRow: [224, 10]),
        Expected(
            file: "nonlinear/Chwirut1.dat", name: "Chwirut1", n: 214, parameterNames: ["b1", "b2", "b3"], columns: ["y", "x"],
            startingValues: [[0.1, 0.01, 0.02], [0.15, 0.008, 0.010]],
            firstEstimate: 1.9027818370E-01, lastStandardDeviation: 7.9281847748E-04,
            residualSumOfSquares: 2.3844771393E+03, residualStandardDeviation: 3.3616721320E+00, rSquared: nil, degreesOfFreedom: 211,
            firstRow: [92.9000E0, 0.5000E0], lastRow: [28.9500E0, 1.7500E0]),
        Expected(
            file: "nonlinear/Chwirut2.dat", name: "Chwirut2", n: 54, parameterNames: ["b1", "b2", "b3"], columns: ["y", "x"],
            startingValues: [[0.1, 0.01, 0.02], [0.15, 0.008, 0.010]],
            firstEstimate: 1.6657666537E-01, lastStandardDeviation: 1.5304234767E-03,
            residualSumOfSquares: 5.1304802941E+02, residualStandardDeviation: 3.1717133040E+00, rSquared: nil, degreesOfFreedom: 51,
            firstRow: [92.9000E0, 0.500E0], lastRow: [28.9000E0, 1.750E0]),
        Expected(
            file: "nonlinear/DanWood.dat", name: "DanWood", n: 6, parameterNames: ["b1", "b2"], columns: ["y", "x"],
            startingValues: [[1, 5], [0.7, 4]],
            firstEstimate: 7.6886226176E-01, lastStandardDeviation: 5.1726610913E-02,
            residualSumOfSquares: 4.3173084083E-03, residualStandardDeviation: 3.2853114039E-02, rSquared: nil, degreesOfFreedom: 4,
            firstRow: [2.138E0, 1.309E0], lastRow: [5.660E0, 1.680E0]),
        Expected(
            file: "nonlinear/ENSO.dat", name: "ENSO", n: 168, parameterNames: ["b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8", "b9"], columns: ["y", "x"],
            startingValues: [[11.0, 3.0, 0.5, 40.0, -0.7, -1.3, 25.0, -0.3, 1.4], [10.0, 3.0, 0.5, 44.0, -1.5, 0.5, 26.0, -0.1, 1.5]],
            firstEstimate: 1.0510749193E+01, lastStandardDeviation: 2.5434468893E-01,
            residualSumOfSquares: 7.8853978668E+02, residualStandardDeviation: 2.2269642403E+00, rSquared: nil, degreesOfFreedom: 159,
            firstRow: [12.90000, 1.000000], lastRow: [14.80000, 168.0000]),
        Expected(
            file: "nonlinear/Gauss1.dat", name: "Gauss1", n: 250, parameterNames: ["b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8"], columns: ["y", "x"],
            startingValues: [[97.0, 0.009, 100.0, 65.0, 20.0, 70.0, 178.0, 16.5], [94.0, 0.0105, 99.0, 63.0, 25.0, 71.0, 180.0, 20.0]],
            firstEstimate: 9.8778210871E+01, lastStandardDeviation: 2.0134312832E-01,
            residualSumOfSquares: 1.3158222432E+03, residualStandardDeviation: 2.3317980180E+00, rSquared: nil, degreesOfFreedom: 242,
            firstRow: [97.62227, 1.000000], lastRow: [4.875359, 250.0000]),
        Expected(
            file: "nonlinear/Gauss2.dat", name: "Gauss2", n: 250, parameterNames: ["b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8"], columns: ["y", "x"],
            startingValues: [[96.0, 0.009, 103.0, 106.0, 18.0, 72.0, 151.0, 18.0], [98.0, 0.0105, 103.0, 105.0, 20.0, 73.0, 150.0, 20.0]],
            firstEstimate: 9.9018328406E+01, lastStandardDeviation: 2.6416549393E-01,
            residualSumOfSquares: 1.2475282092E+03, residualStandardDeviation: 2.2704790782E+00, rSquared: nil, degreesOfFreedom: 242,
            firstRow: [97.58776, 1.000000], lastRow: [4.875312, 250.0000]),
        Expected(
            file: "nonlinear/Gauss3.dat", name: "Gauss3", n: 250, parameterNames: ["b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8"], columns: ["y", "x"],
            startingValues: [[94.9, 0.009, 90.1, 113.0, 20.0, 73.8, 140.0, 20.0], [96.0, 0.0096, 80.0, 110.0, 25.0, 74.0, 139.0, 25.0]],
            firstEstimate: 9.8940368970E+01, lastStandardDeviation: 3.7806634336E-01,
            residualSumOfSquares: 1.2444846360E+03, residualStandardDeviation: 2.2677077625E+00, rSquared: nil, degreesOfFreedom: 242,
            firstRow: [97.58776, 1.000000], lastRow: [4.875312, 250.0000]),
        Expected(
            file: "nonlinear/Kirby2.dat", name: "Kirby2", n: 151, parameterNames: ["b1", "b2", "b3", "b4", "b5"], columns: ["y", "x"],
            startingValues: [[2, -0.1, 0.003, -0.001, 0.00001], [1.5, -0.15, 0.0025, -0.0015, 0.00002]],
            firstEstimate: 1.6745063063E+00, lastStandardDeviation: 2.0129761919E-07,
            residualSumOfSquares: 3.9050739624E+00, residualStandardDeviation: 1.6354535131E-01, rSquared: nil, degreesOfFreedom: 146,
            firstRow: [0.0082E0, 9.65E0], lastRow: [92.2000E0, 371.30E0]),
        Expected(
            file: "nonlinear/Lanczos1.dat", name: "Lanczos1", n: 24, parameterNames: ["b1", "b2", "b3", "b4", "b5", "b6"], columns: ["y", "x"],
            startingValues: [[1.2, 0.3, 5.6, 5.5, 6.5, 7.6], [0.5, 0.7, 3.6, 4.2, 4, 6.3]],
            firstEstimate: 9.5100000027E-02, lastStandardDeviation: 1.1057500538E-10,
            residualSumOfSquares: 1.4307867721E-25, residualStandardDeviation: 8.9156129349E-14, rSquared: nil, degreesOfFreedom: 18,
            firstRow: [2.513400000000E+00, 0.000000000000E+00], lastRow: [6.239312536719E-02, 1.150000000000E+00]),
        Expected(
            file: "nonlinear/Lanczos2.dat", name: "Lanczos2", n: 24, parameterNames: ["b1", "b2", "b3", "b4", "b5", "b6"], columns: ["y", "x"],
            startingValues: [[1.2, 0.3, 5.6, 5.5, 6.5, 7.6], [0.5, 0.7, 3.6, 4.2, 4, 6.3]],
            firstEstimate: 9.6251029939E-02, lastStandardDeviation: 1.3958787284E-03,
            residualSumOfSquares: 2.2299428125E-11, residualStandardDeviation: 1.1130395851E-06, rSquared: nil, degreesOfFreedom: 18,
            firstRow: [2.51340E+00, 0.00000E+00], lastRow: [6.23931E-02, 1.15000E+00]),
        Expected(
            file: "nonlinear/Lanczos3.dat", name: "Lanczos3", n: 24, parameterNames: ["b1", "b2", "b3", "b4", "b5", "b6"], columns: ["y", "x"],
            startingValues: [[1.2, 0.3, 5.6, 5.5, 6.5, 7.6], [0.5, 0.7, 3.6, 4.2, 4, 6.3]],
            firstEstimate: 8.6816414977E-02, lastStandardDeviation: 3.4436403035E-02,
            residualSumOfSquares: 1.6117193594E-08, residualStandardDeviation: 2.9923229172E-05, rSquared: nil, degreesOfFreedom: 18,
            firstRow: [2.5134E+00, 0.00000E+00], lastRow: [0.0624E+00, 1.15000E+00]),
        Expected(
            file: "nonlinear/MGH17.dat", name: "MGH17", n: 33, parameterNames: ["b1", "b2", "b3", "b4", "b5"], columns: ["y", "x"],
            startingValues: [[50, 150, -100, 1, 2], [0.5, 1.5, -1, 0.01, 0.02]],
            firstEstimate: 3.7541005211E-01, lastStandardDeviation: 8.9471996575E-04,
            residualSumOfSquares: 5.4648946975E-05, residualStandardDeviation: 1.3970497866E-03, rSquared: nil, degreesOfFreedom: 28,
            firstRow: [8.440000E-01, 0.000000E+00], lastRow: [4.060000E-01, 3.200000E+02]),
        Expected(
            file: "nonlinear/Misra1a.dat", name: "Misra1a", n: 14, parameterNames: ["b1", "b2"], columns: ["y", "x"],
            startingValues: [[500, 0.0001], [250, 0.0005]],
            firstEstimate: 2.3894212918E+02, lastStandardDeviation: 7.2668688436E-06,
            residualSumOfSquares: 1.2455138894E-01, residualStandardDeviation: 1.0187876330E-01, rSquared: nil, degreesOfFreedom: 12,
            firstRow: [10.07E0, 77.6E0], lastRow: [81.78E0, 760.0E0]),
        Expected(
            file: "nonlinear/Misra1b.dat", name: "Misra1b", n: 14, parameterNames: ["b1", "b2"], columns: ["y", "x"],
            startingValues: [[500, 0.0001], [300, 0.0002]],
            firstEstimate: 3.3799746163E+02, lastStandardDeviation: 4.2547321834E-06,
            residualSumOfSquares: 7.5464681533E-02, residualStandardDeviation: 7.9301471998E-02, rSquared: nil, degreesOfFreedom: 12,
            firstRow: [10.07E0, 77.6E0], lastRow: [81.78E0, 760.0E0]),
        Expected(
            file: "nonlinear/Misra1c.dat", name: "Misra1c", n: 14, parameterNames: ["b1", "b2"], columns: ["y", "x"],
            startingValues: [[500, 0.0001], [600, 0.0002]],
            firstEstimate: 6.3642725809E+02, lastStandardDeviation: 1.7728423155E-06,
            residualSumOfSquares: 4.0966836971E-02, residualStandardDeviation: 5.8428615257E-02, rSquared: nil, degreesOfFreedom: 12,
            firstRow: [10.07E0, 77.6E0], lastRow: [81.78E0, 760.0E0]),
        Expected(
            file: "nonlinear/Misra1d.dat", name: "Misra1d", n: 14, parameterNames: ["b1", "b2"], columns: ["y", "x"],
            startingValues: [[500, 0.0001], [450, 0.0003]],
            firstEstimate: 4.3736970754E+02, lastStandardDeviation: 2.9334354479E-06,
            residualSumOfSquares: 5.6419295283E-02, residualStandardDeviation: 6.8568272111E-02, rSquared: nil, degreesOfFreedom: 12,
            firstRow: [10.07E0, 77.6E0], lastRow: [81.78E0, 760.0E0]),
        Expected(
            file: "nonlinear/Nelson.dat", name: "Nelson", n: 128, parameterNames: ["b1", "b2", "b3"], columns: ["y", "x1", "x2"],
            startingValues: [[2, 0.0001, -0.01], [2.5, 0.000000005, -0.05]],
            firstEstimate: 2.5906836021E+00, lastStandardDeviation: 3.9572366543E-03,
            residualSumOfSquares: 3.7976833176E+00, residualStandardDeviation: 1.7430280130E-01, rSquared: nil, degreesOfFreedom: 125,
            firstRow: [15.00E0, 1E0, 180E0], lastRow: [1.20E0, 64E0, 275E0]),
        Expected(
            file: "nonlinear/Rat42.dat", name: "Rat42", n: 9, parameterNames: ["b1", "b2", "b3"], columns: ["y", "x"],
            startingValues: [[100, 1, 0.1], [75, 2.5, 0.07]],
            firstEstimate: 7.2462237576E+01, lastStandardDeviation: 3.4465663377E-03,
            residualSumOfSquares: 8.0565229338E+00, residualStandardDeviation: 1.1587725499E+00, rSquared: nil, degreesOfFreedom: 6,
            firstRow: [8.930E0, 9.000E0], lastRow: [67.080E0, 79.000E0]),
        Expected(
            file: "nonlinear/Rat43.dat", name: "Rat43", n: 15, parameterNames: ["b1", "b2", "b3", "b4"], columns: ["y", "x"],
            startingValues: [[100, 10, 1, 1], [700, 5, 0.75, 1.3]],
            firstEstimate: 6.9964151270E+02, lastStandardDeviation: 6.8761936385E-01,
            residualSumOfSquares: 8.7864049080E+03, residualStandardDeviation: 2.8262414662E+01, rSquared: nil, degreesOfFreedom: 9,
            firstRow: [16.08E0, 1.0E0], lastRow: [717.41E0, 15.0E0]),
        Expected(
            file: "nonlinear/Roszman1.dat", name: "Roszman1", n: 25, parameterNames: ["b1", "b2", "b3", "b4"], columns: ["y", "x"],
            startingValues: [[0.1, -0.00001, 1000, -100], [0.2, -0.000005, 1200, -150]],
            firstEstimate: 2.0196866396E-01, lastStandardDeviation: 4.9573513849E+01,
            residualSumOfSquares: 4.9484847331E-04, residualStandardDeviation: 4.8542984060E-03, rSquared: nil, degreesOfFreedom: 21,
            firstRow: [0.252429, -4868.68], lastRow: [0.624169, -464.17]),
    ]

    private static func load(_ file: String) throws -> StRDProblem {
        try StRDParser.parse(url: TestSupport.strdDirectory.appendingPathComponent(file), displayPath: file)
    }

    @Test(arguments: expectations)
    func certifiedValuesCountsAndData(expected: Expected) throws {
        let problem = try Self.load(expected.file)
        #expect(problem.source == expected.file)
        #expect(problem.name == expected.name)
        #expect(problem.procedure == (expected.file.hasPrefix("linear/") ? .linear : .nonlinear))
        #expect(problem.observationCount == expected.n)
        #expect(problem.parameterCount == expected.parameterNames.count)
        #expect(problem.parameterNames == expected.parameterNames)
        #expect(problem.startingValues == expected.startingValues)
        #expect(problem.startingValues.count == (problem.procedure == .nonlinear ? 2 : 0))
        #expect(problem.certifiedEstimates.count == problem.parameterCount)
        #expect(problem.certifiedStandardDeviations.count == problem.parameterCount)
        #expect(problem.certifiedEstimates.first == expected.firstEstimate)
        #expect(problem.certifiedStandardDeviations.last == expected.lastStandardDeviation)
        #expect(problem.certifiedResidualSumOfSquares == expected.residualSumOfSquares)
        #expect(problem.certifiedResidualStandardDeviation == expected.residualStandardDeviation)
        #expect(problem.certifiedRSquared == expected.rSquared)
        #expect(problem.degreesOfFreedom == expected.degreesOfFreedom)
        #expect([problem.responseName] + problem.predictorNames == expected.columns)
        #expect(problem.predictors.count == expected.columns.count - 1)
        #expect(problem.predictors.allSatisfy { $0.count == expected.n })
        #expect([problem.responses.first] + problem.predictors.map(\.first) == expected.firstRow.map { $0 })
        #expect([problem.responses.last] + problem.predictors.map(\.last) == expected.lastRow.map { $0 })
        #expect((problem.linearModel != nil) == (problem.procedure == .linear))
    }

    @Test func readsTheWholeFolders() throws {
        let linear = try StRDParser.parseDirectory(TestSupport.strdDirectory.appendingPathComponent("linear"))
        let nonlinear = try StRDParser.parseDirectory(TestSupport.strdDirectory.appendingPathComponent("nonlinear"))
        #expect(linear.map(\.name) == ["Longley", "NoInt1", "NoInt2", "Norris", "Pontius",
                                       "Wampler1", "Wampler2", "Wampler3", "Wampler4"])
        #expect(nonlinear.count == 21)
        #expect(Set(nonlinear.map(\.procedure)) == [.nonlinear])
        #expect(Set(linear.map(\.procedure)) == [.linear])
    }

    @Test(arguments: [
        ("linear/Norris.dat", true, [LinearTerm(predictor: 0, power: 1)]),
        ("linear/Pontius.dat", true, [LinearTerm(predictor: 0, power: 1), LinearTerm(predictor: 0, power: 2)]),
        ("linear/NoInt1.dat", false, [LinearTerm(predictor: 0, power: 1)]),
        ("linear/NoInt2.dat", false, [LinearTerm(predictor: 0, power: 1)]),
        ("linear/Longley.dat", true, (0..<6).map { LinearTerm(predictor: $0, power: 1) }),
        ("linear/Wampler1.dat", true, (1...5).map { LinearTerm(predictor: 0, power: $0) }),
        ("linear/Wampler2.dat", true, (1...5).map { LinearTerm(predictor: 0, power: $0) }),
        ("linear/Wampler3.dat", true, (1...5).map { LinearTerm(predictor: 0, power: $0) }),
        ("linear/Wampler4.dat", true, (1...5).map { LinearTerm(predictor: 0, power: $0) }),
    ])
    func linearModelSpecs(file: String, hasIntercept: Bool, terms: [LinearTerm]) throws {
        let problem = try Self.load(file)
        let spec = try #require(problem.linearModel)
        #expect(spec.responseName == "y")
        #expect(spec.predictorNames == problem.predictorNames)
        #expect(spec.hasIntercept == hasIntercept)
        #expect(spec.terms == terms)
        #expect(spec.coefficientNames == problem.parameterNames)
    }

    @Test func longleyTrustsTheCertifiedTableOverItsHeader() throws {
        let longley = try Self.load("linear/Longley.dat")
        #expect(longley.parameterNames == ["B0", "B1", "B2", "B3", "B4", "B5", "B6"])
        #expect(longley.linearModel?.termNames == ["x1", "x2", "x3", "x4", "x5", "x6"])
        #expect(longley.certifiedEstimates[2] == -0.358191792925910E-01)
        #expect(longley.difficulty == "Higher")
    }

    @Test func wamplerWithoutSpacesAndWithoutErrorTerm() throws {
        let wampler = try Self.load("linear/Wampler1.dat")
        #expect(wampler.modelText == "y = B0 + B1*x + B2*(x**2) + B3*(x**3)+ B4*(x**4) + B5*(x**5)")
        #expect(wampler.modelRightHandSide == "B0 + B1*x + B2*(x**2) + B3*(x**3)+ B4*(x**4) + B5*(x**5)")
        #expect(wampler.modelLine == 24)
        #expect(wampler.linearModel?.termNames == ["x", "x^2", "x^3", "x^4", "x^5"])
    }

    @Test func nelsonFitsTheLogarithm() throws {
        let nelson = try Self.load("nonlinear/Nelson.dat")
        #expect(nelson.modelText == "log[y] = b1 - b2*x1 * exp[-b3*x2]  +  e")
        #expect(nelson.modelLeftHandSide == "log[y]")
        #expect(nelson.modelRightHandSide == "b1 - b2*x1 * exp[-b3*x2]")
        #expect(nelson.predictorNames == ["x1", "x2"])
        #expect(nelson.predictors[1].first == 180)
        #expect(nelson.difficulty == "Average")
    }

    @Test func roszmanDefinesPi() throws {
        let roszman = try Self.load("nonlinear/Roszman1.dat")
        #expect(roszman.constants == ["pi": 3.141592653589793238462643383279E0])
        #expect(roszman.constants["pi"] == Double.pi)
        #expect(roszman.modelText == "y =  b1 - b2*x - arctan[b3/(x-b4)]/pi  +  e")
        #expect(roszman.modelLeftHandSide == "y")
        #expect(roszman.modelRightHandSide == "b1 - b2*x - arctan[b3/(x-b4)]/pi")
        #expect(roszman.modelLine == 35)
    }

    @Test func rat43StatesNineDegreesOfFreedom() throws {
        let rat43 = try Self.load("nonlinear/Rat43.dat")
        #expect(rat43.degreesOfFreedom == 9)
        #expect(rat43.observationCount - rat43.parameterCount == 11)
        #expect(rat43.modelText == "y = b1 / ((1+exp[b2-b3*x])**(1/b4))  +  e")
        #expect(rat43.modelRightHandSide == "b1 / ((1+exp[b2-b3*x])**(1/b4))")
        #expect(rat43.constants.isEmpty)
    }

    @Test func equationsOverSeveralLines() throws {
        let enso = try Self.load("nonlinear/ENSO.dat")
        #expect(enso.modelLine == 34)
        #expect(enso.modelText == "y = b1 + b2*cos( 2*pi*x/12 ) + b3*sin( 2*pi*x/12 ) "
                + "+ b5*cos( 2*pi*x/b4 ) + b6*sin( 2*pi*x/b4 ) + b8*cos( 2*pi*x/b7 ) + b9*sin( 2*pi*x/b7 )  + e")
        #expect(enso.modelRightHandSide.hasSuffix("b9*sin( 2*pi*x/b7 )"))
        #expect(enso.constants.isEmpty)
        let kirby = try Self.load("nonlinear/Kirby2.dat")
        #expect(kirby.modelRightHandSide == "(b1 + b2*x + b3*x**2) / (1 + b4*x + b5*x**2)")
        let danWood = try Self.load("nonlinear/DanWood.dat")
        #expect(danWood.modelLeftHandSide == "y")
        #expect(danWood.modelRightHandSide == "b1*x**b2")
    }
}
