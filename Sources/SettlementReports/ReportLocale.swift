public import CapitationCore

/// How a report writes amounts, numbers and dates: in the default, international way (`€ 1,234.56`,
/// `2026-12-31`) or the Dutch way (`€ 1.234,56`, `31-12-2026`).
///
/// Only the presentation changes; every figure is the document's, digit for digit.
public enum ReportLocale: String, CaseIterable, Sendable {
    case standard = "en"
    case dutch = "nl"

    private var groupSeparator: String { self == .dutch ? "." : "," }
    private var decimalSeparator: String { self == .dutch ? "," : "." }

    /// `€ 1,234.56` and `-€ 1,234.56`; Dutch `€ 1.234,56` and `€ -1.234,56`.
    public func euros(_ amount: Cents) -> String {
        let magnitude = amount.rawValue.magnitude
        let cents = magnitude % 100
        let digits = grouped(magnitude / 100) + decimalSeparator + (cents < 10 ? "0" : "") + String(cents)
        guard amount.isNegative else { return "€ " + digits }
        return self == .dutch ? "€ -" + digits : "-€ " + digits
    }

    /// A whole number with grouped thousands: `12,345` or `12.345`.
    public func count(_ value: Int) -> String {
        (value < 0 ? "-" : "") + grouped(UInt64(value.magnitude))
    }

    /// An exact decimal with all its digits: `0.095759` or `0,095759`.
    public func decimal(_ value: ExactDecimal) -> String {
        let text = value.description
        return self == .dutch ? text.replacing(".", with: ",") : text
    }

    /// A rate as a percentage with its exact digits: `0.095759` → `9.5759 %` or `9,5759 %`.
    public func rateAsPercent(_ rate: ExactDecimal) -> String {
        let number = ReportFormat.percentNumber(rate)
        return (self == .dutch ? number.replacing(".", with: ",") : number) + " %"
    }

    /// A number of percent: `32.333 %` or `32,333 %`.
    public func percent(_ value: ExactDecimal) -> String {
        decimal(value) + " %"
    }

    /// `a`, `a and b`, `a, b and c`, with `and` (spaces included) in the language of the text.
    static func list(_ items: [String], and: String) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + and + items[items.count - 1]
    }

    /// `2026-12-31` or `31-12-2026`.
    public func date(_ date: CalendarDate) -> String {
        guard self == .dutch else { return date.description }
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(two(date.day))-\(two(date.month))-\(date.year)"
    }

    /// A period from `start` to `end`, both included: `2026-01-01..2026-12-31` or `01-01-2026 t/m 31-12-2026`.
    public func period(_ start: CalendarDate, _ end: CalendarDate) -> String {
        self == .dutch ? "\(date(start)) t/m \(date(end))" : "\(start)..\(end)"
    }

    /// A date or a period as a step records it in text (`2026-12-31`, `2026-01-01..2026-12-31`), in the
    /// locale's way; other text as it is.
    func dateText(_ text: String) -> String {
        guard self == .dutch else { return text }
        if let day = try? CalendarDate(parsing: text) { return date(day) }
        let ends = text.split(separator: "..", omittingEmptySubsequences: false)
        guard ends.count == 2, let start = try? CalendarDate(parsing: ends[0]),
            let end = try? CalendarDate(parsing: ends[1])
        else { return text }
        return period(start, end)
    }

    private func grouped(_ value: UInt64) -> String {
        let digits = Array(String(value))
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result += groupSeparator }
            result.append(digit)
        }
        return result
    }
}
