/// A formula compiled to straight-line register code, evaluated with forward-mode automatic
/// differentiation.
///
/// Instruction `i` writes register `i`; operands are earlier registers. An instruction whose
/// result depends on the parameters is *active* and has a tangent: the derivatives of its result
/// with respect to the parameters it depends on, stored contiguously in a tangent buffer. Tangents
/// are sparse: `b3*x` in Rat43 carries one derivative, not four, and a passive result (a constant,
/// a predictor, or `2*pi*x/12` computed from them) carries none, so it costs the same with or
/// without a gradient.
///
/// An operation with one active operand scales that operand's tangent entry by entry. One with two
/// active operands combines entries that ``gathers`` locates, for each parameter of the result,
/// in the operands' tangents; position 0 of the tangent buffer holds 0 and stands in for a
/// parameter an operand does not depend on.
///
/// Each evaluation allocates its registers and tangents with `withUnsafeTemporaryAllocation`, on
/// the stack when they fit in 1 KiB (128 numbers, enough for every NIST StRD model), so there is no
/// shared mutable state.
struct FormulaProgram: Sendable {
    struct Instruction: Sendable {
        var opcode: FormulaOpcode
        /// The operand registers of an operation (`second == first` for a unary one); for a
        /// `parameter` or `predictor` load, `first` is the parameter or predictor column index.
        var first: Int
        var second: Int
        /// The value of a `constant` load.
        var constant: Double
        /// The result's tangent is `tangents[tangent ..< tangent + count]`.
        var tangent: Int
        /// The number of parameters the result depends on; 0 for a passive result.
        var count: Int
        /// Where the first operand's tangent starts when it lines up with the result's (the other
        /// operand is passive); -1 otherwise.
        var firstTangent: Int
        /// Where the second operand's tangent starts when it lines up with the result's; -1 otherwise.
        var secondTangent: Int
        /// For two active operands: where `count` pairs of tangent positions start in ``gathers``
        /// (entry `k` of the result combines the first and the second position of pair `k`); -1 otherwise.
        var gather: Int
    }

    let instructions: [Instruction]
    /// Pairs of tangent positions, for instructions with two active operands.
    let gathers: [Int]
    /// The register holding the formula's value.
    let output: Int
    /// The parameters the formula's value depends on, in the order of the output tangent.
    let outputParameters: [Int]
    /// The size of the tangent buffer, including the zero at position 0.
    let tangentSize: Int

    /// The formula's value at `row`.
    func value(row: Int, of predictors: Predictors, parameters: [Double]) -> Double {
        instructions.withUnsafeBufferPointer { code in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: code.count) { values in
                for (index, instruction) in code.enumerated() {
                    values[index] = switch instruction.opcode {
                    case .constant: instruction.constant
                    case .parameter: parameters[instruction.first]
                    case .predictor: predictors.columns[instruction.first][row]
                    default: instruction.opcode.value(values[instruction.first], values[instruction.second])
                    }
                }
                return values[output]
            }
        }
    }

    /// The formula's value at `row`, writing `∂f/∂θ_j` into `gradient[j]` for every parameter.
    ///
    /// Tangents follow the chain rule with one exception: a zero input tangent contributes zero
    /// even when the local derivative is infinite or NaN. So `sqrt(b·x)` at `x = 0` has derivative
    /// 0 with respect to `b`, and `b1^b2` at `b1 = -2, b2 = 3` has the finite `∂/∂b1 = 12` while
    /// `∂/∂b2` (which needs `ln(-2)`) is NaN.
    func value(row: Int, of predictors: Predictors, parameters: [Double], gradient: inout [Double]) -> Double {
        instructions.withUnsafeBufferPointer { code in
            gathers.withUnsafeBufferPointer { gathers in
                withUnsafeTemporaryAllocation(of: Double.self, capacity: code.count + tangentSize) { buffer in
                    let values = UnsafeMutableBufferPointer(rebasing: buffer[..<code.count])
                    let tangents = UnsafeMutableBufferPointer(rebasing: buffer[code.count...])
                    tangents[0] = 0
                    for (index, instruction) in code.enumerated() {
                        let result = instruction.tangent
                        switch instruction.opcode {
                        case .constant:
                            values[index] = instruction.constant
                        case .predictor:
                            values[index] = predictors.columns[instruction.first][row]
                        case .parameter:
                            values[index] = parameters[instruction.first]
                            tangents[result] = 1
                        default:
                            let a = values[instruction.first], b = values[instruction.second]
                            let v = instruction.opcode.value(a, b)
                            values[index] = v
                            guard instruction.count > 0 else { continue }
                            let both = instruction.gather >= 0
                            let (partialA, partialB) = instruction.opcode.partials(
                                a, b, value: v,
                                needFirst: both || instruction.firstTangent >= 0,
                                needSecond: both || instruction.secondTangent >= 0)
                            if both {
                                for k in 0..<instruction.count {
                                    let pair = instruction.gather &+ 2 &* k
                                    tangents[result &+ k] = chain(partialA, tangents[gathers[pair]])
                                        + chain(partialB, tangents[gathers[pair &+ 1]])
                                }
                            } else if instruction.firstTangent >= 0 {
                                for k in 0..<instruction.count {
                                    tangents[result &+ k] = chain(partialA, tangents[instruction.firstTangent &+ k])
                                }
                            } else {
                                for k in 0..<instruction.count {
                                    tangents[result &+ k] = chain(partialB, tangents[instruction.secondTangent &+ k])
                                }
                            }
                        }
                    }
                    let start = code[output].tangent
                    gradient.withUnsafeMutableBufferPointer { gradient in
                        gradient.update(repeating: 0)
                        for (k, parameter) in outputParameters.enumerated() {
                            gradient[parameter] = tangents[start &+ k]
                        }
                    }
                    return values[output]
                }
            }
        }
    }

    /// `derivative · tangent`, and 0 whenever the tangent is 0.
    @inline(__always)
    private func chain(_ derivative: Double, _ tangent: Double) -> Double {
        tangent == 0 ? 0 : derivative * tangent
    }
}
