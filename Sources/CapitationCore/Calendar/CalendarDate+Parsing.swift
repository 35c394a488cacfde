/// Text that is not an ISO calendar date.
public struct DateSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The refused text.
    public var text: String
    /// Whether the text had the right shape but named a day that does not exist (2026-02-29).
    public var isNonexistentDay: Bool

    public var description: String {
        let text = text.abbreviated()
        return isNonexistentDay
            ? "'\(text)' is not a day of the calendar"
            : "'\(text)' is not a date in the form YYYY-MM-DD"
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
        func failure(nonexistent: Bool = false) -> DateSyntaxError {
            DateSyntaxError(text: String(decoding: bytes, as: UTF8.self), isNonexistentDay: nonexistent)
        }
        guard bytes.count == 10 else { throw failure() }
        var values = [0, 0, 0]
        var field = 0
        var position = 0
        for byte in bytes {
            if position == 4 || position == 7 {
                guard byte == UInt8(ascii: "-") else { throw failure() }
                field += 1
            } else {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { throw failure() }
                values[field] = values[field] * 10 + Int(byte - UInt8(ascii: "0"))
            }
            position += 1
        }
        guard let date = CalendarDate(year: values[0], month: values[1], day: values[2]) else {
            throw failure(nonexistent: true)
        }
        self = date
    }
}
