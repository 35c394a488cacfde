import CapitationCore
package import SettlementReports

/// Reads a written `settlement.json` back for `capitation report`, and writes a rendering of it, with the
/// same file handling as a settlement's own outputs.
package enum ReportRun: Sendable {
    /// The settlement document in the file at `path`.
    ///
    /// - Throws: ``RunError/Code/invalidInput`` naming the file and the line, column or field at fault.
    package static func read(_ path: String) throws(RunError) -> SettlementDocument {
        let bytes = try InputFileReader.readAll(path).bytes
        do {
            return try SettlementDocument(json: bytes)
        } catch {
            throw .invalidInput([Diagnostic(.error, at: nil, "\(path): \(error)")])
        }
    }

    /// Writes `text` to `path` atomically: a reader never sees half a report.
    ///
    /// - Throws: ``RunError/Code/outputFailed`` when the file cannot be written.
    package static func write(_ text: String, to path: String) throws(RunError) {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let writer = try OutputWriter(folder: folder.isEmpty ? "/" : folder, names: [name])
        try writer.finishing { () throws(RunError) in try writer.write(name, text) }
    }
}
