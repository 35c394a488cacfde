import CapitationCore

/// How reports write amounts and numbers for people: `€ 1,234.56`, `4,812`.
enum ReportFormat {
    /// `€ 1,234.56`, `-€ 0.01`.
    static func euros(_ amount: Cents) -> String {
        ReportLocale.standard.euros(amount)
    }

    /// The amount without its sign: `€ 0.01` for −0.01.
    static func eurosMagnitude(_ amount: Cents) -> String {
        ReportLocale.standard.euros(amount.isNegative ? Cents(0 &- amount.rawValue) : amount)
    }

    /// A decimal with exactly `digits` fraction digits (padded with zeros; never rounded, so `value` must
    /// have at most that many): `14.4` → `14.40`.
    static func fixed(_ value: ExactDecimal, digits: Int) -> String {
        var text = value.description
        let fraction = text.firstIndex(of: ".").map { text.distance(from: $0, to: text.endIndex) - 1 } ?? -1
        if fraction < 0 { text += digits > 0 ? "." : "" }
        return text + String(repeating: "0", count: max(0, digits - max(fraction, 0)))
    }

    /// `12,345`.
    static func count(_ value: Int) -> String {
        ReportLocale.standard.count(value)
    }

    /// A rate as a percentage with its exact digits: `0.023540` → `2.354 %`.
    static func rateAsPercent(_ rate: ExactDecimal) -> String {
        percentNumber(rate) + " %"
    }

    /// A rate as a number of percent, by moving the decimal point: `0.023540` → `2.354`.
    static func percentNumber(_ rate: ExactDecimal) -> String {
        guard rate.scale < 2 else { return "\(ExactDecimal(significand: rate.significand, scale: rate.scale - 2))" }
        let factor: Int128 = rate.scale == 1 ? 10 : 100
        let (percent, overflow) = rate.significand.multipliedReportingOverflow(by: factor)
        return overflow ? "\(rate) × 100" : "\(percent)"
    }

    /// A Markdown table.
    static func table(_ header: [String], _ rows: [[String]], rightAligned: Set<Int> = []) -> String {
        let escape: (String) -> String = { $0.replacing("|", with: "\\|") }
        var lines = ["| " + header.map(escape).joined(separator: " | ") + " |"]
        lines.append("|" + header.indices.map { rightAligned.contains($0) ? "---:|" : "---|" }.joined())
        lines += rows.map { "| " + $0.map(escape).joined(separator: " | ") + " |" }
        return lines.joined(separator: "\n")
    }
}
