/// Text that is not an ISO calendar date.
public struct DateSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The refused text.
    public var text: String
    /// Whether the text had the right shape but named a day that does not exist (2026-02-29).
    public var isNonexistentDay: Bool

    public var description: String {
        let text = text.abbreviated()
        if isNonexistentDay { return "'\(text)' is not a day of the calendar" }
        if let yearFirst = dayFirstReading {
            return "'\(text)' is written day first; dates are written year first, YYYY-MM-DD, as in \(yearFirst)"
        }
        return "'\(text)' is not a date in the form YYYY-MM-DD"
    }

    /// The date written year first, when the text is one written day first (`31-12-2026`, `31/12/2026`,
    /// `1-2-2026`); `nil` otherwise.
    var dayFirstReading: String? {
        for separator in ["-", "/", "."] {
            let parts = text.split(separator: Character(separator), omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 4,
                parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } })
            else { continue }
            func padded(_ part: Substring) -> String { part.count == 1 ? "0" + part : String(part) }
            let candidate = "\(parts[2])-\(padded(parts[1]))-\(padded(parts[0]))"
            return (try? CalendarDate(parsing: candidate)) != nil ? candidate : nil
        }
        return nil
    }
}

extension CalendarDate {
    /// Parses an ISO 8601 calendar date, `YYYY-MM-DD`, exactly ten characters.
    ///
    /// - Throws: ``DateSyntaxError`` for any other form or a day that does not exist.
    public init(parsing text: some StringProtocol) throws(DateSyntaxError) {
        try self.init(utf8: text.utf8)
    }

    /// Parses an ISO date from UTF-8 bytes; see ``init(parsing:)``.
    public init<Bytes: Collection<UInt8>>(utf8 bytes: Bytes) throws(DateSyntaxError) {
        try self.init(scanning: bytes)
    }

    /// Parses an ISO date from bytes in memory; see ``init(parsing:)``.
    ///
    /// The same as the generic form, compiled
    /// for the buffers that file readers hold.
    package init(utf8 bytes: UnsafeBufferPointer<UInt8>) throws(DateSyntaxError) {
        if bytes.count == 10, let date = Self.plainDate(bytes) {
            self = date
        } else {
            try self.init(scanning: bytes)
        }
    }

    /// The date of ten bytes `YYYY-MM-DD` that name a day of the calendar, read digit by digit without a
    /// loop; `nil` otherwise, for the general scanner to say why.
    @inline(__always)
    private static func plainDate(_ bytes: UnsafeBufferPointer<UInt8>) -> CalendarDate? {
        func digit(_ index: Int) -> Int? {
            let digit = bytes[index] &- UInt8(ascii: "0")
            return digit < 10 ? Int(digit) : nil
        }
        guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3),
            let m0 = digit(5), let m1 = digit(6), let d0 = digit(8), let d1 = digit(9)
        else { return nil }
        return CalendarDate(year: y0 * 1000 + y1 * 100 + y2 * 10 + y3, month: m0 * 10 + m1, day: d0 * 10 + d1)
    }

    private init<Bytes: Collection<UInt8>>(scanning bytes: Bytes) throws(DateSyntaxError) {
        func failure(nonexistent: Bool = false) -> DateSyntaxError {
            DateSyntaxError(text: String(decoding: bytes, as: UTF8.self), isNonexistentDay: nonexistent)
        }
        guard bytes.count == 10 else { throw failure() }
        var year = 0
        var month = 0
        var day = 0
        var position = 0
        for byte in bytes {
            if position == 4 || position == 7 {
                guard byte == UInt8(ascii: "-") else { throw failure() }
            } else {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { throw failure() }
                let digit = Int(byte - UInt8(ascii: "0"))
                switch position {
                case 0..<4: year = year * 10 + digit
                case 5..<7: month = month * 10 + digit
                default: day = day * 10 + digit
                }
            }
            position += 1
        }
        guard let date = CalendarDate(year: year, month: month, day: day) else {
            throw failure(nonexistent: true)
        }
        self = date
    }
}
