/// One row of an inference table: an estimate with its standard error, t and p values and
/// confidence interval. Shared by the linear and nonlinear summaries so that both print and
/// encode coefficients the same way (JSON: `name, estimate, std_error, t_value, p_value,
/// ci_lower, ci_upper`, plus `aliased` for linear models).
struct InferenceRow: Encodable {
    let name: String
    @FiniteOrNull var estimate: Double?
    @FiniteOrNull var stdError: Double?
    @FiniteOrNull var tValue: Double?
    @FiniteOrNull var pValue: Double?
    @FiniteOrNull var ciLower: Double?
    @FiniteOrNull var ciUpper: Double?
    /// Linear models only: whether the column is aliased (its estimate is NA).
    var aliased: Bool?
    /// Nonlinear fits only: whether the parameter was held fixed (no standard error).
    var fixed: Bool?

    /// The row as table cells under ``InferenceRow/table(_:firstColumn:level:)``'s columns.
    var cells: [String] {
        [name, aliased == true ? "NA (aliased)" : NumberFormat.significant(estimate, digits: 10),
         fixed == true ? "fixed" : NumberFormat.significant(stdError, digits: 6), NumberFormat.significant(tValue, digits: 5),
         NumberFormat.pValue(pValue), NumberFormat.significant(ciLower, digits: 8), NumberFormat.significant(ciUpper, digits: 8)]
    }

    /// The table of `rows` with confidence level `level` in the interval columns' titles.
    static func table(_ rows: [InferenceRow], firstColumn: String, level: Double) -> Table {
        let percent = NumberFormat.significant(level * 100, digits: 3)
        var table = Table(columns: [
            .init(firstColumn, .left), .init("estimate"), .init("std_error"), .init("t_value"), .init("p_value"),
            .init("ci_lower_\(percent)"), .init("ci_upper_\(percent)"),
        ])
        for row in rows { table.append(row.cells) }
        return table
    }
}
