import Foundation
import Testing

import Datasets

@Suite("DataError")
struct DataErrorTests {
    @Test func descriptionOmitsUnknownParts() {
        #expect(DataError(file: "a.csv", line: 3, column: 7, message: "bad").description == "a.csv:3:7: bad")
        #expect(DataError(file: "a.csv", line: 3, message: "bad").description == "a.csv:3: bad")
        #expect(DataError(file: "a.csv", message: "bad").description == "a.csv: bad")
        #expect(DataError(file: "a.csv", column: 7, message: "bad").description == "a.csv: bad")
        #expect(DataError(file: "a.csv", line: 1, column: 2, message: "bad").localizedDescription == "a.csv:1:2: bad")
    }

    @Test func severalErrorsPrintOnePerLine() {
        let first = DataError(file: "a.csv", line: 2, column: 1, message: "one")
        let second = DataError(file: "a.csv", line: 5, column: 3, message: "two")
        #expect(DataErrors([first, second]).description == "a.csv:2:1: one\na.csv:5:3: two")
        #expect(DataErrors([first], omittedCount: 1).description == "a.csv:2:1: one\n… and 1 more problem")
        #expect(DataErrors([first], omittedCount: 4).description == "a.csv:2:1: one\n… and 4 more problems")
    }
}
