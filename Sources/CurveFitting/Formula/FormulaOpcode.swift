import Foundation

/// The instruction set of a ``FormulaProgram``: what each instruction computes, and its partial
/// derivatives for forward-mode differentiation.
///
/// Binary operations read registers `a` and `b`; unary ones read `a`. The arithmetic is IEEE 754
/// with C's `pow` and the usual libm functions; outside a function's domain the value is NaN
/// (`log` of a number ≤ 0, rather than `-∞` at 0; `sqrt` of a negative number; a negative base
/// with a non-integer exponent), which a solver treats as a failed step.
enum FormulaOpcode: Sendable {
    // Loads.
    case constant, parameter, predictor
    // Binary operations.
    case add, subtract, multiply, divide, power
    // Unary operations.
    case negate
    /// `a²`, compiled from `a^2`.
    case square
    case exp, log, sqrt, sin, cos, tan, atan, abs

    init(_ operator: FormulaOperator) {
        self = switch `operator` {
        case .add: .add
        case .subtract: .subtract
        case .multiply: .multiply
        case .divide: .divide
        case .power: .power
        }
    }

    init(_ function: FormulaFunction) {
        self = switch function {
        case .exp: .exp
        case .log: .log
        case .sqrt: .sqrt
        case .sin: .sin
        case .cos: .cos
        case .tan: .tan
        case .atan: .atan
        case .abs: .abs
        }
    }

    /// Whether this is an operation on one register, `a`.
    var isUnary: Bool {
        switch self {
        case .constant, .parameter, .predictor, .add, .subtract, .multiply, .divide, .power: false
        case .negate, .square, .exp, .log, .sqrt, .sin, .cos, .tan, .atan, .abs: true
        }
    }

    /// The result of an operation on `a` (and `b` for binary operations); loads are not operations
    /// and give NaN.
    @inline(__always)
    func value(_ a: Double, _ b: Double) -> Double {
        switch self {
        case .constant, .parameter, .predictor: .nan
        case .add: a + b
        case .subtract: a - b
        case .multiply: a * b
        case .divide: a / b
        case .power: pow(a, b)
        case .negate: -a
        case .square: a * a
        case .exp: Foundation.exp(a)
        case .log: a > 0 ? Foundation.log(a) : .nan
        case .sqrt: a.squareRoot()
        case .sin: Foundation.sin(a)
        case .cos: Foundation.cos(a)
        case .tan: Foundation.tan(a)
        case .atan: Foundation.atan(a)
        case .abs: Swift.abs(a)
        }
    }

    /// `(∂v/∂a, ∂v/∂b)` for `v = value(a, b)`.
    ///
    /// A partial with respect to an operand that does not depend on the parameters is not needed;
    /// it is returned as 0 without being computed. That matters for `v = a^b`:
    /// - `∂v/∂a = b·a^(b−1)`, computed as `b·v/a`, and as `b·pow(a, b−1)` at `a = 0` (0, 1 or ∞);
    ///   it is 0 when `b = 0`, since `a^0` is constant even at `a = 0`. With a constant exponent,
    ///   a negative base is fine: `(-2)^3 = -8` with `∂v/∂a = 12`.
    /// - `∂v/∂b = v·ln(a)`, only taken when the exponent depends on the parameters: NaN for
    ///   `a < 0` (`a^b` is undefined near a non-integer `b`), and 0 when `v = 0` (at `a = 0`,
    ///   `0^b = 0` for every `b > 0`).
    ///
    /// For unary operations: `sqrt′(0) = +∞`, and `abs′(0) = 0`, the midpoint of the
    /// subdifferential `[-1, 1]`, so that a parameter sitting exactly at the kink gets no push.
    @inline(__always)
    func partials(_ a: Double, _ b: Double, value v: Double, needFirst: Bool, needSecond: Bool) -> (Double, Double) {
        switch self {
        case .constant, .parameter, .predictor: (0, 0)
        case .add: (1, 1)
        case .subtract: (1, -1)
        case .multiply: (b, a)
        case .divide: (1 / b, -v / b)
        case .power:
            (needFirst && b != 0 ? (a != 0 ? b * v / a : b * pow(a, b - 1)) : 0,
             needSecond && v != 0 ? v * Foundation.log(a) : 0)
        case .negate: (-1, 0)
        case .square: (2 * a, 0)
        case .exp: (v, 0)
        case .log: (1 / a, 0)
        case .sqrt: (0.5 / v, 0)
        case .sin: (Foundation.cos(a), 0)
        case .cos: (-Foundation.sin(a), 0)
        case .tan: (1 + v * v, 0)
        case .atan: (1 / (1 + a * a), 0)
        case .abs: (a > 0 ? 1 : (a < 0 ? -1 : 0), 0)
        }
    }
}
