import Datasets
import Foundation
import Scoring

/// Everything one run of a scorecard produced.
public struct ScorecardResult: Sendable {
    /// The specification that was run.
    public let spec: ScorecardSpec
    /// The seed SMAA used (the caller's, else the file's, else ``ScorecardSpec/defaultSeed``).
    public let seed: UInt64
    /// How the weights were obtained (`given`, `equal`, `entropy`, `critic`, `ahp`).
    public let weighting: ScorecardWeighting
    /// The criteria weights every method except `ahp` uses, with notes.
    public let weights: WeightVector
    /// Priorities of the `ahp.criteria` matrix, when one was given (the `ahp` method's weights).
    public let ahpCriteria: AHPPriorities?
    /// The weights each method was run with, in criterion order.
    public let methodWeights: [ScoringMethod: [Double]]
    /// One result per requested method, in the order requested.
    public let methods: [MethodResult]
    /// Kendall's τ_b between the rankings of every pair of methods (order of ``methods``; `nil`
    /// where undefined because one ranking is a complete tie).
    public let agreement: [[Double?]]
    /// SMAA-2, when requested.
    public let smaa: SMAAResult?
    /// Weight stability intervals, one entry per method, when requested.
    public let stability: [MethodStability]
    /// Rank reversal checks, one entry per method, when requested.
    public let rankReversal: [MethodRankReversal]
    /// Remarks a reader needs (central values used, weights rescaled, inconsistent judgments).
    public let notes: [String]

    /// The result of `method`, if it was run.
    public func result(of method: ScoringMethod) -> MethodResult? { methods.first { $0.method == method } }
}

/// Weight stability intervals of one method.
public struct MethodStability: Sendable, Hashable {
    public let method: ScoringMethod
    /// One interval per criterion, in criterion order.
    public let intervals: [WeightStabilityInterval]
}

/// Rank reversal experiments of one method.
public struct MethodRankReversal: Sendable, Equatable {
    public let method: ScoringMethod
    public let cases: [RankReversalCase]
    /// Whether any experiment changed the relative order of the remaining alternatives.
    public var hasReversal: Bool { cases.contains(where: \.hasReversal) }
}

/// Runs a ``ScorecardSpec``: weights, every method, method agreement, and the requested
/// sensitivity analyses.
///
/// - Weights: `given` (rescaled to sum 1 with a note), `equal`, `entropy`, `critic` or `ahp`
///   (priorities of `ahp.criteria`). The `ahp` method always uses the priorities of
///   `ahp.criteria` (or weight 1 for a single criterion); the other methods use the weights.
/// - Every method runs on the central values of the matrix (interval midpoints, distribution
///   means); SMAA-2 samples the uncertain values and the weights — by default around the
///   weights the methods use (Dirichlet, see ``ScorecardSMAAWeights``), else uniform or
///   constrained — with its additive linear value model (see `SMAA`), whatever the methods.
/// - Stability intervals and rank reversal are computed for **every** method requested, each with
///   its own weights and settings, so that a reader sees which conclusions depend on the method.
/// - Deterministic for a seed: SMAA's result does not depend on the thread count.
/// - Bounded work: stability intervals and rank reversal rescore the matrix once per bisection
///   step or left-out alternative, so their cost grows with the square of the number of
///   alternatives (the cube for PROMETHEE II). Above ``maximumAlternativesForSensitivity``
///   alternatives they are skipped, and a note says so.
///
/// A method that cannot use the values (a constant criterion under min-max, a value ≤ 0 under
/// WPM) is an input error: all such problems are thrown together as `DataErrors`, located at
/// the criterion or value in the specification (or its CSV matrix).
public enum ScorecardRunner {
    /// The most alternatives for which weight stability intervals and rank reversal are computed:
    /// 200 (their cost about quadruples with each doubling; 200 alternatives take seconds).
    public static let maximumAlternativesForSensitivity = 200

    /// Runs `spec`; `seed` overrides the file's.
    /// - Parameter threads: SMAA worker threads (results do not depend on it).
    /// - Throws: `DataErrors`.
    public static func run(_ spec: ScorecardSpec, seed: UInt64? = nil,
                           threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws -> ScorecardResult {
        let matrix = spec.matrix
        let seed = seed ?? spec.seed ?? ScorecardSpec.defaultSeed
        var errors: [DataError] = []
        var notes: [String] = []

        let weighting: Weighting
        switch spec.weighting {
        case .given: weighting = .given
        case .equal: weighting = .equal
        case .entropy: weighting = .entropy
        case .critic: weighting = .critic
        case .ahp:
            guard let comparisons = spec.ahp.criteria else {
                throw DataErrors([DataError(file: spec.file, message: "weights: 'ahp' needs a criteria pairwise matrix in 'ahp.criteria'")])
            }
            weighting = .ahp(comparisons, method: spec.ahp.priorityMethod, randomIndex: spec.ahp.randomIndex)
        }
        let weights: WeightVector
        do {
            weights = try weighting.weights(for: matrix)
        } catch {
            throw DataErrors([locate(error, spec: spec, context: "weights '\(spec.weighting.rawValue)'", at: spec.locations.weights)])
        }
        if spec.weighting != .given, spec.criteria.contains(where: { $0.weight != nil }) {
            notes.append("the criteria's 'weight' values are not used: weights come from '\(spec.weighting.rawValue)'")
        }
        var ahpCriteria: AHPPriorities?
        if let comparisons = spec.ahp.criteria {
            do {
                ahpCriteria = try AHP.priorities(comparisons, method: spec.ahp.priorityMethod, randomIndex: spec.ahp.randomIndex)
            } catch {
                throw DataErrors([locate(error, spec: spec, context: "ahp.criteria", at: nil)])
            }
            if spec.weighting != .ahp, let cr = ahpCriteria?.consistencyRatio, ahpCriteria?.isInconsistent == true {
                notes.append("the criteria pairwise matrix is inconsistent: CR = \(String(format: "%.3f", cr)) > 0.1 (\(spec.ahp.randomIndex.rawValue) RI)")
            }
        }
        let ahpWeights = ahpCriteria?.weights ?? (matrix.criterionCount == 1 ? [1] : weights.values)

        func weightsFor(_ method: ScoringMethod) -> [Double] { method == .ahp ? ahpWeights : weights.values }

        var results: [MethodResult] = []
        for method in spec.methods {
            do {
                results.append(try method.evaluate(matrix, weights: weightsFor(method), configuration: spec.configuration))
            } catch {
                errors.append(locate(error, spec: spec, context: "method '\(method.rawValue)'", at: spec.locations.methods[method]))
            }
        }
        guard errors.isEmpty else { throw DataErrors(errors) }

        if matrix.hasUncertainValues {
            notes.append("the methods \(spec.methods.map(\.rawValue).joined(separator: ", ")) use central values "
                         + "(interval midpoints, distribution means); "
                         + (spec.smaa == nil ? "request sensitivity.smaa to sample the uncertain values"
                                             : "SMAA samples the intervals and distributions"))
        }
        for result in results {
            guard case .ahp(let synthesis) = result.details else { continue }
            for (j, consistency) in synthesis.localConsistency.enumerated() {
                if let consistency, consistency.isInconsistent, let cr = consistency.consistencyRatio {
                    notes.append("the pairwise matrix of the alternatives under '\(matrix.criteria[j].name)' is inconsistent: "
                                 + "CR = \(String(format: "%.3f", cr)) > 0.1 (\(spec.ahp.randomIndex.rawValue) RI)")
                }
            }
        }
        let agreement: [[Double?]]
        do { agreement = try KendallTau.agreementMatrix(results) } catch {
            throw DataErrors([DataError(file: spec.file, message: "method agreement: \(error)")])
        }

        var smaa: SMAAResult?
        if let settings = spec.smaa {
            let runner = SMAA(draws: settings.draws, seed: seed, constraints: settings.weights.constraints(statedWeights: weights.values),
                              confidenceDraws: settings.confidenceDraws, threads: max(1, threads))
            do {
                smaa = try runner.run(matrix)
            } catch {
                throw DataErrors([locate(error, spec: spec, context: "SMAA", at: spec.locations.smaa)])
            }
        }

        let sensitivityFits = matrix.alternativeCount <= maximumAlternativesForSensitivity
        let skipped = [spec.stabilityIntervals ? "weight stability intervals" : nil, spec.rankReversalDegradation != nil ? "rank reversal" : nil]
            .compactMap { $0 }
        if !sensitivityFits, !skipped.isEmpty {
            notes.append("\(skipped.joined(separator: " and ")) skipped: \(matrix.alternativeCount) alternatives exceed the limit of "
                         + "\(maximumAlternativesForSensitivity) for these analyses, whose cost grows with the square of the number of alternatives")
        }
        var stability: [MethodStability] = []
        if spec.stabilityIntervals, sensitivityFits {
            for method in spec.methods {
                do {
                    let intervals = try WeightStability(method: method, configuration: spec.configuration)
                        .intervals(matrix, weights: weightsFor(method))
                    stability.append(MethodStability(method: method, intervals: intervals))
                } catch {
                    errors.append(locate(error, spec: spec, context: "stability intervals of '\(method.rawValue)'",
                                         at: spec.locations.methods[method]))
                }
            }
        }
        var reversals: [MethodRankReversal] = []
        if let degradation = spec.rankReversalDegradation, sensitivityFits {
            for method in spec.methods {
                do {
                    let cases = try RankReversal(method: method, configuration: spec.configuration, degradation: degradation)
                        .check(matrix, weights: weightsFor(method))
                    reversals.append(MethodRankReversal(method: method, cases: cases))
                } catch {
                    errors.append(locate(error, spec: spec, context: "rank reversal of '\(method.rawValue)'",
                                         at: spec.locations.methods[method]))
                }
            }
        }
        guard errors.isEmpty else { throw DataErrors(errors) }
        let unsourced = spec.criteria.filter { $0.source == nil }.map(\.id)
        if !unsourced.isEmpty {
            notes.append("no source is given for criteria \(unsourced.joined(separator: ", "))")
        }
        return ScorecardResult(
            spec: spec, seed: seed, weighting: spec.weighting, weights: weights, ahpCriteria: ahpCriteria,
            methodWeights: Dictionary(uniqueKeysWithValues: spec.methods.map { ($0, weightsFor($0)) }),
            methods: results, agreement: agreement, smaa: smaa, stability: stability, rankReversal: reversals,
            notes: weights.notes + notes)
    }

    /// A scoring error located where the user can fix it: the value or criterion it names, else `fallback`.
    static func locate(_ error: any Error, spec: ScorecardSpec, context: String, at fallback: LocatedPath?) -> DataError {
        var place = fallback
        if let scoring = error as? ScoringError {
            switch scoring {
            case .nonPositiveValue(let alternative, let criterion, _, _),
                 .nonFiniteValue(let alternative, let criterion, _),
                 .invalidValue(let alternative, let criterion, _),
                 .missingValue(let alternative, let criterion):
                place = spec.locations.values[criterion]?[alternative] ?? spec.locations.criteria[criterion] ?? fallback
            case .constantCriterion(let criterion, _), .missingWeight(let criterion), .negativeWeight(let criterion, _):
                place = spec.locations.criteria[criterion] ?? fallback
            default:
                break
            }
        }
        let prefix = place.map { $0.path.isEmpty ? "" : "\($0.path): " } ?? ""
        return DataError(file: place?.location.file ?? spec.file, line: place?.location.line, column: place?.location.column,
                         message: "\(prefix)\(context): \(error)")
    }
}
