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
    private(set) var parameterNames: [String] = []
    /// One vector per start, in the order of ``parameterNames``; empty without Starting Values lines.
    private(set) var startingValues: [[Double]] = []
    private(set) var estimates: [Double] = []
    private(set) var standardDeviations: [Double] = []
    let residualSumOfSquares: Double
    let residualStandardDeviation: Double
    let rSquared: Double?
    let degreesOfFreedom: Int
    /// Each `Number of Observations:` statement, with its line.
    private(set) var statedObservations: [(count: Int, line: Int)] = []

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

    /// Reads the certified values on lines `certified`, and the starting values on lines `starting`
    /// (which lie within `certified`).
    init(_ file: TextLines, certified: ClosedRange<Int>, starting: ClosedRange<Int>?) throws {
        var starts: [[Double]] = []
        var parameterLines: [Int] = []
        var numbers: [Label: Double] = [:]
        var wholeNumbers: [Label: Int] = [:]
        var residualRow: (degreesOfFreedom: Int, sumOfSquares: Double)?
        for number in certified {
            let line = file.line(number)
            let tokens = line.tokens
            guard let first = tokens.first else { continue }
            let onStartingLine = starting?.contains(number) ?? false
            if Self.isParameterName(first.text) {
                guard !parameterNames.contains(String(first.text)) else {
                    throw file.error("parameter '\(first.text)' appears twice", line: number, column: first.column)
                }
                let valueTokens = tokens.dropFirst().drop { $0.text == "=" }
                let rowValues = try valueTokens.map { try file.number($0, on: number) }
                let expected = onStartingLine ? (starts.first.map { $0.count + 2 } ?? max(3, rowValues.count)) : 2
                guard rowValues.count == expected else {
                    let what = !onStartingLine ? "the certified estimate and its standard deviation"
                        : starts.isEmpty ? "starting values, then the certified estimate and its standard deviation"
                        : "\(expected - 2) starting values like the rows above, then the certified estimate and its standard deviation"
                    let column = valueTokens.dropFirst(min(rowValues.count, expected)).first?.column ?? line.text.count + 1
                    throw file.error("expected \(what) after '\(first.text)'", line: number, column: column)
                }
                parameterNames.append(String(first.text))
                parameterLines.append(number)
                estimates.append(rowValues[rowValues.count - 2])
                standardDeviations.append(rowValues[rowValues.count - 1])
                if onStartingLine { starts.append(Array(rowValues.dropLast(2))) }
                continue
            }
            if onStartingLine, !line.isBlank {
                throw file.error("expected a parameter row ('b1 = start1 start2 estimate deviation') on a "
                                 + "Starting Values line", line: number, column: first.column)
            }
            let trimmed = line.text.drop(while: \.isWhitespace)
            guard let label = Label.allCases.first(where: { trimmed.hasPrefix($0.text) }) else { continue }
            let labelValues = line.tokens(after: label.text)
            guard let value = labelValues.first else { continue }   // a heading, such as "Residual" above "Standard Deviation"
            guard numbers[label] == nil, wholeNumbers[label] == nil, label != .analysisOfVarianceResidual || residualRow == nil else {
                throw file.error("'\(label.text)' is stated twice", line: number, column: value.column)
            }
            if label == .analysisOfVarianceResidual {
                guard labelValues.count == 3 else {
                    throw file.error("expected the analysis of variance row 'Residual  degrees-of-freedom  "
                                     + "sum-of-squares  mean-square'", line: number, column: value.column)
                }
                residualRow = (try file.integer(value, on: number), try file.number(labelValues[1], on: number))
                _ = try file.number(labelValues[2], on: number)
                continue
            }
            guard labelValues.count == 1 else {
                throw file.error("expected one value after '\(label.text)'", line: number, column: labelValues[1].column)
            }
            if label == .degreesOfFreedom || label == .observations {
                let count = try file.integer(value, on: number)
                wholeNumbers[label] = count
                if label == .observations { statedObservations.append((count, number)) }
            } else {
                numbers[label] = try file.number(value, on: number)
            }
        }

        let range = "the Certified Values lines (\(certified.lowerBound) to \(certified.upperBound))"
        func missing(_ what: String) -> DataError {
            file.error("\(range) give no \(what)", line: certified.lowerBound)
        }
        guard !parameterNames.isEmpty else { throw missing("parameter estimates") }
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
        self.residualSumOfSquares = residualSumOfSquares
        self.residualStandardDeviation = residualStandardDeviation
        self.rSquared = numbers[.rSquared]
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// Letters followed by digits: `b1`, `B0`, `B10`.
    private static func isParameterName(_ text: Substring) -> Bool {
        let letters = text.prefix { $0.isASCII && $0.isLetter }
        let digits = text.dropFirst(letters.count)
        return !letters.isEmpty && !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
