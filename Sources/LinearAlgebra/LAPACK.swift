import CLAPACK

/// Helpers shared by every LAPACK call: integer conversion, workspace queries, `info` checks.
enum LAPACK {
    /// Converts a dimension to LAPACK's 32-bit integer.
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` for dimensions LAPACK cannot address.
    static func int(_ value: Int) throws -> clapack_int {
        guard let converted = clapack_int(exactly: value) else {
            throw LinearAlgebraError.dimensionMismatch("dimension \(value) exceeds LAPACK's 32-bit index range")
        }
        return converted
    }

    /// Leading dimension for a column-major matrix with `rows` rows (LAPACK requires at least 1).
    static func leadingDimension(_ rows: Int) throws -> clapack_int { try int(Swift.max(1, rows)) }

    /// Runs a LAPACK workspace query (`lwork = -1`) and returns the optimal workspace length.
    static func workspaceSize(_ query: (UnsafeMutablePointer<Double>) -> clapack_int, routine: String) throws -> Int {
        var optimal = 0.0
        let info = query(&optimal)
        try check(info, routine: routine)
        return Swift.max(1, Int(optimal))
    }

    /// Turns a negative `info` (an illegal argument) into an error; positive values are
    /// routine-specific and are interpreted by the caller first.
    static func check(_ info: clapack_int, routine: String) throws {
        if info < 0 { throw LinearAlgebraError.illegalArgument(routine: routine, position: Int(-info)) }
    }

    static let columnMajor = Int32(LAPACK_COL_MAJOR)

    /// A LAPACK character option such as `"U"` or `"T"`.
    static func flag(_ scalar: Unicode.Scalar) -> CChar { CChar(truncatingIfNeeded: scalar.value) }
}

/// Controls the number of threads OpenBLAS uses inside each BLAS/LAPACK call.
public enum BLASThreads {
    /// Sets OpenBLAS's thread count. Call with 1 before running many small problems in parallel,
    /// so that each worker thread does not spawn OpenBLAS threads of its own.
    public static func set(_ count: Int) { openblas_set_num_threads(Int32(clamping: Swift.max(1, count))) }

    /// OpenBLAS's current thread count.
    public static var current: Int { Int(openblas_get_num_threads()) }
}
