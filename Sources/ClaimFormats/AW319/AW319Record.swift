import CapitationCore

/// One AW319 record: its bytes without the line end, read by character positions.
///
/// Records are counted in characters. Most are ASCII, where a character is a byte; a record with other
/// bytes is read as UTF-8 when it is valid UTF-8 and as ISO 8859-1 otherwise, and its fields are found by
/// character offsets.
package struct AW319Record {
    package let bytes: UnsafeBufferPointer<UInt8>
    /// The record's number: its line in the file.
    package let number: Int
    /// The number of characters.
    package let length: Int
    /// For a record that is not ASCII: the byte offset of each character, and one past the last.
    private let characterOffsets: [Int]?
    private let isLatin1: Bool
    /// Whether every byte is printable ASCII, so that each field's text is its bytes without padding.
    package let isPrintableASCII: Bool

    package init(_ bytes: UnsafeBufferPointer<UInt8>, number: Int) {
        self.bytes = bytes
        self.number = number
        var ascii = true
        var printable = true
        for byte in bytes {
            if byte >= 0x80 {
                ascii = false
                break
            }
            if byte < 0x20 || byte == 0x7F { printable = false }
        }
        isPrintableASCII = ascii && printable
        if ascii {
            length = bytes.count
            characterOffsets = nil
            isLatin1 = false
        } else if let offsets = Self.utf8Offsets(bytes) {
            length = offsets.count - 1
            characterOffsets = offsets
            isLatin1 = false
        } else {
            length = bytes.count
            characterOffsets = nil
            isLatin1 = true
        }
    }

    /// The record kind, from its first two bytes; `nil` for any other.
    package var kind: AW319RecordKind? {
        guard bytes.count >= 2 else { return nil }
        switch (bytes[0], bytes[1]) {
        case (UInt8(ascii: "0"), UInt8(ascii: "1")): return .header
        case (UInt8(ascii: "0"), UInt8(ascii: "2")): return .insured
        case (UInt8(ascii: "0"), UInt8(ascii: "4")): return .claim
        case (UInt8(ascii: "9"), UInt8(ascii: "8")): return .comment
        case (UInt8(ascii: "9"), UInt8(ascii: "9")): return .trailer
        default: return nil
        }
    }

    /// The record kind's two characters (for messages).
    package var kindCode: String {
        String(decoding: bytes.prefix(2), as: UTF8.self)
    }

    /// The bytes of `field`, or `nil` when the record is too short to hold it.
    package func raw(_ field: AW319Field) -> UnsafeBufferPointer<UInt8>? {
        guard let range = byteRange(field) else { return nil }
        return UnsafeBufferPointer(rebasing: bytes[range])
    }

    /// The byte range of `field`, or `nil` when the record is too short to hold it.
    package func byteRange(_ field: AW319Field) -> Range<Int>? {
        let characters = field.offsets
        guard characters.upperBound <= length else { return nil }
        guard let offsets = characterOffsets else { return characters }
        return offsets[characters.lowerBound]..<offsets[characters.upperBound]
    }

    /// The text of `field` without its padding spaces, control characters written visibly (`\u{1B}`);
    /// empty when the record is too short.
    package func text(_ field: AW319Field) -> String {
        guard let raw = raw(field) else { return "" }
        var end = raw.count
        while end > 0, raw[end - 1] == UInt8(ascii: " ") { end -= 1 }
        var start = 0
        while start < end, raw[start] == UInt8(ascii: " ") { start += 1 }
        let trimmed = UnsafeBufferPointer(rebasing: raw[start..<end])
        if isLatin1 {
            var text = ""
            text.unicodeScalars.append(contentsOf: trimmed.map { Unicode.Scalar($0) })
            return text.visiblyEscapingControlCharacters
        }
        return String(decoding: trimmed, as: UTF8.self).visiblyEscapingControlCharacters
    }

    /// The bytes of `field` without its padding spaces, for a record of printable ASCII only (where they
    /// are its ``text(_:)``); `nil` otherwise.
    package func plainText(_ field: AW319Field) -> UnsafeRawBufferPointer? {
        guard isPrintableASCII, let raw = raw(field) else { return nil }
        var end = raw.count
        while end > 0, raw[end - 1] == UInt8(ascii: " ") { end -= 1 }
        var start = 0
        while start < end, raw[start] == UInt8(ascii: " ") { start += 1 }
        return UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: raw[start..<end]))
    }

    /// The number in a numeric field, or `nil` when it holds anything but digits.
    func number(_ field: AW319Field) -> Int64? {
        guard let raw = raw(field), !raw.isEmpty else { return nil }
        var value: Int64 = 0
        for byte in raw {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// Every problem with the shape of the record: its length, digits in numeric fields, real dates,
    /// mandatory text present, spaces in reserved fields.
    func shapeProblems(_ fields: [AW319Field]) -> [String] {
        guard length == AW319Layout.recordLength else {
            return [
                "the record is \(length) characters long; every AW319 record is \(AW319Layout.recordLength)"
            ]
        }
        var problems: [String] = []
        for field in fields {
            guard let raw = raw(field) else { continue }
            switch field.kind {
            case .numeric:
                if !raw.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
                    problems.append("\(field.label) must be digits\(shown(field))")
                }
            case .date:
                if date(field) == nil {
                    problems.append("\(field.label) is not a date in the form EEJJMMDD\(shown(field))")
                }
            case .alphanumeric:
                if field.presence == .mandatory, raw.allSatisfy({ $0 == UInt8(ascii: " ") }) {
                    problems.append("\(field.label) is mandatory but empty")
                }
            case .reserve:
                if !raw.allSatisfy({ $0 == UInt8(ascii: " ") }) {
                    problems.append("\(field.label) is reserved and must be spaces; the fields may be shifted")
                }
            }
        }
        return problems
    }

    /// The date in a date field, or `nil` when it is not a day of the calendar.
    func date(_ field: AW319Field) -> CalendarDate? {
        guard let value = number(field), raw(field)?.count == 8 else { return nil }
        return CalendarDate(year: Int(value / 10_000), month: Int(value / 100 % 100), day: Int(value % 100))
    }

    /// `: 'value'` for a message, or nothing for a field with personal data.
    func shown(_ field: AW319Field) -> String {
        field.isPersonal ? "" : ": '\(text(field))'"
    }

    private static func utf8Offsets(_ bytes: UnsafeBufferPointer<UInt8>) -> [Int]? {
        var offsets: [Int] = []
        offsets.reserveCapacity(bytes.count + 1)
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offsets.append(offset)
                offset += UTF8.width(scalar)
            case .emptyInput:
                offsets.append(offset)
                return offsets
            case .error:
                return nil
            }
        }
    }
}

/// A record reads a buffer it does not own; it stays on the thread that holds the buffer.
@available(*, unavailable)
extension AW319Record: Sendable {}
