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
        let (ascii, printable) = Self.classify(bytes)
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

    /// Whether every byte is ASCII, and whether every byte is printable ASCII (0x20–0x7E), eight bytes at a
    /// time.
    private static func classify(_ bytes: UnsafeBufferPointer<UInt8>) -> (ascii: Bool, printable: Bool) {
        var printable = true
        var index = 0
        if let base = bytes.baseAddress {
            while index + 8 <= bytes.count {
                let word = ByteWords.word(UnsafeRawPointer(base), at: index)
                if word & 0x8080_8080_8080_8080 != 0 { return (false, false) }
                if ByteWords.outsidePrintable(word) != 0 { printable = false }
                index += 8
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= 0x80 { return (false, false) }
            if byte < 0x20 || byte == 0x7F { printable = false }
            index += 1
        }
        return (true, printable)
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

    /// Every problem with the shape of a record of `kind`; see ``shapeProblems(_:)``.
    ///
    /// A record of printable ASCII without any is found so without a message being made.
    func shapeProblems(of kind: AW319RecordKind) -> [String] {
        if hasShape(AW319Layout.checks(of: kind)) { return [] }
        return shapeProblems(AW319Layout.fields(of: kind))
    }

    /// Whether the record is of printable ASCII and ``shapeProblems(_:)`` finds nothing wrong with it
    /// (given the fields as `checks`).
    func hasShape(_ checks: [AW319Layout.ShapeCheck]) -> Bool {
        guard isPrintableASCII, length == AW319Layout.recordLength else { return false }
        let space = UInt8(ascii: " ")
        for check in checks {
            let raw = UnsafeBufferPointer(rebasing: bytes[check.offsets])
            switch check.kind {
            case .numeric:
                for byte in raw where byte &- UInt8(ascii: "0") >= 10 { return false }
            case .date:
                guard raw.count == 8, Self.date(eightDigits: raw) != nil else { return false }
            case .alphanumeric:
                if check.isMandatory, !raw.contains(where: { $0 != space }) { return false }
            case .reserve:
                if raw.contains(where: { $0 != space }) { return false }
            }
        }
        return true
    }

    /// The date written `EEJJMMDD` in `bytes`, or `nil` when they are not eight digits naming a day.
    static func date(eightDigits bytes: UnsafeBufferPointer<UInt8>) -> CalendarDate? {
        var value = 0
        for byte in bytes {
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return CalendarDate(year: value / 10_000, month: value / 100 % 100, day: value % 100)
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
        guard let raw = raw(field), raw.count == 8 else { return nil }
        return Self.date(eightDigits: raw)
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
