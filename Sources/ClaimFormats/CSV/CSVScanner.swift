/// A strict, byte-level reader of RFC 4180 CSV records.
///
/// Fields are separated by `,` and records by LF or CRLF; a field may be quoted with `"`, and inside quotes
/// a quote is written twice and commas and newlines are data. A UTF-8 byte order mark at the start of the
/// buffer is skipped. Anything else is an error of that record, never guessed at: a quote inside an
/// unquoted field, text after a closing quote, a quoted field that never closes. Empty lines are skipped.
///
/// The scanner works on bytes, never on `Character`s or `String`s, and reuses its field array across
/// records; a record's fields are byte ranges into the buffer.
package struct CSVScanner: ~Copyable {
    /// A field of the current record: the byte range of its content (inside the quotes, if quoted).
    package struct Field: Sendable {
        package var start: Int
        package var end: Int
        /// Whether the content holds doubled quotes that stand for one quote each.
        package var hasEscapedQuotes: Bool
    }

    private let buffer: UnsafeBufferPointer<UInt8>
    private var position: Int
    /// The 1-based line on which the current record starts.
    package private(set) var line: Int
    private var nextLine: Int
    /// The current record's fields.
    package private(set) var fields: [Field] = []
    /// The current record's syntax error, if it has one; its fields are then incomplete.
    package private(set) var error: String?

    /// A scanner over `buffer`, whose first byte is at line `firstLine` and starts a record.
    package init(_ buffer: UnsafeBufferPointer<UInt8>, firstLine: Int = 1, skipByteOrderMark: Bool = true) {
        self.buffer = buffer
        var start = 0
        if skipByteOrderMark, buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { start = 3 }
        position = start
        line = firstLine
        nextLine = firstLine
        fields.reserveCapacity(16)
    }

    private static let comma = UInt8(ascii: ",")
    private static let quote = UInt8(ascii: "\"")
    private static let newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    /// Moves to the next record; returns `false` at the end of the buffer.
    package mutating func next() -> Bool {
        fields.removeAll(keepingCapacity: true)
        error = nil
        // Skip empty lines (LF or CRLF alone).
        while position < buffer.count {
            if buffer[position] == Self.newline {
                position += 1
                nextLine += 1
            } else if buffer[position] == Self.carriageReturn, position + 1 < buffer.count,
                buffer[position + 1] == Self.newline
            {
                position += 2
                nextLine += 1
            } else {
                break
            }
        }
        guard position < buffer.count else { return false }
        line = nextLine
        while true {
            let fieldEnd = scanField()
            guard error == nil else {
                skipToRecordEnd()
                return true
            }
            if fieldEnd == .endOfRecord { return true }
        }
    }

    /// The offset where the next record, or the empty lines before it, start.
    package var offset: Int { position }

    /// The line on which a record starting at ``offset`` starts.
    package var nextRecordLine: Int { nextLine }

    /// Moves past the record at ``offset`` without scanning it.
    ///
    /// The record is a plain one, one line long, that ends just before `end` (see ``PlainCSVLine``). The
    /// scanner's fields are then empty.
    package mutating func skipPlainRecord(to end: Int) {
        precondition(end > position && end <= buffer.count, "a plain record ends after it starts")
        fields.removeAll(keepingCapacity: true)
        error = nil
        line = nextLine
        nextLine += 1
        position = end
    }

    private enum FieldEnd { case comma, endOfRecord }

    /// Scans one field starting at `position`; leaves `position` after its separator.
    private mutating func scanField() -> FieldEnd {
        let count = buffer.count
        if position < count, buffer[position] == Self.quote {
            let contentStart = position + 1
            var cursor = contentStart
            var escaped = false
            while true {
                guard cursor < count else {
                    error = "a quoted field (column \(fields.count + 1)) is never closed"
                    position = count
                    return .endOfRecord
                }
                let byte = buffer[cursor]
                if byte == Self.quote {
                    if cursor + 1 < count, buffer[cursor + 1] == Self.quote {
                        escaped = true
                        cursor += 2
                        continue
                    }
                    break
                }
                if byte == Self.newline { nextLine += 1 }
                cursor += 1
            }
            fields.append(Field(start: contentStart, end: cursor, hasEscapedQuotes: escaped))
            position = cursor + 1
            return separator(afterQuotedField: true)
        }
        let start = position
        while position < count {
            let byte = buffer[position]
            if byte == Self.comma || byte == Self.newline { break }
            if byte == Self.carriageReturn, position + 1 < count, buffer[position + 1] == Self.newline { break }
            if byte == Self.quote {
                error =
                    "a quote inside an unquoted field (column \(fields.count + 1)); quote the whole field and double the quote"
                return .endOfRecord
            }
            position += 1
        }
        fields.append(Field(start: start, end: position, hasEscapedQuotes: false))
        return separator(afterQuotedField: false)
    }

    /// Consumes the separator at `position`: a comma, a line end, or the end of the buffer.
    private mutating func separator(afterQuotedField: Bool) -> FieldEnd {
        let count = buffer.count
        guard position < count else { return .endOfRecord }
        switch buffer[position] {
        case Self.comma:
            position += 1
            if position >= count || buffer[position] == Self.newline
                || (buffer[position] == Self.carriageReturn && position + 1 < count
                    && buffer[position + 1] == Self.newline)
            {
                // A trailing comma: one more, empty field.
                fields.append(Field(start: position, end: position, hasEscapedQuotes: false))
                consumeLineEnd()
                return .endOfRecord
            }
            return .comma
        case Self.newline,
            Self.carriageReturn where position + 1 < count && buffer[position + 1] == Self.newline:
            consumeLineEnd()
            return .endOfRecord
        default:
            error =
                afterQuotedField
                ? "text after the closing quote of column \(fields.count)"
                : "unexpected byte in column \(fields.count + 1)"
            return .endOfRecord
        }
    }

    private mutating func consumeLineEnd() {
        guard position < buffer.count else { return }
        if buffer[position] == Self.carriageReturn { position += 1 }
        if position < buffer.count, buffer[position] == Self.newline {
            position += 1
            nextLine += 1
        }
    }

    /// After an error: skip to the end of the current physical line.
    private mutating func skipToRecordEnd() {
        while position < buffer.count, buffer[position] != Self.newline { position += 1 }
        if position < buffer.count {
            position += 1
            nextLine += 1
        }
    }

    /// The bytes of a field, with doubled quotes made single.
    package func withValue<Result>(
        of field: Field,
        _ body: (UnsafeBufferPointer<UInt8>) throws -> Result
    ) rethrows -> Result {
        let slice = UnsafeBufferPointer(rebasing: buffer[field.start..<field.end])
        guard field.hasEscapedQuotes else { return try body(slice) }
        var unescaped: [UInt8] = []
        unescaped.reserveCapacity(slice.count)
        var index = 0
        while index < slice.count {
            unescaped.append(slice[index])
            index += slice[index] == Self.quote ? 2 : 1
        }
        return try unescaped.withUnsafeBufferPointer { try body($0) }
    }

    /// The field as text, or `nil` when it is not valid UTF-8.
    package func string(_ field: Field) -> String? {
        withValue(of: field) { bytes in
            // Nearly every field is ASCII, which is valid UTF-8 as it is; only other text needs checking.
            var ascii = true
            for byte in bytes where byte >= 0x80 {
                ascii = false
                break
            }
            return ascii ? String(decoding: bytes, as: UTF8.self) : String(validating: bytes, as: UTF8.self)
        }
    }
}

/// Finds where complete CSV records end in a block of bytes, so that blocks can be read in any size and
/// their records parsed in parallel.
///
/// It follows the grammar of ``CSVScanner`` exactly, so that a block always ends where the scanner would
/// end a record: a quote opens a quoted field only at the start of a field, `""` inside one is a quote,
/// and a record with a syntax error (a quote inside an unquoted field, text after a closing quote) ends
/// at the end of its line, whatever quotes follow on it.
package enum CSVRecordBoundary: Sendable {
    /// The offset just past the last line end in `bytes` that ends a record, and the number of line ends
    /// before it; `nil` when no record ends in `bytes`.
    ///
    /// `bytes` must start at the start of a record. Outside quoted fields only quotes and line ends
    /// matter, so bytes without quotes are taken eight at a time, their line feeds counted at once.
    package static func lastRecordEnd(in bytes: UnsafeBufferPointer<UInt8>) -> (offset: Int, lines: Int)? {
        let quote = UInt8(ascii: "\"")
        let comma = UInt8(ascii: ",")
        let newline = UInt8(ascii: "\n")
        let carriageReturn = UInt8(ascii: "\r")
        let count = bytes.count
        var lines = 0
        var result: (Int, Int)?
        var index = 0
        /// Moves `index` to the line end that ends a record with a syntax error (or to the end).
        func skipToLineEnd() {
            while index < count, bytes[index] != newline { index += 1 }
        }
        while index < count {
            if let (next, newlines, last) = plainWord(in: bytes, at: index) {
                if newlines > 0 {
                    lines += newlines
                    result = (last + 1, lines)
                }
                index = next
                continue
            }
            let byte = bytes[index]
            if byte == newline {
                lines += 1
                result = (index + 1, lines)
                index += 1
                continue
            }
            guard byte == quote else {
                index += 1
                continue
            }
            // A quote opens a quoted field only at the start of a field; elsewhere it is an error.
            guard index == 0 || bytes[index - 1] == comma || bytes[index - 1] == newline else {
                skipToLineEnd()
                continue
            }
            index += 1
            while true {
                guard index < count else { return result }  // a quoted field still open
                if bytes[index] == quote {
                    guard index + 1 < count, bytes[index + 1] == quote else { break }
                    index += 2  // a doubled quote
                    continue
                }
                if bytes[index] == newline { lines += 1 }
                index += 1
            }
            index += 1  // past the closing quote
            // After it: a comma, the line end (CR LF or LF), or an error that ends with the line.
            guard index < count else { break }
            let next = bytes[index]
            if next == comma {
                index += 1
            } else if next == carriageReturn, index + 1 < count, bytes[index + 1] == newline {
                index += 1
            } else if next != newline {
                skipToLineEnd()
            }
        }
        return result
    }
}

extension CSVRecordBoundary {
    /// The eight bytes at `index` when none of them is a quote: the offset after them, how many line feeds
    /// they hold and the offset of the last one; `nil` when fewer than eight bytes are left or one is a
    /// quote, for the caller to look at byte by byte.
    @inline(__always)
    private static func plainWord(
        in bytes: UnsafeBufferPointer<UInt8>,
        at index: Int
    ) -> (next: Int, newlines: Int, last: Int)? {
        guard index + 8 <= bytes.count, let base = bytes.baseAddress else { return nil }
        let word = ByteWords.word(UnsafeRawPointer(base), at: index)
        guard ByteWords.bytes(word, equalTo: ByteWords.repeated(UInt8(ascii: "\""))) == 0 else { return nil }
        let newlines = ByteWords.bytes(word, equalTo: ByteWords.repeated(UInt8(ascii: "\n")))
        return (index + 8, ByteWords.markedCount(newlines), index + (63 - newlines.leadingZeroBitCount) / 8)
    }
}

/// A scanner reads a buffer it does not own; it stays on the thread that holds the buffer.
@available(*, unavailable)
extension CSVScanner: Sendable {}
