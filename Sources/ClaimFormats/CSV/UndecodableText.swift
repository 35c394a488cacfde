package import CapitationCore

/// Fields of a CSV file that are not UTF-8 text: the sign of a file saved in another encoding, which is
/// refused as a whole rather than rejected line by line.
package struct UndecodableText: Sendable {
    /// The first such field: its line, its column and its bytes.
    package private(set) var first: (line: Int, column: String, bytes: [UInt8])?
    /// The number of lines with such a field.
    package private(set) var lines = 0

    package init() {}

    /// Notes the fields of the scanner's current record that are not UTF-8; `columns[i]` is at
    /// `positions[i]`.
    mutating func note(_ scanner: borrowing CSVScanner, line: Int, columns: [String], positions: [Int]) {
        var found = false
        for (index, field) in scanner.fields.enumerated() where scanner.string(field) == nil {
            found = true
            guard first == nil else { break }
            let name = positions.firstIndex(of: index).map { columns[$0] } ?? "\(index + 1)"
            let bytes = scanner.withValue(of: field) { Array($0.prefix(120)) }
            first = (line, name, bytes)
        }
        if found { lines += 1 }
    }

    /// Adds what a later chunk of the same file found.
    package mutating func merge(_ other: UndecodableText) {
        if first == nil { first = other.first }
        lines += other.lines
    }

    /// Why the file at `path` is refused, when any field was not UTF-8: the line and column, the
    /// encoding the bytes seem to be in, and the value read in it (except a member id).
    package func diagnostic(path: String) -> Diagnostic? {
        guard let first else { return nil }
        let byte = first.bytes.first { $0 >= 0x80 } ?? first.bytes.first { $0 == 0 } ?? 0
        let hex = "0x" + String(byte, radix: 16, uppercase: true)
        let guess: String
        if first.bytes.contains(0) {
            guess = "it seems to be UTF-16"
        } else {
            let read = Windows1252.decode(first.bytes)
            let value = first.column == "member_id" ? "" : ", where the value reads '\(read.abbreviatedForMessage)'"
            guess =
                "it seems to be ISO 8859-1 or Windows-1252 (byte \(hex) is '\(Windows1252.decode([byte]))' there\(value))"
        }
        return Diagnostic(
            .error,
            at: SourceLocation(path: path, line: first.line),
            "the file is not UTF-8 text: column \(first.column) holds byte \(hex), which UTF-8 does not allow "
                + "there (the first of \(lines) such line\(lines == 1 ? "" : "s")); \(guess). Save the "
                + "file as UTF-8 and settle again: a file in another encoding is refused as a whole, never "
                + "read line by line"
        )
    }
}
