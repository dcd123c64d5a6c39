import Foundation
import Reports

/// The report of `foresight bench`: the machine, the settings and, per suite, every measurement,
/// the scaling table and the peak memory.
struct BenchReport: RenderableReport, Codable {
    let foresightVersion: String
    let machine: BenchMachine
    let size: String
    let seed: UInt64
    let repetitions: Int
    let suites: [BenchSuiteReport]

    func renderText() -> String {
        render(title: { "Foresight \(foresightVersion) benchmarks, \($0)\n" }, suiteHeading: { "\n== \($0)\n" }) { $0.renderText() }
    }

    func renderMarkdown() -> String {
        render(title: { "# Foresight benchmarks\n\n\($0)\n" }, suiteHeading: { "\n## \($0)\n\n" }) { $0.renderMarkdown() }
    }

    /// The text and Markdown layouts: a title line, then per suite a heading and its two tables.
    private func render(title: (String) -> String, suiteHeading: (String) -> String, table: (Table) -> String) -> String {
        var text = title("size \(size), seed \(seed), \(repetitions) timed runs per case after 1 warm-up; machine: \(machine.cpu), "
                         + "\(machine.cores) cores, \(machine.memoryBytes >> 20) MiB, load average \(machine.loadAverage)")
        for suite in suites {
            text += suiteHeading("\(suite.name): \(NumberFormat.fixed(suite.seconds, decimals: 1)) s, peak memory \(suite.peakMemoryBytes >> 20) MiB")
            text += table(suite.measurementTable) + "\n" + table(suite.scalingTable)
        }
        return text
    }

    func renderCSV() -> String {
        var table = Table(columns: [.init("suite", .left)] + BenchSuiteReport.measurementColumns)
        for suite in suites { for row in suite.measurementRows { table.append([suite.name] + row) } }
        return table.renderCSV()
    }

    func renderJSON() throws -> String { try JSONOutput.render(self) }
}

/// What the numbers were measured on.
struct BenchMachine: Codable {
    let cpu: String
    let cores: Int
    let memoryBytes: UInt64
    let loadAverage: String

    static var current: BenchMachine {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .flatMap { $0.split(separator: ":", maxSplits: 1).last }.map { $0.trimmingCharacters(in: .whitespaces) }
        let load = ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "").split(separator: " ").prefix(3).joined(separator: " ")
        return BenchMachine(cpu: model ?? "unknown CPU", cores: ProcessInfo.processInfo.activeProcessorCount,
                            memoryBytes: ProcessInfo.processInfo.physicalMemory, loadAverage: load.isEmpty ? "unknown" : load)
    }
}

/// One suite's results.
struct BenchSuiteReport: Codable {
    let name: String
    let seconds: Double
    /// The process's peak resident set (getrusage) when the suite ended: a high-water mark over
    /// the run so far, so with `all` a suite inherits the peaks of the suites before it.
    let peakMemoryBytes: Int
    let measurements: [BenchMeasurement]
    let scaling: [BenchScalingRow]

    init(name: String, seconds: Double, peakMemoryBytes: Int, measurements: [BenchMeasurement]) {
        self.name = name
        self.seconds = seconds
        self.peakMemoryBytes = peakMemoryBytes
        self.measurements = measurements
        scaling = BenchScalingRow.rows(measurements)
    }

    static let measurementColumns: [Table.Column] = [
        .init("benchmark", .left), .init("work"), .init("unit", .left), .init("threads"), .init("median s"), .init("min s"),
        .init("max s"), .init("spread"), .init("throughput"), .init("unit", .left), .init("of peak"),
        .init("vs fit"),
    ]

    var measurementRows: [[String]] {
        measurements.map { m in
            [m.benchmark, "\(m.work)", m.workUnit, "\(m.threads)", NumberFormat.significant(m.medianSeconds, digits: 4),
             NumberFormat.significant(m.minSeconds, digits: 4), NumberFormat.significant(m.maxSeconds, digits: 4),
             NumberFormat.fixed(100 * m.relativeSpread, decimals: 1) + "%", NumberFormat.significant(m.throughput, digits: 4),
             m.throughputUnit, m.peakFraction.map { NumberFormat.fixed(100 * $0, decimals: 1) + "%" } ?? "",
             m.costRelativeToFit.map { NumberFormat.fixed($0, decimals: 2) + "x" } ?? ""]
        }
    }

    var measurementTable: Table {
        var table = Table(title: "\(name): measurements", columns: Self.measurementColumns)
        for row in measurementRows { table.append(row) }
        return table
    }

    var scalingTable: Table {
        var table = Table(title: "\(name): scaling (time ~ work^exponent; speed-up over 1 thread)", columns: [
            .init("benchmark", .left), .init("work"), .init("threads"), .init("median s"), .init("exponent"), .init("speed-up"),
        ])
        for row in scaling {
            table.append([row.benchmark, "\(row.work)", "\(row.threads)", NumberFormat.significant(row.medianSeconds, digits: 4),
                          row.growthExponent.map { NumberFormat.fixed($0, decimals: 2) } ?? "",
                          row.speedup.map { NumberFormat.fixed($0, decimals: 2) } ?? ""])
        }
        return table
    }
}

/// How time grows with work and falls with threads: per benchmark and thread count, the
/// exponent `log(t₂/t₁)/log(w₂/w₁)` against the next smaller work (1 is linear), and the
/// speed-up `t(1 thread)/t` at the same work.
struct BenchScalingRow: Codable, Equatable {
    let benchmark: String
    let work: Int
    let threads: Int
    let medianSeconds: Double
    let growthExponent: Double?
    let speedup: Double?

    static func rows(_ measurements: [BenchMeasurement]) -> [BenchScalingRow] {
        let ordered = measurements.sorted { ($0.benchmark, $0.threads, $0.work) < ($1.benchmark, $1.threads, $1.work) }
        return ordered.enumerated().map { index, m in
            let previous = index > 0 ? ordered[index - 1] : nil
            let exponent = previous.flatMap { p -> Double? in
                guard p.benchmark == m.benchmark, p.threads == m.threads, p.work < m.work, p.medianSeconds > 0, m.medianSeconds > 0 else { return nil }
                return log(m.medianSeconds / p.medianSeconds) / log(Double(m.work) / Double(p.work))
            }
            let single = measurements.first { $0.benchmark == m.benchmark && $0.work == m.work && $0.threads == 1 }
            let speedup = single.flatMap { s in m.medianSeconds > 0 && m.threads > 1 ? s.medianSeconds / m.medianSeconds : nil }
            return BenchScalingRow(benchmark: m.benchmark, work: m.work, threads: m.threads, medianSeconds: m.medianSeconds,
                                   growthExponent: exponent, speedup: speedup)
        }
    }
}
