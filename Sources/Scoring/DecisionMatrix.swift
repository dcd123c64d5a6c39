/// Alternatives × criteria: the input of every scoring method.
///
/// Storage is a flat **column-major** array of central values: the value of alternative `i`
/// on criterion `j` is `centralValues[i + j * alternativeCount]`, so each criterion's column
/// is contiguous (normalizations work column by column). Uncertain cells (intervals,
/// distributions) are kept beside it, sparsely, for ``SMAA``.
///
/// Invariants checked by every initializer: at least 2 alternatives and 1 criterion, unique
/// names, finite values, well-formed uncertain values.
public struct DecisionMatrix: Sendable, Equatable {
    /// Alternative names, in input order (the order ties are reported in).
    public let alternatives: [String]
    /// Criteria, in input order.
    public let criteria: [Criterion]
    /// Central values, column-major (see the type's description).
    public let centralValues: [Double]
    /// The non-exact cells, keyed by flat column-major index.
    let uncertainCells: [Int: CriterionValue]

    /// Number of alternatives (rows), `m`.
    public var alternativeCount: Int { alternatives.count }
    /// Number of criteria (columns), `n`.
    public var criterionCount: Int { criteria.count }
    /// Whether any cell is an interval or distribution with positive spread.
    public var hasUncertainValues: Bool { !uncertainCells.isEmpty }
    /// Criterion directions in column order.
    public var directions: [CriterionDirection] { criteria.map(\.direction) }

    /// A matrix from rows (one per alternative, values in criterion order).
    /// - Throws: ``ScoringError`` for a shape mismatch or any invalid name or value.
    public init(alternatives: [String], criteria: [Criterion], rows: [[CriterionValue]]) throws(ScoringError) {
        guard rows.count == alternatives.count else {
            throw .dimensionMismatch("\(rows.count) rows for \(alternatives.count) alternatives")
        }
        for (i, row) in rows.enumerated() where row.count != criteria.count {
            throw .dimensionMismatch(
                "row \(i + 1) ('\(alternatives[i])') has \(row.count) values for \(criteria.count) criteria")
        }
        var cells: [CriterionValue] = []
        cells.reserveCapacity(alternatives.count * criteria.count)
        for j in criteria.indices {
            for row in rows { cells.append(row[j]) }
        }
        try self.init(alternatives: alternatives, criteria: criteria, columnMajorCells: cells)
    }

    /// A matrix of exact values from rows (one per alternative, values in criterion order).
    public init(alternatives: [String], criteria: [Criterion], rows: [[Double]]) throws(ScoringError) {
        try self.init(alternatives: alternatives, criteria: criteria, rows: rows.map { $0.map(CriterionValue.point) })
    }

    /// A matrix of exact values from a flat column-major array (`m·n` values), the fast path
    /// for large synthetic problems.
    public init(alternatives: [String], criteria: [Criterion], columnMajor values: [Double]) throws(ScoringError) {
        try Self.validateNames(alternatives: alternatives, criteria: criteria)
        guard values.count == alternatives.count * criteria.count else {
            throw .dimensionMismatch(
                "\(values.count) values for \(alternatives.count) alternatives × \(criteria.count) criteria")
        }
        if let index = values.firstIndex(where: { !$0.isFinite }) {
            throw .nonFiniteValue(
                alternative: alternatives[index % alternatives.count],
                criterion: criteria[index / alternatives.count].name, value: values[index])
        }
        self.alternatives = alternatives
        self.criteria = criteria
        self.centralValues = values
        self.uncertainCells = [:]
    }

    /// A matrix from values keyed by criterion name, then alternative name — the shape of a
    /// scorecard specification (`criteria: [{id, values: {alternative: value}}]`).
    /// - Throws: ``ScoringError/unknownCriterion(_:)``, ``ScoringError/unknownAlternative(_:)``
    ///   for names that are not declared, ``ScoringError/missingValue(alternative:criterion:)``
    ///   for a cell without a value.
    public init(
        alternatives: [String], criteria: [Criterion], valuesByCriterion: [String: [String: CriterionValue]]
    ) throws(ScoringError) {
        try Self.validateNames(alternatives: alternatives, criteria: criteria)
        let criterionNames = Set(criteria.map(\.name)), alternativeNames = Set(alternatives)
        // The first unknown name in sorted order is reported; names are sorted only when one is unknown.
        if let name = valuesByCriterion.keys.filter({ !criterionNames.contains($0) }).min() {
            throw .unknownCriterion(name)
        }
        for criterionName in valuesByCriterion.keys.sorted() {
            if let name = (valuesByCriterion[criterionName] ?? [:]).keys.filter({ !alternativeNames.contains($0) }).min() {
                throw .unknownAlternative(name)
            }
        }
        var cells: [CriterionValue] = []
        cells.reserveCapacity(alternatives.count * criteria.count)
        for criterion in criteria {
            for alternative in alternatives {
                guard let value = valuesByCriterion[criterion.name]?[alternative] else {
                    throw .missingValue(alternative: alternative, criterion: criterion.name)
                }
                cells.append(value)
            }
        }
        try self.init(alternatives: alternatives, criteria: criteria, columnMajorCells: cells)
    }

    private init(alternatives: [String], criteria: [Criterion], columnMajorCells cells: [CriterionValue]) throws(ScoringError) {
        try Self.validateNames(alternatives: alternatives, criteria: criteria)
        let m = alternatives.count
        var central = [Double](repeating: 0, count: cells.count)
        var uncertain: [Int: CriterionValue] = [:]
        for (index, cell) in cells.enumerated() {
            let alternative = alternatives[index % m], criterion = criteria[index / m].name
            if let bad = cell.parameters.first(where: { !$0.isFinite }) {
                throw .nonFiniteValue(alternative: alternative, criterion: criterion, value: bad)
            }
            if let reason = cell.malformation {
                throw .invalidValue(alternative: alternative, criterion: criterion, reason: reason)
            }
            central[index] = cell.centralValue
            if !cell.isExact { uncertain[index] = cell }
        }
        self.alternatives = alternatives
        self.criteria = criteria
        self.centralValues = central
        self.uncertainCells = uncertain
    }

    private static func validateNames(alternatives: [String], criteria: [Criterion]) throws(ScoringError) {
        guard alternatives.count >= 2 else { throw .tooFewAlternatives(count: alternatives.count) }
        guard !criteria.isEmpty else { throw .noCriteria }
        var seen = Set<String>()
        for name in alternatives where !seen.insert(name).inserted { throw .duplicateAlternative(name) }
        seen.removeAll()
        for criterion in criteria where !seen.insert(criterion.name).inserted {
            throw .duplicateCriterion(criterion.name)
        }
    }

    /// The value of alternative `i` on criterion `j` (0-based), with its uncertainty.
    public func value(alternative i: Int, criterion j: Int) -> CriterionValue {
        uncertainCells[i + j * alternativeCount] ?? .point(centralValues[i + j * alternativeCount])
    }

    /// The central value of alternative `i` on criterion `j` (0-based).
    public subscript(alternative i: Int, criterion j: Int) -> Double {
        centralValues[i + j * alternativeCount]
    }

    /// The central values of criterion `j`, one per alternative.
    public func column(_ j: Int) -> ArraySlice<Double> {
        centralValues[(j * alternativeCount)..<((j + 1) * alternativeCount)]
    }

    /// The 0-based index of the named alternative.
    public func alternativeIndex(_ name: String) throws(ScoringError) -> Int {
        guard let index = alternatives.firstIndex(of: name) else { throw .unknownAlternative(name) }
        return index
    }

    /// The 0-based index of the named criterion.
    public func criterionIndex(_ name: String) throws(ScoringError) -> Int {
        guard let index = criteria.firstIndex(where: { $0.name == name }) else { throw .unknownCriterion(name) }
        return index
    }

    /// All cells as rows, with their uncertainty.
    public var rows: [[CriterionValue]] {
        alternatives.indices.map { i in criteria.indices.map { j in value(alternative: i, criterion: j) } }
    }

    /// The same decision without alternative `index`.
    public func removingAlternative(at index: Int) throws(ScoringError) -> DecisionMatrix {
        var names = alternatives, cells = rows
        names.remove(at: index)
        cells.remove(at: index)
        return try DecisionMatrix(alternatives: names, criteria: criteria, rows: cells)
    }

    /// The same decision with one more alternative appended.
    public func appendingAlternative(_ name: String, values: [CriterionValue]) throws(ScoringError) -> DecisionMatrix {
        try DecisionMatrix(alternatives: alternatives + [name], criteria: criteria, rows: rows + [values])
    }
}
