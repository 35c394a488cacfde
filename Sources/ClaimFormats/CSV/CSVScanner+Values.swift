import CapitationCore

extension CSVScanner {
    /// The longest text value read, in bytes: identifiers, codes and references are short, and a longer
    /// value is a broken line, refused instead of carried into every output.
    static let maximumTextBytes = 1_024

    /// The text of field `position` of the current record; a problem when it is missing or not UTF-8, or
    /// longer than ``maximumTextBytes``.
    func text(_ position: Int, _ column: String, _ problems: inout [String]) -> String? {
        guard position < fields.count else {
            problems.append("column \(column) is missing from this line")
            return nil
        }
        let length = fields[position].end - fields[position].start
        guard length <= Self.maximumTextBytes else {
            problems.append(
                "column \(column) is \(length) bytes long; a value may have at most \(Self.maximumTextBytes)"
            )
            return nil
        }
        guard let text = string(fields[position]) else {
            problems.append(
                "column \(column) is not valid UTF-8 text (is the file in ISO 8859-1 or Windows-1252? save it as UTF-8)"
            )
            return nil
        }
        // Printable ASCII, nearly every value, holds no control character.
        if !text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }),
            let control = text.unicodeScalars.first(where: { $0.value < 0x20 || ($0.value >= 0x7F && $0.value < 0xA0) })
        {
            // No code, reference or name holds one; it would reach the reports raw.
            problems.append(
                "column \(column) holds the control character \(String(control).visiblyEscapingControlCharacters)"
            )
            return nil
        }
        return text
    }

    /// The text, which must not be empty.
    func required(_ position: Int, _ column: String, _ problems: inout [String]) -> String? {
        guard let text = text(position, column, &problems) else { return nil }
        guard !text.isEmpty else {
            problems.append("column \(column) is empty")
            return nil
        }
        return text
    }

    /// The text, or `nil` when empty.
    func optional(_ position: Int, _ column: String, _ problems: inout [String]) -> String? {
        guard let text = text(position, column, &problems), !text.isEmpty else { return nil }
        return text
    }

    func date(_ position: Int, _ column: String, _ problems: inout [String]) -> CalendarDate? {
        guard position < fields.count else {
            problems.append("column \(column) is missing from this line")
            return nil
        }
        return withValue(of: fields[position]) { bytes in
            do {
                return try CalendarDate(utf8: bytes)
            } catch {
                problems.append(bytes.isEmpty ? "column \(column) is empty" : "column \(column): \(error)")
                return nil
            }
        }
    }

    func optionalDate(_ position: Int, _ column: String, _ problems: inout [String]) -> CalendarDate? {
        guard position < fields.count, fields[position].start != fields[position].end else { return nil }
        return date(position, column, &problems)
    }

    func cents(_ position: Int, _ column: String, _ problems: inout [String]) -> Cents? {
        guard position < fields.count else {
            problems.append("column \(column) is missing from this line")
            return nil
        }
        return withValue(of: fields[position]) { bytes in
            do {
                return try Cents(utf8: bytes)
            } catch {
                problems.append("column \(column): \(error)")
                return nil
            }
        }
    }

    func decimal(_ position: Int, _ column: String, _ problems: inout [String]) -> ExactDecimal? {
        guard position < fields.count else {
            problems.append("column \(column) is missing from this line")
            return nil
        }
        return withValue(of: fields[position]) { bytes in
            do {
                return try ExactDecimal(utf8: bytes)
            } catch {
                problems.append("column \(column): \(error)")
                return nil
            }
        }
    }

    /// A field that must be one of `values`.
    func choice<Value: RawRepresentable & CaseIterable>(
        _ position: Int,
        _ column: String,
        as type: Value.Type,
        _ problems: inout [String]
    ) -> Value? where Value.RawValue == String {
        guard let text = text(position, column, &problems) else { return nil }
        guard let value = Value(rawValue: text) else {
            let allowed = Value.allCases.map(\.rawValue).joined(separator: ", ")
            problems.append("column \(column): '\(text.abbreviatedForMessage)' is not one of \(allowed)")
            return nil
        }
        return value
    }

    /// Checks that the record has exactly the header's number of fields; when it has not, its columns
    /// cannot be told apart and the record is not read further.
    func hasHeaderFieldCount(_ header: CSVHeader, _ problems: inout [String]) -> Bool {
        guard fields.count != header.count else { return true }
        problems.append(
            "the line has \(fields.count) field\(fields.count == 1 ? "" : "s"); the header has \(header.count)"
        )
        return false
    }
}

extension CSVScanner {
    /// Moves to the next record that is valid CSV and has the header's number of fields, reporting each
    /// record it passes over; `false` at the end of the input.
    mutating func nextRecord(shapedLike header: CSVHeader, _ problems: inout ProblemCollector) -> Bool {
        while next() {
            if let error {
                problems.add(line: line, "not valid CSV: \(error)")
                continue
            }
            var issues: [String] = []
            guard hasHeaderFieldCount(header, &issues) else {
                for issue in issues { problems.add(line: line, issue) }
                continue
            }
            return true
        }
        return false
    }
}

extension String {
    /// The text shortened for a message.
    var abbreviatedForMessage: String {
        count > 60 ? prefix(60) + "… (\(count) characters)" : self
    }

    /// Whether the text is a code: four digits.
    var isFourDigitCode: Bool {
        utf8.count == 4 && utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// The parts of the text between the Characters `separator`, as `split(separator:)` makes them.
    ///
    /// ASCII text, nearly all, is split at the separator's byte, which is the same there and spares a
    /// grapheme break test per letter; other text is split at Characters, so that a separator followed by
    /// a combining mark, which is one Character with it, does not split.
    func splitAtCharacter(_ separator: Unicode.Scalar, omittingEmptySubsequences: Bool = true) -> [String] {
        guard separator.isASCII, utf8.allSatisfy({ $0 < 0x80 }) else {
            return split(
                separator: Character(separator),
                omittingEmptySubsequences: omittingEmptySubsequences
            ).map(String.init)
        }
        return utf8.split(separator: UInt8(separator.value), omittingEmptySubsequences: omittingEmptySubsequences)
            .map { String(decoding: $0, as: UTF8.self) }
    }

    /// Whether the text is an identifier: a letter or digit, then letters, digits, `.`, `_` or `-`.
    var isIdentifier: Bool {
        guard let first = utf8.first, Self.isAlphanumeric(first) else { return false }
        return utf8.allSatisfy {
            Self.isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }
}
