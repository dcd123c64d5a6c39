/// Random consistency index tables `RI(n)`: the mean consistency index of random reciprocal
/// matrices. Published tables differ, which is the usual reason CRs disagree between tools,
/// so the table is an explicit choice. `RI(1) = RI(2) = 0` (such matrices are always
/// consistent; CR is then defined as 0).
public enum RandomIndexTable: String, Sendable, Hashable, CaseIterable {
    /// Saaty, *The Analytic Hierarchy Process* (1980): the classic textbook table.
    case saaty1980
    /// Saaty (2005), as in AHPy `random_index='saaty'`.
    case saaty2005
    /// Donegan & Dodd (1991), AHPy's default `'dd'`.
    case doneganDodd = "donegan_dodd"
    /// Tummala & Ling (1998), pymcdm's `AHP.RI_M`.
    case tummalaLing = "tummala_ling"

    /// `RI(n)` for `n = 1…10`, `nil` beyond the table.
    public func value(size n: Int) -> Double? {
        guard n >= 1 else { return nil }
        if n <= 2 { return 0 }
        let table: [Double] = switch self {
        case .saaty1980: [0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49]
        case .saaty2005: [0.52, 0.89, 1.11, 1.25, 1.35, 1.40, 1.45, 1.49]
        case .doneganDodd: [0.4914, 0.8286, 1.0591, 1.1797, 1.2519, 1.3171, 1.3733, 1.4055]
        case .tummalaLing: [0.5799, 0.8921, 1.1159, 1.2358, 1.3322, 1.3952, 1.4537, 1.4882]
        }
        return n - 3 < table.count ? table[n - 3] : nil
    }
}
