import Foundation
import Testing

@testable import Datasets

/// Random malformed inputs: every one must give a result or a `DataError`, never a crash or
/// another error, and the streaming reader must agree with the in-memory one.
@Suite("Malformed input fuzzing")
struct MalformedInputFuzzTests {
    @Test func randomCSVBytesAgreeBetweenReaders() throws {
        var random = SplitMix64(seed: 7)
        let alphabet: [[UInt8]] = [[0x2C], [0x22], [0x0A], [0x0D], [0x20], [0x61], [0x31], [0x2E], [0x65],
                                   [0xC3, 0xA9], [0xEF, 0xBB, 0xBF], [0xFF], [0xC3]]
        try TestSupport.withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("fuzz.csv")
            for _ in 0..<300 {
                var bytes: [UInt8] = Array("a,b\n".utf8)
                for _ in 0..<Int(random.next() % 40) {
                    bytes += alphabet[Int(random.next() % UInt64(alphabet.count))]
                }
                try Data(bytes).write(to: url)
                let whole = outcome { try CSVReader.read(url: url, displayPath: "fuzz.csv") }
                let chunkSize = 1 + Int(random.next() % 6)
                let streamed = outcome { () -> [CSVRecord] in
                    let stream = try CSVRecordStream(url: url, displayPath: "fuzz.csv", chunkSize: chunkSize)
                    var records: [CSVRecord] = []
                    while let record = try stream.next() { records.append(record) }
                    return records
                }
                switch (whole, streamed) {
                case (.success(let table), .success(let records)):
                    #expect((0..<table.rowCount).map(table.record(at:)) == records, "\(bytes)")
                    for column in table.header {
                        _ = try? table.numbers(column: column)
                    }
                case (.failure(let first), .failure(let second)):
                    #expect(first == second, "\(bytes)")
                default:
                    Issue.record("the readers disagree on \(bytes): \(whole) versus \(streamed)")
                }
            }
        }
    }

    @Test func mutatedReferenceFilesFailWithDataErrors() throws {
        var random = SplitMix64(seed: 11)
        let files = ["linear/Longley.dat", "linear/Wampler1.dat", "nonlinear/Rat43.dat", "nonlinear/ENSO.dat",
                     "nonlinear/Roszman1.dat", "nonlinear/Nelson.dat"]
        let pieces = ["", " ", "=", "(", ")", "lines", "to", "1", "99", "-", "+", "e", "x", "y", "b1", "B0", "Data:",
                      "nan", "1e999", "**", "\t", "Residual", "Standard Deviation", "Model:", "File Format:"]
        for file in files {
            let original = try String(contentsOf: TestSupport.strdDirectory.appendingPathComponent(file), encoding: .utf8)
            let lines = original.components(separatedBy: "\n")
            for _ in 0..<150 {
                var mutated = lines
                for _ in 0...Int(random.next() % 3) {
                    let index = Int(random.next() % UInt64(mutated.count))
                    switch random.next() % 4 {
                    case 0: mutated.remove(at: index)
                    case 1: mutated.insert(mutated[index], at: index)
                    case 2: mutated[index] = pieces[Int(random.next() % UInt64(pieces.count))]
                    default:
                        var characters = Array(mutated[index])
                        let position = characters.isEmpty ? 0 : Int(random.next() % UInt64(characters.count))
                        characters.insert(contentsOf: pieces[Int(random.next() % UInt64(pieces.count))], at: position)
                        mutated[index] = String(characters)
                    }
                }
                let result = outcome { try StRDParser.parse(mutated.joined(separator: "\n"), source: file) }
                if case .failure(let error) = result {
                    #expect(error.file == file)
                }
            }
        }
    }
}

/// The value of `body`, or the `DataError` it threw (any other error is recorded as an issue).
private func outcome<T>(_ body: () throws -> T) -> Result<T, DataError> {
    do {
        return .success(try body())
    } catch let error as DataError {
        return .failure(error)
    } catch {
        Issue.record("expected a DataError, got \(error)")
        return .failure(DataError(file: "", message: "\(error)"))
    }
}
