import CapitationCore

/// The columns of a CSV file, matched by name against what its format expects.
///
/// The header must name every expected column exactly once, optional columns at most once, and nothing
/// else; the order is free.
package struct CSVHeader: Sendable {
    /// The position of each expected column in the file's records, in the order they were expected.
    package let positions: [Int]
    /// The position of each optional column, in the order they were given; `nil` when absent.
    package let optionalPositions: [Int?]
    /// The number of columns in the file.
    package let count: Int

    /// Matches the current record of `scanner` (the header line) against `expected` column names.
    ///
    /// - Returns: The header, or the problems found, each a message naming the column.
    package static func match(
        _ scanner: borrowing CSVScanner,
        expected: [String],
        optional: [String] = []
    ) -> Result<CSVHeader, HeaderError> {
        if let error = scanner.error {
            return .failure(HeaderError(problems: ["the header line is not valid CSV: \(error)"]))
        }
        if let first = scanner.fields.first,
            scanner.withValue(of: first, { $0.starts(with: [0xFF, 0xFE]) || $0.starts(with: [0xFE, 0xFF]) })
        {
            return .failure(
                HeaderError(problems: [
                    "the file is UTF-16 text (it starts with a UTF-16 byte order mark); save it as UTF-8"
                ])
            )
        }
        let names = scanner.fields.map { scanner.string($0)?.trimmingSpaces() ?? "" }
        for (separator, name) in [(";", "semicolons (;)"), ("\t", "tabs")] {
            let split = names.flatMap { $0.split(separator: Character(separator)).map { String($0).trimmingSpaces() } }
            guard names.contains(where: { $0.contains(separator) }), split.contains(where: expected.contains) else {
                continue
            }
            return .failure(
                HeaderError(problems: [
                    "the columns are separated by \(name), as some spreadsheet programs export them; the file "
                        + "must separate them with commas (,) and write numbers with a decimal point (1234.50): "
                        + "export it as CSV with commas, or replace the separators"
                ])
            )
        }
        if !names.contains(where: expected.contains) {
            let line = names.joined(separator: ",")
            return .failure(
                HeaderError(problems: [
                    "the first line ('\(line.abbreviatedForMessage)') names none of the columns \(expected.joined(separator: ","))"
                ])
            )
        }
        var problems: [String] = []
        var positions: [Int] = []
        for column in expected {
            let found = names.indices.filter { names[$0] == column }
            switch found.count {
            case 0:
                let hint =
                    names.first { $0.lowercased() == column.lowercased() }.map {
                        " (found '\($0)'; names are case-sensitive)"
                    } ?? ""
                problems.append("column \(column) is missing\(hint)")
            case 1:
                positions.append(found[0])
            default:
                problems.append("column \(column) appears \(found.count) times")
            }
        }
        var optionalPositions: [Int?] = []
        for column in optional {
            let found = names.indices.filter { names[$0] == column }
            if found.count > 1 { problems.append("column \(column) appears \(found.count) times") }
            optionalPositions.append(found.first)
        }
        let known = expected + optional
        for name in names where !known.contains(name) {
            problems.append(
                name.isEmpty
                    ? "a column has no name" : "column \(name) is not one of \(known.joined(separator: ","))"
            )
        }
        guard problems.isEmpty else { return .failure(HeaderError(problems: problems)) }
        return .success(CSVHeader(positions: positions, optionalPositions: optionalPositions, count: names.count))
    }

    /// What is wrong with a header.
    package struct HeaderError: Error, Sendable {
        package var problems: [String]
    }
}

extension String {
    /// The text without leading and trailing spaces.
    func trimmingSpaces() -> String {
        guard let first = firstIndex(where: { $0 != " " }), let last = lastIndex(where: { $0 != " " }) else {
            return ""
        }
        return String(self[first...last])
    }
}

/// The expected columns of the project's CSV formats (DESIGN §5).
public enum CSVColumns: Sendable {
    /// `population.csv`.
    public static let roster = [
        "member_id", "birth_date", "sex", "postcode", "municipality", "insurer", "enrolled_from", "enrolled_to",
        "death_date", "markers",
    ]
    /// Claims in the project's CSV.
    public static let claims = [
        "claim_id", "member_id", "regime", "payer", "provider", "category", "product", "start_date", "end_date",
        "amount",
        "debit_credit", "corrects",
    ]
    /// The optional columns of claims in the project's CSV: the day the financier received the line.
    public static let claimsOptional = ["received_date"]
    /// A financier's answers to claim lines; `reason` is optional.
    public static let answers = ["claim_id", "provider", "debit_credit", "approved_amount", "reason_codes"]
    /// Indicator events.
    public static let events = ["member_id", "indicator", "date"]
    /// Measured indicator values.
    public static let measures = ["indicator", "value", "respondents"]
}
