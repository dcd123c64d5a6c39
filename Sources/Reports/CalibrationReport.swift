import Forecasting

/// Renders a ``CalibrationStudy``: nominal level, observed coverage, its standard error.
public struct CalibrationReport: RenderableReport, Sendable {
    public let study: CalibrationStudy
    public let foresightVersion: String

    public init(study: CalibrationStudy, foresightVersion: String) {
        self.study = study
        self.foresightVersion = foresightVersion
    }

    /// One row per level.
    public var table: Table {
        var table = Table(columns: [.init("nominal"), .init("coverage"), .init("binomial SE"), .init("z")])
        for c in study.coverage {
            table.append([NumberFormat.fixed(c.level, decimals: 2), NumberFormat.fixed(c.share, decimals: 4),
                          NumberFormat.fixed(c.standardError, decimals: 4),
                          NumberFormat.fixed((c.share - c.level) / c.standardError, decimals: 2)])
        }
        return table
    }

    private var header: String {
        let t = CalibrationStudy.truth
        return "Interval calibration: \(study.replicates) synthetic Poisson processes (logistic mean Asym \(t.asym), xmid \(t.xmid), "
            + "scal \(t.scal)), yearly counts \(CalibrationStudy.observedYears.first ?? 0)-\(CalibrationStudy.observedYears.last ?? 0), "
            + "nhpp-logistic projected to the end of \(CalibrationStudy.projectedYear) with \(study.draws) draws each; seed \(study.seed); "
            + "\(study.failures) failed fits left out; foresight \(foresightVersion)."
    }

    public func renderText() -> String { header + "\n\n" + table.renderText() }
    public func renderMarkdown() -> String { header + "\n\n" + table.renderMarkdown() }
    public func renderCSV() -> String { table.renderCSV() }

    /// JSON: `replicates`, `draws`, `seed`, `failures`, `coverage` [{level, share, standard_error}].
    public func renderJSON() throws -> String {
        JSONValue.object([
            ("replicates", .int(study.replicates)), ("draws", .int(study.draws)), ("seed", .string(String(study.seed))),
            ("failures", .int(study.failures)),
            ("coverage", .array(study.coverage.map {
                .object([("level", .number($0.level)), ("share", .number($0.share)), ("standard_error", .number($0.standardError))])
            })),
            ("foresight_version", .string(foresightVersion)),
        ]).rendered(indent: "") + "\n"
    }
}
