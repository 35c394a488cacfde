/// How reports write amounts and numbers for people: `€ 1,234.56`, `4,812`.
enum ReportFormat {
    /// `€ 1,234.56`, `-€ 0.01`.
    static func euros(_ amount: Cents) -> String {
        let magnitude = amount.rawValue.magnitude
        let cents = magnitude % 100
        return (amount.isNegative ? "-" : "") + "€ " + grouped(magnitude / 100) + "." + (cents < 10 ? "0" : "")
            + String(cents)
    }

    /// `12,345`.
    static func count(_ value: Int) -> String {
        (value < 0 ? "-" : "") + grouped(UInt64(value.magnitude))
    }

    /// A rate as a percentage with its exact digits: `0.023540` → `2.354 %`.
    static func rateAsPercent(_ rate: ExactDecimal) -> String {
        let percent = (try? rate * ExactDecimal(100)) ?? rate
        return "\(percent) %"
    }

    private static func grouped(_ value: UInt64) -> String {
        let digits = Array(String(value))
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result += "," }
            result.append(digit)
        }
        return result
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
