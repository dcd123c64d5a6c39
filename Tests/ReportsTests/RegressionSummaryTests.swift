import Foundation
import Regression
import Testing

@testable import Reports

/// ``RegressionSummary`` on tiny regressions whose every number is known in closed form.
@Suite("RegressionSummary")
struct RegressionSummaryTests {
    private func summary(x: [Double], y: [Double], names: [String] = ["x"], extra: [[Double]] = [],
                         intercept: Bool = true) throws -> RegressionSummary {
        let design = try DesignMatrix(predictors: [x] + extra, names: names, intercept: intercept)
        let result = try LinearRegression.fit(design, response: y)
        return RegressionSummary(result: result, description: "y ~ x (test)")
    }

    private func json(_ summary: RegressionSummary) throws -> [String: Any] {
        let text = try summary.renderJSON()
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text)")
    }

    private func value(_ object: [String: Any], _ key: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Double {
        try #require((object[key] as? NSNumber)?.doubleValue, "\(key) missing or null in \(object)", sourceLocation: sourceLocation)
    }

    private func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
        abs(a - b) <= tolerance * max(1, abs(a), abs(b))
    }

    // MARK: A 3-point exact line

    @Test func exactLineJSON() throws {
        // y = 1 + 2x exactly: estimates 1 and 2, no residual, R² = 1.
        let object = try json(try summary(x: [1, 2, 3], y: [3, 5, 7]))
        #expect(object["model"] as? String == "y ~ x (test)")
        #expect(object["n"] as? Int == 3)
        #expect(object["rank"] as? Int == 2)
        #expect(object["df"] as? Int == 1)
        #expect(try value(object, "rss") <= 1e-28)
        #expect(close(try value(object, "r_squared"), 1, 1e-15))
        #expect(try value(object, "confidence_level") == 0.95)
        #expect((object["aliases"] as? [String]) == [])
        let coefficients = try #require(object["coefficients"] as? [[String: Any]])
        #expect(coefficients.map { $0["name"] as? String } == ["(Intercept)", "x"])
        #expect(coefficients.map { $0["aliased"] as? Bool } == [false, false])
        #expect(close(try value(coefficients[0], "estimate"), 1, 1e-14))
        #expect(close(try value(coefficients[1], "estimate"), 2, 1e-14))
        for coefficient in coefficients {
            // σ = 0: zero (or rounding-size) standard errors; infinite t values are written as null.
            #expect(try value(coefficient, "std_error") <= 1e-13)
            let t = coefficient["t_value"]
            #expect(t is NSNull || ((t as? NSNumber)?.doubleValue).map { abs($0) > 1e10 } == true, "\(coefficient)")
        }
        // An infinite F statistic (perfect fit) is null in JSON.
        let f = object["f_statistic"]
        #expect(f is NSNull || ((f as? NSNumber)?.doubleValue).map { $0 > 1e20 } == true, "\(String(describing: f))")
    }

    // MARK: A 3-point line with residuals

    // x = 0, 1, 2; y = 0, 1, 1. By hand: x̄ = 1, ȳ = 2/3, Sxx = 2, Sxy = 1, so b = 1/2, a = 1/6;
    // residuals −1/6, 1/3, −1/6, RSS = 1/6, df = 1, σ² = 1/6; SE(b) = √(σ²/Sxx) = √(1/12),
    // SE(a) = √(σ²(1/3 + x̄²/Sxx)) = √(5/36); t(b) = √3 and, with 1 df (Cauchy), p = 1 − 2·atan(√3)/π = 1/3;
    // TSS = 2/3, R² = 3/4, adjusted R² = 1/2, F = 3 with p = 1/3; t₀.₉₇₅,₁ = tan(0.475π).
    static let x: [Double] = [0, 1, 2]
    static let y: [Double] = [0, 1, 1]

    @Test func residualLineJSON() throws {
        let object = try json(try summary(x: Self.x, y: Self.y))
        #expect(object["n"] as? Int == 3)
        #expect(object["df"] as? Int == 1)
        #expect(close(try value(object, "rss"), 1.0 / 6))
        #expect(close(try value(object, "sigma"), (1.0 / 6).squareRoot()))
        #expect(close(try value(object, "r_squared"), 0.75))
        #expect(close(try value(object, "adjusted_r_squared"), 0.5))
        #expect(close(try value(object, "f_statistic"), 3, 1e-11))
        #expect(close(try value(object, "f_p_value"), 1.0 / 3, 1e-10))
        let logLikelihood = -1.5 * (log(2 * Double.pi) + log(1.0 / 18) + 1)
        #expect(close(try value(object, "log_likelihood"), logLikelihood))
        #expect(close(try value(object, "aic"), -2 * logLikelihood + 6))
        #expect(close(try value(object, "bic"), -2 * logLikelihood + 3 * log(3.0)))

        // Columns scaled by powers of two: (1,1,1) by 1 and (0,1,2) by 2; the condition number is
        // √(λmax/λmin) of [[3, 1.5], [1.5, 1.25]].
        let (trace, determinant) = (4.25, 3 * 1.25 - 1.5 * 1.5)
        let root = (trace * trace - 4 * determinant).squareRoot()
        #expect(close(try value(object, "condition_number"), ((trace + root) / (trace - root)).squareRoot(), 1e-10))

        let coefficients = try #require(object["coefficients"] as? [[String: Any]])
        let critical = tan(0.475 * Double.pi)
        let expected: [(estimate: Double, se: Double, p: Double)] = [
            (1.0 / 6, (5.0 / 36).squareRoot(), 1 - 2 * atan(1 / 5.0.squareRoot()) / Double.pi),
            (0.5, (1.0 / 12).squareRoot(), 1.0 / 3),
        ]
        for (coefficient, e) in zip(coefficients, expected) {
            #expect(close(try value(coefficient, "estimate"), e.estimate), "\(coefficient)")
            #expect(close(try value(coefficient, "std_error"), e.se), "\(coefficient)")
            #expect(close(try value(coefficient, "t_value"), e.estimate / e.se), "\(coefficient)")
            #expect(close(try value(coefficient, "p_value"), e.p, 1e-10), "\(coefficient)")
            #expect(close(try value(coefficient, "ci_lower"), e.estimate - critical * e.se, 1e-10), "\(coefficient)")
            #expect(close(try value(coefficient, "ci_upper"), e.estimate + critical * e.se, 1e-10), "\(coefficient)")
        }
    }

    @Test func residualLineTables() throws {
        let s = try summary(x: Self.x, y: Self.y)
        let table = s.coefficientTable
        #expect(table.columns.map(\.title) == ["term", "estimate", "std_error", "t_value", "p_value", "ci_lower_95", "ci_upper_95"])
        #expect(table.rows.count == 2)
        #expect(Array(table.rows[1].prefix(5)) == ["x", "0.5", "0.288675", "1.7321", "0.3333"])
        #expect(Array(table.rows[0].prefix(5)) == ["(Intercept)", "0.1666666667", "0.372678", "0.44721", "0.7323"])

        let text = s.renderText()
        #expect(text.hasPrefix("Linear regression: y ~ x (test)\n\nterm "))
        #expect(text.contains("\nR-squared                          0.75\n"), "\(text)")
        #expect(text.contains("F statistic                        3 on 1 and 1 df, p-value 0.3333"), "\(text)")
        #expect(!text.contains("aliased"))

        let markdown = s.renderMarkdown()
        #expect(markdown.hasPrefix("### Linear regression: y ~ x (test)\n\n| term | estimate |"))
        #expect(markdown.contains("| x | 0.5 | 0.288675 | 1.7321 | 0.3333 |"), "\(markdown)")
        #expect(markdown.contains("| R-squared | 0.75 |"))

        let csv = s.renderCSV()
        #expect(csv.hasPrefix("term,estimate,std_error,t_value,p_value,ci_lower_95,ci_upper_95\n(Intercept),0.1666666667,"))
        #expect(csv.split(separator: "\n").count == 3)

        #expect(try s.render(.csv) == csv)
        #expect(try s.render(.text) == text)
        #expect(try s.render(.markdown) == markdown)
        #expect(try s.render(.json) == s.renderJSON())
    }

    // MARK: Aliased columns

    @Test func aliasedColumnIsNullInJSONAndNAInTables() throws {
        let s = try summary(x: [1, 2, 3, 4], y: [2, 4.1, 5.9, 8.2], names: ["x", "z"], extra: [[2, 4, 6, 8]])
        let object = try json(s)
        #expect(object["rank"] as? Int == 2)
        #expect(object["aliases"] as? [String] == ["'z' = 2·x"])
        let coefficients = try #require(object["coefficients"] as? [[String: Any]])
        let z = try #require(coefficients.last)
        #expect(z["name"] as? String == "z")
        #expect(z["aliased"] as? Bool == true)
        for key in ["estimate", "std_error", "t_value", "p_value", "ci_lower", "ci_upper"] {
            #expect(z[key] is NSNull, "\(key) of an aliased coefficient is null")
        }
        #expect(s.coefficientTable.rows.last == ["z", "NA (aliased)", "NA", "NA", "NA", "NA", "NA"])
        let text = s.renderText()
        #expect(text.contains("aliased                            'z' = 2·x"), "\(text)")
        #expect(text.contains("Note: 1 coefficient(s) not estimable"))
    }

    @Test func confidenceLevelNamesTheColumns() throws {
        let design = try DesignMatrix(predictors: [Self.x], names: ["x"], intercept: true)
        let result = try LinearRegression.fit(design, response: Self.y, options: .init(confidenceLevel: 0.9))
        let s = RegressionSummary(result: result, description: "d")
        #expect(s.coefficientTable.columns.suffix(2).map(\.title) == ["ci_lower_90", "ci_upper_90"])
        let object = try json(s)
        #expect(try value(object, "confidence_level") == 0.9)
        let slope = try #require((object["coefficients"] as? [[String: Any]])?.last)
        let critical = tan(0.45 * Double.pi)  // t₀.₉₅ with 1 df
        #expect(close(try value(slope, "ci_upper"), 0.5 + critical * (1.0 / 12).squareRoot(), 1e-10))
    }
}

@Suite("StatisticsBlock")
struct StatisticsBlockTests {
    @Test func textAlignsValuesAndMarkdownIsATable() {
        let block = StatisticsBlock([.init("n", "3"), .init("R-squared", "0.75"), .init("a|b", "x|y")])
        #expect(block.renderText() == "n          3\nR-squared  0.75\na|b        x|y\n")
        #expect(block.renderMarkdown() == """
            | statistic | value |
            |---|---|
            | n | 3 |
            | R-squared | 0.75 |
            | a\\|b | x\\|y |

            """)
        #expect(StatisticsBlock([]).renderText() == "")
    }
}
