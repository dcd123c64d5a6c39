/// The certified values of an StRD file, with the starting values that share their lines.
///
/// In the certified lines, a parameter row is a name like `b1` or `B0`, an optional `=`, then
/// numbers: the starting values (one per start, only on the Starting Values lines), the estimate
/// and its standard deviation. Labeled lines give the other values: `Residual Sum of Squares:`,
/// `Residual Standard Deviation:` (or `Standard Deviation` under `Residual`), `Degrees of Freedom:`,
/// `Number of Observations:`, `R-Squared`, and the analysis of variance row `Residual df SS MS`,
/// which gives the residual sum of squares and degrees of freedom of linear problems. Other lines,
/// such as headings, are skipped.
struct StRDCertifiedValues {
    let parameterNames: [String]
    /// One vector per start, in the order of ``parameterNames``; empty without Starting Values lines.
    let startingValues: [[Double]]
    let estimates: [Double]
    let standardDeviations: [Double]
    let residualSumOfSquares: Double
    let residualStandardDeviation: Double
    let rSquared: Double?
    let degreesOfFreedom: Int
    /// Each `Number of Observations:` statement, with its line.
    let statedObservations: [(count: Int, line: Int)]
}

extension StRDCertifiedValues {
    /// Reads the certified values on lines `certified`, and the starting values on lines `starting`
    /// (which lie within `certified`).
    init(_ file: TextLines, certified: ClosedRange<Int>, starting: ClosedRange<Int>?) throws {
        var reader = Reader(file: file, starting: starting)
        for number in certified { try reader.read(file.line(number)) }
        self = try reader.values(certified: certified)
    }

    private enum Label: CaseIterable {
        case residualSumOfSquares, residualStandardDeviation, degreesOfFreedom, observations, rSquared
        case standardDeviation, analysisOfVarianceResidual

        /// The text that starts the line; longer labels come first, so `Residual` is tried last.
        var text: String {
            switch self {
            case .residualSumOfSquares: "Residual Sum of Squares:"
            case .residualStandardDeviation: "Residual Standard Deviation:"
            case .degreesOfFreedom: "Degrees of Freedom:"
            case .observations: "Number of Observations:"
            case .rSquared: "R-Squared"
            case .standardDeviation: "Standard Deviation"
            case .analysisOfVarianceResidual: "Residual"
            }
        }
    }

    /// Accumulates the values line by line.
    private struct Reader {
        let file: TextLines
        let starting: ClosedRange<Int>?
        private var parameterNames: [String] = []
        private var parameterLines: [Int] = []
        private var starts: [[Double]] = []
        private var estimates: [Double] = []
        private var standardDeviations: [Double] = []
        private var numbers: [Label: Double] = [:]
        private var wholeNumbers: [Label: Int] = [:]
        private var residualRow: (degreesOfFreedom: Int, sumOfSquares: Double)?
        private var statedObservations: [(count: Int, line: Int)] = []

        init(file: TextLines, starting: ClosedRange<Int>?) {
            self.file = file
            self.starting = starting
        }

        mutating func read(_ line: SourceLine) throws {
            let tokens = line.tokens
            guard let first = tokens.first else { return }
            let onStartingLine = starting?.contains(line.number) ?? false
            if Self.isParameterName(first.text) {
                try readParameterRow(line, tokens: tokens, onStartingLine: onStartingLine)
            } else if onStartingLine {
                throw file.error("expected a parameter row ('b1 = start1 start2 estimate deviation') on a "
                                 + "Starting Values line", line: line.number, column: first.column)
            } else {
                try readLabeledLine(line)
            }
        }

        /// `name [=] [starts…] estimate deviation`.
        private mutating func readParameterRow(_ line: SourceLine, tokens: [LineToken], onStartingLine: Bool) throws {
            let name = tokens[0]
            guard !parameterNames.contains(String(name.text)) else {
                throw file.error("parameter '\(name.text)' appears twice", line: line.number, column: name.column)
            }
            let valueTokens = tokens.dropFirst().drop { $0.text == "=" }
            let values = try valueTokens.map { try file.number($0, on: line.number) }
            let expected = onStartingLine ? (starts.first.map { $0.count + 2 } ?? max(3, values.count)) : 2
            guard values.count == expected else {
                let what = !onStartingLine ? "the certified estimate and its standard deviation"
                    : starts.isEmpty ? "starting values, then the certified estimate and its standard deviation"
                    : "\(expected - 2) starting values like the rows above, then the certified estimate and its standard deviation"
                let column = valueTokens.dropFirst(min(values.count, expected)).first?.column ?? line.text.count + 1
                throw file.error("expected \(what) after '\(name.text)'", line: line.number, column: column)
            }
            parameterNames.append(String(name.text))
            parameterLines.append(line.number)
            estimates.append(values[values.count - 2])
            standardDeviations.append(values[values.count - 1])
            if onStartingLine { starts.append(Array(values.dropLast(2))) }
        }

        /// A line starting with one of the labels, or any other line (skipped).
        private mutating func readLabeledLine(_ line: SourceLine) throws {
            let trimmed = line.text.drop(while: \.isWhitespace)
            guard let label = Label.allCases.first(where: { trimmed.hasPrefix($0.text) }) else { return }
            let values = line.tokens(after: label.text)
            guard let value = values.first else { return }   // a heading, such as "Residual" above "Standard Deviation"
            let isRepeated = label == .analysisOfVarianceResidual ? residualRow != nil
                : numbers[label] != nil || wholeNumbers[label] != nil
            guard !isRepeated else {
                throw file.error("'\(label.text)' is stated twice", line: line.number, column: value.column)
            }
            switch label {
            case .analysisOfVarianceResidual:
                guard values.count == 3 else {
                    throw file.error("expected the analysis of variance row 'Residual  degrees-of-freedom  "
                                     + "sum-of-squares  mean-square'", line: line.number, column: value.column)
                }
                residualRow = (try file.integer(value, on: line.number), try file.number(values[1], on: line.number))
                _ = try file.number(values[2], on: line.number)
            case _ where values.count != 1:
                throw file.error("expected one value after '\(label.text)'", line: line.number, column: values[1].column)
            case .degreesOfFreedom, .observations:
                let count = try file.integer(value, on: line.number)
                wholeNumbers[label] = count
                if label == .observations { statedObservations.append((count, line.number)) }
            case .residualSumOfSquares, .residualStandardDeviation, .rSquared, .standardDeviation:
                numbers[label] = try file.number(value, on: line.number)
            }
        }

        /// The values read, checked for completeness.
        func values(certified: ClosedRange<Int>) throws -> StRDCertifiedValues {
            func missing(_ what: String) -> DataError {
                file.error("the Certified Values lines (\(certified.lowerBound) to \(certified.upperBound)) give no \(what)",
                           line: certified.lowerBound)
            }
            guard !parameterNames.isEmpty else { throw missing("parameter estimates") }
            var startingValues: [[Double]] = []
            if let starting {
                if let index = parameterLines.firstIndex(where: { !starting.contains($0) }) {
                    throw file.error("parameter '\(parameterNames[index])' has no starting values (the Starting Values "
                                     + "lines are \(starting.lowerBound) to \(starting.upperBound))", line: parameterLines[index])
                }
                startingValues = (0..<(starts.first?.count ?? 0)).map { start in starts.map { $0[start] } }
            }
            guard let residualSumOfSquares = numbers[.residualSumOfSquares] ?? residualRow?.sumOfSquares else {
                throw missing("residual sum of squares")
            }
            guard let residualStandardDeviation = numbers[.residualStandardDeviation] ?? numbers[.standardDeviation] else {
                throw missing("residual standard deviation")
            }
            guard let degreesOfFreedom = wholeNumbers[.degreesOfFreedom] ?? residualRow?.degreesOfFreedom else {
                throw missing("residual degrees of freedom")
            }
            return StRDCertifiedValues(
                parameterNames: parameterNames, startingValues: startingValues, estimates: estimates,
                standardDeviations: standardDeviations, residualSumOfSquares: residualSumOfSquares,
                residualStandardDeviation: residualStandardDeviation, rSquared: numbers[.rSquared],
                degreesOfFreedom: degreesOfFreedom, statedObservations: statedObservations)
        }

        /// Letters followed by digits: `b1`, `B0`, `B10`.
        private static func isParameterName(_ text: Substring) -> Bool {
            let letters = text.prefix { $0.isASCII && $0.isLetter }
            let digits = text.dropFirst(letters.count)
            return !letters.isEmpty && !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
        }
    }
}
