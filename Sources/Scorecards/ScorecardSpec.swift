import Scoring

/// A validated scorecard specification (`Models/scorecards/*.yaml`): a decision matrix with its
/// provenance, how to weight the criteria, which methods to run, and which sensitivity analyses.
///
/// Read one with ``load(contentsOf:displayPath:)`` or ``parse(_:source:baseDirectory:)``; run it
/// with ``ScorecardRunner``. Every problem of a file is reported at once, as `DataErrors` located by
/// file, line and column and named by key path (`criteria[2].values.Fraunhofer: …`).
///
/// ## Format (schema 1)
/// YAML, or JSON (a subset of YAML). `Models/scorecards/FORMAT.md` has the same description with
/// a complete example.
///
/// ```yaml
/// schema: 1                      # required
/// name: Program structure, 2025  # required
/// description: ...               # optional text
/// source: ...                    # optional; the source of criteria that give none of their own
/// alternatives: [A1, A2, A3]     # required unless `matrix` names a CSV (then its rows)
/// criteria:                      # required, at least one
///   - id: c1                     # required, unique
///     label: Cost of ownership   # optional display name
///     direction: cost            # required: benefit | cost
///     weight: 0.5                # required with `weights: given`, ignored (with a note) otherwise
///     values: [1, [2, 3], {normal: [5, 1]}]   # or {A1: 1, A2: [2, 3], A3: {normal: [5, 1]}}
///     source: "..."              # cited in the report beside every value of the criterion
///     unit: USD million          # optional, informational
///     note: ...                  # optional, informational
/// matrix: values.csv             # optional CSV: first column alternative, header = criterion ids
/// scales: {ordinal5: {1: absent, 5: defining}}   # optional, informational (documents ordinal units)
/// weights: given                 # given (default) | equal | entropy | critic | ahp
/// weight_rationale: ...          # optional text, printed with the weights
/// ahp:                           # optional
///   ri_table: saaty1980          # saaty1980 (default) | saaty2005 | donegan_dodd | tummala_ling
///   priority: eigenvector        # eigenvector (default) | geometric_mean
///   synthesis: distributive      # distributive (default) | ideal
///   criteria: [[1, 3], ["1/3", 1]]          # criteria pairwise matrix, numbers or "a/b"
///   alternatives: {c1: [[1, 2], ["1/2", 1]]} # per criterion, alternatives pairwise matrix
/// methods: [wsm, wpm, topsis, vikor, promethee2, ahp]   # required, at least one
/// normalization: minmax          # none | vector | minmax | sum | max, for WSM and TOPSIS;
///                                # or {wsm: none, topsis: vector}; defaults: WSM minmax, TOPSIS vector
/// vikor: {v: 0.5}                # 0 ≤ v ≤ 1, default 0.5
/// promethee:                     # default: usual criterion everywhere
///   preference: linear           # usual | u_shape (q) | v_shape (p) | level (q, p) | linear (q, p) | gaussian (s)
///   q: 0.05
///   p: 0.30
///   thresholds: relative         # absolute (default: criterion units) | relative (fractions of each criterion's range)
///   criteria: {c1: {preference: v_shape, p: 2}}   # per-criterion overrides (always absolute units)
/// sensitivity:
///   smaa: {draws: 100000, weights: stated, concentration: 50, confidence_draws: 10000}
///         # weights: stated (default) | uniform | {rank_order: [c1, c2, ...]} | {intervals: {c1: [0.2, 0.6], ...}}
///         # concentration: κ > 0 (default 50), only with `weights: stated`
///         # `smaa: true` means the defaults (10 000 draws, stated weights, concentration 50)
///   stability_intervals: true    # default false
///   rank_reversal: true          # default false; or {degradation: 0.05}
/// seed: 2025                     # default 1; `foresight scorecard --seed` overrides it
/// ```
///
/// ### Values
/// A value is a number; an interval `[low, high]` (also `{interval: [low, high]}`), uniform for
/// SMAA; `{normal: [mean, sd]}`; or `{triangular: [low, mode, high]}`. Deterministic methods use the
/// central value (interval midpoint, distribution mean) and the output says so; SMAA samples them.
/// In a CSV matrix a cell is a number or a quoted interval `"[low, high]"`. A criterion takes its
/// values from exactly one place: its `values`, a column of `matrix`, or — when it has neither — its
/// alternatives pairwise matrix `ahp.alternatives.<id>`, whose priorities then are its values
/// (benefit direction).
///
/// ### SMAA weights
/// By default (`weights: stated`) SMAA-2 draws the weights around the scorecard's own weights
/// (those of `weights:`, as the methods use them): a Dirichlet distribution with mean `w̄` and
/// concentration `κ`, so `Var(w_j) = w̄_j(1 − w̄_j)/(κ + 1)`; a criterion of weight 0 keeps 0.
/// Reports label the result "if the weights are uncertain by about ±X% around the stated
/// weights", X being `SMAAWeightConstraints.relativeSpread` (24% for four equal
/// weights at κ = 50; quadrupling κ + 1 halves it). `weights: uniform` draws from all weight vectors
/// alike ("if nothing is known about the weights"); `rank_order` and `intervals` draw uniformly
/// from the weights that satisfy them.
///
/// ### AHP
/// `weights: ahp` takes the criteria weights from `ahp.criteria` (in `criteria` order); the `ahp`
/// method always uses those priorities as criteria weights, and local priorities from
/// `ahp.alternatives.<id>` where given, else from the values (``Normalization/sum``). Both need
/// `ahp.criteria` unless there is a single criterion. **AHP of a set of items** (one pairwise
/// matrix, no criteria): list the items as `alternatives`, declare one criterion without values,
/// give its matrix in `ahp.alternatives`, and request `methods: [ahp]`; the `ahp` method's scores
/// are then the priorities, with λmax, CI and CR beside them. Judgments with CR > 0.1 are reported
/// as inconsistent (a note, not an error).
///
/// ### What is an error
/// Unknown keys (with a suggestion), wrong types, unknown or duplicate alternative and criterion
/// names, missing or non-finite values, intervals with low > high, negative standard deviations,
/// pairwise matrices that are not square, not positive or not reciprocal (the cell is named),
/// negative weights, missing weights under `weights: given`, a `sensitivity.smaa.concentration`
/// that is not a number > 0 (or given without `weights: stated`), unknown methods, `ahp` without
/// `ahp.criteria`, CSV problems (located in the CSV), and — when the scorecard is run — values a
/// method cannot use (a constant criterion under min-max, a value ≤ 0 under WPM), located at the
/// criterion or value. Weights that do not sum to 1 are divided by their sum, with a note.
public struct ScorecardSpec: Sendable {
    /// The seed used when neither the specification nor the caller gives one.
    public static let defaultSeed: UInt64 = 1
    /// The one schema version this reader accepts.
    public static let schema = 1

    /// The display path of the specification file.
    public let file: String
    /// SHA-256 of the file's bytes (hexadecimal), for provenance.
    public let sha256: String
    /// Title.
    public let name: String
    /// Optional longer description.
    public let description: String?
    /// The decision matrix (alternatives, criteria with directions and given weights, values).
    public let matrix: DecisionMatrix
    /// The criteria with their documentation, in matrix order.
    public let criteria: [ScorecardCriterion]
    /// Where the weights come from.
    public let weighting: ScorecardWeighting
    /// Why the weights are what they are.
    public let weightRationale: String?
    /// AHP settings and pairwise matrices.
    public let ahp: ScorecardAHP
    /// The methods to run, in the order given.
    public let methods: [ScoringMethod]
    /// Settings of every method.
    public let configuration: MethodConfiguration
    /// One line per configured method describing its settings (for reports).
    public let methodSettings: [ScoringMethod: String]
    /// SMAA-2 settings, `nil` when not requested.
    public let smaa: ScorecardSMAA?
    /// Whether to compute weight stability intervals (for every method).
    public let stabilityIntervals: Bool
    /// Rank reversal degradation `δ`, `nil` when the check is not requested.
    public let rankReversalDegradation: Double?
    /// The seed of the file, if any.
    public let seed: UInt64?
    /// Documented ordinal scales (informational).
    public let scales: [ScorecardScale]
    /// Where each value and criterion was written, for errors found when running.
    let locations: SpecLocations

    /// Alternative names.
    public var alternatives: [String] { matrix.alternatives }
    /// The CSV matrix files the values were read from (display paths, which name the files
    /// relative to the working directory when the spec's path does): inputs of the run.
    public var matrixFiles: [String] {
        Array(Set(criteria.compactMap { criterion -> String? in
            if case .matrixFile(let file) = criterion.origin { return file }
            return nil
        })).sorted()
    }
}

/// One criterion of a scorecard, with its documentation.
public struct ScorecardCriterion: Sendable, Hashable {
    /// Unique id (the key of results).
    public let id: String
    /// Display name (the id when not given).
    public let label: String
    public let direction: CriterionDirection
    /// The weight written in the file.
    public let weight: Double?
    /// Unit (informational).
    public let unit: String?
    /// Free note.
    public let note: String?
    /// Source of the values; the file's top-level `source` when the criterion has none.
    public let source: String?
    /// Where the values came from.
    public let origin: ValueOrigin

    /// Where a criterion's values were written.
    public enum ValueOrigin: Sendable, Hashable {
        /// Inline `values`.
        case inline
        /// A column of the CSV matrix file (display path).
        case matrixFile(String)
        /// The priorities of its alternatives pairwise matrix.
        case pairwise
    }
}

/// Where criteria weights come from.
public enum ScorecardWeighting: String, Sendable, Hashable, CaseIterable {
    case given, equal, entropy, critic, ahp
}

/// AHP settings of a scorecard.
public struct ScorecardAHP: Sendable, Hashable {
    public let randomIndex: RandomIndexTable
    public let priorityMethod: AHP.PriorityMethod
    public let synthesis: AHP.SynthesisMode
    /// The criteria pairwise matrix, in criterion order.
    public let criteria: PairwiseMatrix?
    /// Alternatives pairwise matrices (alternative order) by criterion id.
    public let alternatives: [String: PairwiseMatrix]
}

/// SMAA-2 settings of a scorecard.
public struct ScorecardSMAA: Sendable, Hashable {
    /// Default number of draws.
    public static let defaultDraws = 10_000
    public let draws: Int
    /// How the weights are drawn.
    public let weights: ScorecardSMAAWeights
    public let confidenceDraws: Int
}

/// How a scorecard's SMAA-2 draws its weights (`sensitivity.smaa.weights`).
public enum ScorecardSMAAWeights: Sendable, Hashable {
    /// `weights: stated` (the default): a Dirichlet distribution centred on the scorecard's
    /// weights with concentration `κ` (``SMAAWeightConstraints/dirichlet(center:concentration:)``).
    case stated(concentration: Double)
    /// Constraints that do not depend on the stated weights: `uniform`, `rank_order`, `intervals`.
    case constrained(SMAAWeightConstraints)

    /// The constraints for a run whose methods use `statedWeights` (criterion order).
    public func constraints(statedWeights: [Double]) -> SMAAWeightConstraints {
        switch self {
        case .stated(let concentration): .dirichlet(center: statedWeights, concentration: concentration)
        case .constrained(let constraints): constraints
        }
    }
}

/// A documented ordinal scale: level → meaning.
public struct ScorecardScale: Sendable, Hashable {
    public let name: String
    public let levels: [Level]

    public struct Level: Sendable, Hashable {
        public let level: String
        public let meaning: String
    }
}

/// A key path with its place in a file.
struct LocatedPath: Sendable, Hashable {
    let location: SpecLocation
    let path: String
}

/// The places the runner needs to locate its errors.
struct SpecLocations: Sendable {
    var file: String
    /// By criterion id.
    var criteria: [String: LocatedPath] = [:]
    /// By criterion id, then alternative.
    var values: [String: [String: LocatedPath]] = [:]
    var methods: [ScoringMethod: LocatedPath] = [:]
    var smaa: LocatedPath?
    var weights: LocatedPath?
}
