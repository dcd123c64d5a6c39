/// What a name in a formula stands for.
enum FormulaSymbol: Sendable {
    /// Entry `index` of the parameter vector.
    case parameter(Int)
    /// Column `index` of the predictors.
    case predictor(Int)
    /// A fixed value: `pi` or a caller-supplied constant.
    case constant(Double)
}

/// The names a formula may use: parameters, predictors, constants and `pi`.
struct FormulaSymbols: Sendable {
    /// Parameter names in the order of the parameter vector.
    let parameters: [String]
    private let table: [String: FormulaSymbol]

    /// The symbol table for the given declarations; `pi` is `Double.pi` unless `constants`
    /// redefines it.
    ///
    /// Throws ``FormulaError/conflictingNames(duplicated:reserved:)`` when a name is declared
    /// twice, or when a function name (or `pi`, except as a constant) is declared.
    init(parameters: [String], predictors: [String], constants: [String: Double]) throws(FormulaError) {
        let constantNames = constants.keys.sorted()
        let functions = Set(FormulaFunction.spellings)
        let declared = parameters + predictors + constantNames
        var reserved: [String] = []
        for (index, name) in declared.enumerated() where !reserved.contains(name) {
            let isVariable = index < parameters.count + predictors.count
            if functions.contains(name) || (isVariable && name == "pi") { reserved.append(name) }
        }
        var seen = Set<String>()
        var duplicated: [String] = []
        for name in declared where !seen.insert(name).inserted && !duplicated.contains(name) {
            duplicated.append(name)
        }
        guard duplicated.isEmpty, reserved.isEmpty else {
            throw .conflictingNames(duplicated: duplicated, reserved: reserved)
        }

        var table: [String: FormulaSymbol] = ["pi": .constant(.pi)]
        for (name, value) in constants { table[name] = .constant(value) }
        for (index, name) in predictors.enumerated() { table[name] = .predictor(index) }
        for (index, name) in parameters.enumerated() { table[name] = .parameter(index) }
        self.parameters = parameters
        self.table = table
    }

    /// The symbol named `name`, or nil for an unknown name.
    subscript(name: String) -> FormulaSymbol? { table[name] }
}
