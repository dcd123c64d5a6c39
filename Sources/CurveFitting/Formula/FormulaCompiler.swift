/// Compiles a parsed formula to a ``FormulaProgram``.
///
/// One pass over the postfix nodes with a stack of operands:
/// - names are resolved through the symbol table; unknown names and unused parameters are
///   collected and reported together;
/// - an operation on constants only is evaluated at once (constant folding, with the same
///   arithmetic as run time), so `2*pi/12` costs nothing per evaluation;
/// - an operation that was already emitted with the same operands reuses its register, so
///   repeated subexpressions (`2*pi*x/b4` in ENSO, every load of a parameter) are computed once;
/// - `a^2` becomes a multiplication.
struct FormulaCompiler {
    /// A value on the compile-time stack: known now, or computed at run time in a register.
    private enum Operand {
        case constant(Double)
        case register(Int)
    }

    /// What identifies an instruction's result, for reuse: opcode, operands, constant bits (so
    /// that `0` and `-0` stay distinct).
    private struct Key: Hashable {
        var opcode: FormulaOpcode
        var first: Int
        var second: Int
        var constant: UInt64
    }

    private var instructions: [FormulaProgram.Instruction] = []
    /// For each register, the parameters its value depends on, in increasing order.
    private var dependencies: [[Int]] = []
    private var gathers: [Int] = []
    /// Position 0 of the tangent buffer is the shared zero.
    private var tangentSize = 1
    private var registers: [Key: Int] = [:]

    static func compile(_ expression: FormulaExpression, formula: String,
                        symbols: FormulaSymbols) throws(FormulaError) -> FormulaProgram {
        var compiler = FormulaCompiler()
        var unknown: [FormulaError.UnknownName] = []
        var used = Set<Int>()
        var stack: [Operand] = []
        for node in expression.nodes {
            switch node {
            case let .number(value):
                stack.append(.constant(value))
            case let .name(name, column):
                switch symbols[name] {
                case let .constant(value):
                    stack.append(.constant(value))
                case let .parameter(index):
                    used.insert(index)
                    stack.append(.register(compiler.emit(.parameter, index)))
                case let .predictor(index):
                    stack.append(.register(compiler.emit(.predictor, index)))
                case nil:
                    if !unknown.contains(where: { $0.name == name }) {
                        unknown.append(FormulaError.UnknownName(name: name, column: column))
                    }
                    stack.append(.constant(.nan))
                }
            case .negate:
                stack.append(compiler.unary(.negate, stack.removeLast()))
            case let .call(function):
                stack.append(compiler.unary(FormulaOpcode(function), stack.removeLast()))
            case let .binary(operation):
                let second = stack.removeLast()
                let first = stack.removeLast()
                stack.append(compiler.binary(FormulaOpcode(operation), first, second))
            }
        }
        let unused = symbols.parameters.indices.filter { !used.contains($0) }.map { symbols.parameters[$0] }
        guard unknown.isEmpty, unused.isEmpty else {
            throw .unresolvedNames(formula: formula, unknown: unknown, unusedParameters: unused)
        }
        let output = compiler.register(for: stack.removeLast())
        return FormulaProgram(instructions: compiler.instructions, gathers: compiler.gathers, output: output,
                              outputParameters: compiler.dependencies[output], tangentSize: compiler.tangentSize)
    }

    private mutating func unary(_ opcode: FormulaOpcode, _ operand: Operand) -> Operand {
        if case let .constant(value) = operand { return .constant(opcode.value(value, value)) }
        let register = register(for: operand)
        return .register(emit(opcode, register, register))
    }

    private mutating func binary(_ opcode: FormulaOpcode, _ first: Operand, _ second: Operand) -> Operand {
        switch (first, second) {
        case let (.constant(a), .constant(b)):
            .constant(opcode.value(a, b))
        case (_, .constant(2)) where opcode == .power:
            unary(.square, first)
        default:
            .register(emit(opcode, register(for: first), register(for: second)))
        }
    }

    /// The register holding `operand`, emitting a constant load if needed.
    private mutating func register(for operand: Operand) -> Int {
        switch operand {
        case let .register(register): register
        case let .constant(value): emit(.constant, constant: value)
        }
    }

    /// The register computing `opcode` on `first` and `second` (registers, or the index of a load),
    /// emitting the instruction unless it was already emitted.
    private mutating func emit(_ opcode: FormulaOpcode, _ first: Int = 0, _ second: Int = 0,
                               constant: Double = 0) -> Int {
        let key = Key(opcode: opcode, first: first, second: second, constant: constant.bitPattern)
        if let register = registers[key] { return register }
        var instruction = FormulaProgram.Instruction(
            opcode: opcode, first: first, second: second, constant: constant,
            tangent: tangentSize, count: 0, firstTangent: -1, secondTangent: -1, gather: -1)
        let parameters: [Int]
        switch opcode {
        case .constant, .predictor:
            parameters = []
        case .parameter:
            parameters = [first]
        default:
            let (fromFirst, fromSecond) = (dependencies[first], dependencies[second])
            if fromSecond.isEmpty || opcode.isUnary {
                parameters = fromFirst
                instruction.firstTangent = fromFirst.isEmpty ? -1 : instructions[first].tangent
            } else if fromFirst.isEmpty {
                parameters = fromSecond
                instruction.secondTangent = instructions[second].tangent
            } else {
                parameters = Set(fromFirst).union(fromSecond).sorted()
                instruction.gather = gathers.count
                for parameter in parameters {
                    for operand in [first, second] {
                        let position = dependencies[operand].firstIndex(of: parameter)
                        gathers.append(position.map { instructions[operand].tangent + $0 } ?? 0)
                    }
                }
            }
        }
        instruction.count = parameters.count
        instructions.append(instruction)
        dependencies.append(parameters)
        tangentSize += parameters.count
        let register = instructions.count - 1
        registers[key] = register
        return register
    }
}
