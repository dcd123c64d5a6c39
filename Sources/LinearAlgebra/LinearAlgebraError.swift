/// Why a linear-algebra operation could not produce a result.
///
/// Every LAPACK `info` code that the module can receive is turned into one of these cases with a
/// message that says what went wrong in terms of the user's problem, not of LAPACK's arguments.
public enum LinearAlgebraError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Operand shapes do not fit the operation.
    case dimensionMismatch(String)
    /// An input contains NaN or an infinity.
    case nonFinite(String)
    /// The matrix is exactly singular: a zero pivot was met at the given 1-based position.
    case singular(routine: String, pivot: Int)
    /// The matrix is numerically singular: its reciprocal condition number is below machine epsilon.
    case illConditioned(reciprocalCondition: Double)
    /// The leading minor of the given 1-based order is not positive, so the matrix is not
    /// (numerically) positive definite.
    case notPositiveDefinite(order: Int)
    /// An iterative LAPACK algorithm did not converge; `detail` says what was left.
    case noConvergence(routine: String, detail: String)
    /// LAPACK rejected an argument: a defect in Foresight, never the user's fault.
    case illegalArgument(routine: String, position: Int)

    public var description: String {
        switch self {
        case .dimensionMismatch(let message):
            return "dimension mismatch: \(message)"
        case .nonFinite(let message):
            return "non-finite value: \(message)"
        case .singular(let routine, let pivot):
            return "the matrix is singular: pivot \(pivot) is exactly zero (\(routine)); "
                + "a column is a linear combination of others"
        case .illConditioned(let rcond):
            return "the matrix is numerically singular (reciprocal condition number \(rcond) is below machine epsilon)"
        case .notPositiveDefinite(let order):
            return "the matrix is not positive definite: its leading minor of order \(order) is not positive"
        case .noConvergence(let routine, let detail):
            return "\(routine) did not converge: \(detail)"
        case .illegalArgument(let routine, let position):
            return "internal error: argument \(position) of LAPACK \(routine) was rejected; please report this"
        }
    }
}
