/// Whether a NIST StRD problem is a linear or a nonlinear least-squares regression.
public enum StRDProcedure: String, Sendable, Hashable {
    /// `Procedure: Linear Least Squares Regression`.
    case linear
    /// `Procedure: Nonlinear Least Squares Regression`.
    case nonlinear
}

/// A NIST Statistical Reference Dataset problem: model, starting values, certified results and data.
///
/// Read one with ``StRDParser``. Values are as the file states them; in particular
/// ``degreesOfFreedom`` is the stated number (Rat43 states 9 although n − p = 11), so use
/// ``observationCount`` and ``parameterCount`` when the arithmetic matters.
public struct StRDProblem: Sendable, Hashable {
    /// The display path of the file.
    public let source: String
    /// The dataset name, from the `Dataset Name:` line (`Rat43`).
    public let name: String
    /// Linear or nonlinear, from the `Procedure:` line.
    public let procedure: StRDProcedure
    /// The level of difficulty as the file words it (`Lower`, `Average`, `Higher`), if stated.
    public let difficulty: String?

    /// The model equation as written, its lines joined by single spaces, constant definitions
    /// excluded: `y = b1 / ((1+exp[b2-b3*x])**(1/b4))  +  e`.
    public let modelText: String
    /// The file line on which the model equation starts.
    public let modelLine: Int
    /// The left-hand side of the equation: `y`, or `log[y]` for Nelson.
    public let modelLeftHandSide: String
    /// The right-hand side without the trailing error term `+ e`: `b1 - b2*x1 * exp[-b3*x2]`.
    public let modelRightHandSide: String
    /// Constants defined beside the equation, such as Roszman1's `pi = 3.141592653589793238462643383279E0`.
    public let constants: [String: Double]
    /// The design of a linear problem's model (`nil` for nonlinear problems).
    public let linearModel: LinearModelSpec?

    /// The parameter names in the order of the certified table (`b1`…`bk`, or `B0`…`Bk`).
    public let parameterNames: [String]
    /// One vector of starting values per start (two for nonlinear problems, none for linear ones),
    /// each in the order of ``parameterNames``.
    public let startingValues: [[Double]]
    /// The certified parameter estimates, in the order of ``parameterNames``.
    public let certifiedEstimates: [Double]
    /// The certified standard deviations of the estimates, in the order of ``parameterNames``.
    public let certifiedStandardDeviations: [Double]
    /// The certified residual sum of squares (for linear problems, the Residual row of the
    /// analysis of variance table).
    public let certifiedResidualSumOfSquares: Double
    /// The certified residual standard deviation.
    public let certifiedResidualStandardDeviation: Double
    /// The certified R² (linear problems only).
    public let certifiedRSquared: Double?
    /// The residual degrees of freedom as stated (for linear problems, in the analysis of variance table).
    public let degreesOfFreedom: Int

    /// The name of the response column (`y`).
    public let responseName: String
    /// The names of the predictor columns, in file order (`x`, or `x1`, `x2`, …).
    public let predictorNames: [String]
    /// The response values, one per observation.
    public let responses: [Double]
    /// One array per predictor column, in the order of ``predictorNames``.
    public let predictors: [[Double]]

    /// n, the number of observations.
    public var observationCount: Int { responses.count }

    /// p, the number of parameters.
    public var parameterCount: Int { parameterNames.count }
}
