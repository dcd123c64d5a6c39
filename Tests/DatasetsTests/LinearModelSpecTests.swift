import Foundation
import Testing

@testable import Datasets

@Suite("LinearModelSpec")
struct LinearModelSpecTests {
    private static func parse(_ text: String, predictors: [String] = ["x"]) throws -> LinearModelSpec {
        try LinearModelSpec(parsing: text, responseName: "y", predictorNames: predictors, source: "m.dat", firstLine: 21)
    }

    private static func powers(_ range: ClosedRange<Int>) -> [LinearTerm] {
        range.map { LinearTerm(predictor: 0, power: $0) }
    }

    @Test func polynomialWithEveryPowerSpelling() throws {
        let spec = try Self.parse("y = B0 + B1*x + B2*(x**2) + B3*x^3 + B4 * ( x ** 4 )+e")
        #expect(spec == LinearModelSpec(responseName: "y", predictorNames: ["x"], hasIntercept: true,
                                        terms: Self.powers(1...4), coefficientNames: ["B0", "B1", "B2", "B3", "B4"]))
        #expect(spec.termNames == ["x", "x^2", "x^3", "x^4"])
    }

    @Test func severalPredictorsWithoutIntercept() throws {
        let spec = try Self.parse("y = B1*x2 + B2*x1", predictors: ["x1", "x2"])
        #expect(!spec.hasIntercept)
        #expect(spec.terms == [LinearTerm(predictor: 1, power: 1), LinearTerm(predictor: 0, power: 1)])
        #expect(spec.coefficientNames == ["B1", "B2"])
    }

    @Test func theInterceptComesFirstWhereverItIsWritten() throws {
        let spec = try Self.parse("y = B1*x + B0")
        #expect(spec.hasIntercept)
        #expect(spec.coefficientNames == ["B0", "B1"])
    }

    /// The Filip problem's degree-10 polynomial wraps over several lines in NIST's file.
    @Test(arguments: [
        "y = B0 + B1*x + B2*(x**2) + B3*(x**3) + B4*(x**4) + B5*(x**5)\n"
            + "      + B6*(x**6) + B7*(x**7) + B8*(x**8)\n"
            + "      + B9*(x**9) + B10*(x**10) + e",
        "y = B0 + B1*x + B2*(x**2) + B3*(x**3) + B4*(x**4) +\n"
            + "    B5*(x**5) + B6*(x**6) + B7*(x**7) + B8*(x**8) +\n"
            + "    B9*(x**9) + B10*(x**10) + e\n",
    ])
    func wrappedPolynomial(text: String) throws {
        let spec = try Self.parse(text)
        #expect(spec.hasIntercept)
        #expect(spec.terms == Self.powers(1...10))
        #expect(spec.coefficientNames == (0...10).map { "B\($0)" })
    }

    @Test(arguments: [
        ("y = B0 + B1*x +\n    + e", 22, 5, "expected a coefficient name or the error term 'e', found '+'"),
        ("y = B0 + B1*x +", 21, 16, "expected a coefficient name or the error term 'e', found the end of the model"),
        ("y = B0 + e + B1*x", 21, 10, "the error term 'e' must be the last term"),
        ("y = B0 + B0*x", 21, 10, "coefficient 'B0' appears twice"),
        ("y = B0 + B1*x + B2*x", 21, 20, "the model has this term twice"),
        ("y = B0 + B1 + B2*x", 21, 10, "a second intercept 'B1' (the first is 'B0')"),
        ("y = B0 + x", 21, 10, "term 'x' has no coefficient; write it as a coefficient times 'x'"),
        ("z = B0 + B1*x", 21, 1, "the left-hand side is 'z', expected the response 'y'"),
        ("y B0 + B1*x", 21, 3, "expected '=' after the response, found 'B0'"),
        ("y = B1*x**0", 21, 11, "expected a whole power from 1 to 1000, found '0'"),
        ("y = B1*x**2.5", 21, 12, "unexpected character '.' in a linear model"),
        ("y = B1*(x**2", 21, 13, "expected ')' to close the parenthesis, found the end of the model"),
        ("y = B0 B1*x", 21, 8, "expected '+' between terms, found 'B1'"),
        ("y = B0 + B1*x1", 21, 13, "unknown predictor 'x1' (the data has 'x')"),
        ("y = B0 + 2*x", 21, 10, "expected a coefficient name or the error term 'e', found '2'"),
        ("y = B0 - B1*x", 21, 8, "unexpected character '-' in a linear model"),
        ("y = e", 21, 1, "the model has no terms"),
        ("", 21, 1, "expected the response name, found the end of the model"),
        ("y = B0 +\n   B1*x; e", 22, 8, "unexpected character ';' in a linear model"),
    ])
    func syntaxErrorsAreLocated(text: String, line: Int, column: Int, message: String) {
        #expect(throws: DataError(file: "m.dat", line: line, column: column, message: message)) {
            try Self.parse(text)
        }
    }

    /// A Filip-like StRD file whose model wraps over three lines.
    private static func filipLikeFile(secondModelLine: String) -> String {
        var lines = [String](repeating: "", count: 63)
        lines[0] = "NIST/ITL StRD"
        lines[1] = "Dataset Name:  FilipLike (FilipLike.dat)"
        lines[3] = "File Format:   ASCII"
        lines[4] = "               Certified Values  (lines 31 to 50)"
        lines[5] = "               Data              (lines 61 to 63)"
        lines[7] = "Procedure:     Linear Least Squares Regression"
        lines[17] = "Model:         Polynomial Class"
        lines[18] = "               11 Parameters (B0,B1,...,B10)"
        lines[20] = "               y = B0 + B1*x + B2*(x**2) + B3*(x**3) + B4*(x**4) + B5*(x**5)"
        lines[21] = secondModelLine
        lines[22] = "                     + B9*(x**9) + B10*(x**10) + e"
        for index in 0...10 {
            lines[30 + index] = "        B\(index)      \(index).5      0.1E-01"
        }
        lines[42] = "     Residual"
        lines[43] = "     Standard Deviation   0.334801051324544E-02"
        lines[45] = "     R-Squared            0.996727416185620"
        lines[48] = "Regression   10     0.242391619837339        0.242391619837339E-01    2162.43954511489"
        lines[49] = "Residual     71     0.795851382172941E-03    0.112091743968020E-04"
        lines[59] = "Data:       y          x"
        lines[60] = "        0.8116   -6.860120914"
        lines[61] = "        0.9072   -4.324130045"
        lines[62] = "        0.9052   -4.358625055"
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func anStRDFileWhoseModelWraps() throws {
        let text = Self.filipLikeFile(secondModelLine: "                     + B6*(x**6) + B7*(x**7) + B8*(x**8)")
        let problem = try StRDParser.parse(text, source: "FilipLike.dat")
        #expect(problem.name == "FilipLike")
        #expect(problem.modelLine == 21)
        #expect(problem.modelText.hasSuffix("+ B9*(x**9) + B10*(x**10) + e"))
        #expect(problem.modelRightHandSide.hasSuffix("B10*(x**10)"))
        #expect(problem.linearModel?.terms == Self.powers(1...10))
        #expect(problem.parameterNames == (0...10).map { "B\($0)" })
        #expect(problem.certifiedEstimates.last == 10.5)
        #expect(problem.certifiedResidualSumOfSquares == 0.795851382172941E-03)
        #expect(problem.certifiedResidualStandardDeviation == 0.334801051324544E-02)
        #expect(problem.degreesOfFreedom == 71)
        #expect(problem.predictors == [[-6.860120914, -4.324130045, -4.358625055]])

        let broken = Self.filipLikeFile(secondModelLine: "                     + B6*(x**6) + B7*(x**7) + B8*(w**8)")
        #expect(throws: DataError(file: "FilipLike.dat", line: 22, column: 52, message: "unknown predictor 'w' (the data has 'x')")) {
            try StRDParser.parse(broken, source: "FilipLike.dat")
        }
    }
}
