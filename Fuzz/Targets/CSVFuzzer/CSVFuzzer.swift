import Datasets
import Foundation
import FuzzSupport

/// CSV bytes through ``CSVReader`` and ``CSVRecordStream``: each must give a table or a
/// `DataError` (never a trap or another error), the two must agree record for record or on the
/// error, and every column converts to numbers or fails with a `DataError`. The first input byte
/// also picks the stream's chunk size (1–16 bytes), so chunk boundaries fall everywhere.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = Fuzz.bytes(data, size)
    let chunkSize = 1 + Int(bytes.first ?? 0) % 16
    let url = Fuzz.scratchFile
    do { try Data(bytes).write(to: url) } catch { Fuzz.require(false, "cannot write \(url.path): \(error)") }
    let whole = outcome { try CSVReader.read(url: url, displayPath: "fuzz.csv") }
    let streamed = outcome { () -> [CSVRecord] in
        let stream = try CSVRecordStream(url: url, displayPath: "fuzz.csv", chunkSize: chunkSize)
        var records: [CSVRecord] = []
        while let record = try stream.next() { records.append(record) }
        return records
    }
    switch (whole, streamed) {
    case (.success(let table), .success(let records)):
        Fuzz.require((0..<table.rowCount).map(table.record(at:)) == records, "the readers disagree on the records")
        for column in table.header {
            _ = outcome { try table.numbers(column: column) }
        }
        do { _ = try table.numbers(columns: table.header) } catch let errors as DataErrors {
            Fuzz.require(errors.errors.allSatisfy { $0.file == "fuzz.csv" }, "an error names another file")
        } catch {
            Fuzz.require(false, "an error that is not DataErrors: \(error)")
        }
    case (.failure(let first), .failure(let second)):
        Fuzz.require(first == second, "the readers disagree on the error: \(first) versus \(second)")
    default:
        Fuzz.require(false, "one reader fails, the other does not: \(whole) versus \(streamed)")
    }
    // The text entry point on the same bytes (invalid UTF-8 replaced) must not trap either.
    _ = outcome { try CSVReader.parse(String(decoding: bytes, as: UTF8.self), source: "fuzz.csv") }
    return 0
}

/// The value of `body`, or the `DataError` it threw; any other error is a broken invariant.
private func outcome<T>(_ body: () throws -> T) -> Result<T, DataError> {
    do { return .success(try body()) } catch let error as DataError {
        Fuzz.require(error.file == "fuzz.csv", "an error names \(error.file), not the input")
        return .failure(error)
    } catch {
        Fuzz.require(false, "an error that is not a DataError: \(error)")
        fatalError()
    }
}
