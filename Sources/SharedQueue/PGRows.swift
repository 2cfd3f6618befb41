import CLibPQ

/// The rows of one result, copied out of libpq (text format; nil for SQL NULL).
struct PGRows: Sendable {
    let columns: [String]
    let rows: [[String?]]
    /// Rows a command touched (`UPDATE`, `INSERT`, `DELETE`), 0 for other commands.
    let affected: Int

    init(_ result: OpaquePointer) {
        let columnCount = PQnfields(result)
        columns = (0..<columnCount).map { String(cString: PQfname(result, $0)) }
        rows = (0..<PQntuples(result)).map { row in
            (0..<columnCount).map { column in
                PQgetisnull(result, row, column) == 1 ? nil : String(cString: PQgetvalue(result, row, column))
            }
        }
        affected = Int(String(cString: PQcmdTuples(result))) ?? 0
    }

    var isEmpty: Bool { rows.isEmpty }

    /// Row `row`'s column `name`, nil when NULL or absent.
    func value(_ row: Int, _ name: String) -> String? {
        guard let index = columns.firstIndex(of: name) else { return nil }
        return rows[row][index]
    }

    func int(_ row: Int, _ name: String) -> Int64? { value(row, name).flatMap { Int64($0) } }
}
