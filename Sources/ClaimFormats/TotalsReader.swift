public import CapitationCore

/// Reads cases of pre-aggregated results (`capitation settle --totals`).
///
/// Columns: `case_id`, `people`, `budget`, `expenditure` (euros, at most two decimals), and optionally
/// `person_years`, `quality_score` (0 to 1), `quality_gate_passed` (`yes`/`no`) and per regime
/// `budget_zvw`, `expenditure_zvw`, `budget_wmo`, `expenditure_wmo`, `budget_wlz`, `expenditure_wlz`.
/// A regime's amounts come in pairs; when they are given, `budget` and `expenditure` may be left empty
/// and are then their sums. Every row must read: a problem is an error of the whole file.
public enum TotalsReader: Sendable {
    /// The required columns.
    public static let columns = ["case_id", "people", "budget", "expenditure"]
    /// The optional columns.
    public static let optionalColumns =
        ["person_years", "quality_score", "quality_gate_passed"]
        + Regime.allCases.flatMap { ["budget_\($0.rawValue.lowercased())", "expenditure_\($0.rawValue.lowercased())"] }

    /// The cases in `bytes`.
    ///
    /// - Throws: ``InputError`` listing each problem with its line and column name.
    public static func read(_ bytes: [UInt8], path: String) throws(InputError) -> [TotalsCase] {
        var problems = ProblemCollector(path: path)
        var cases: [TotalsCase] = []
        var seen: [String: Int] = [:]
        bytes.withUnsafeBufferPointer { buffer in
            var scanner = CSVScanner(buffer)
            guard scanner.next() else {
                problems.add(line: nil, "the file is empty; expected the header \(columns.joined(separator: ","))")
                return
            }
            let header: CSVHeader
            switch CSVHeader.match(scanner, expected: columns, optional: optionalColumns) {
            case .success(let matched): header = matched
            case .failure(let error):
                for problem in error.problems { problems.add(line: scanner.line, "header: \(problem)") }
                return
            }
            for regime in Regime.allCases {
                let (budget, expenditure) = regimeColumns(header, regime)
                if (budget == nil) != (expenditure == nil) {
                    let name = regime.rawValue.lowercased()
                    problems.add(
                        line: scanner.line,
                        "header: the \(regime) needs both budget_\(name) and expenditure_\(name), or neither"
                    )
                }
            }
            guard problems.error == nil else { return }
            while scanner.nextRecord(shapedLike: header, &problems) {
                var issues: [String] = []
                var ignored: [String] = []
                if let id = scanner.optional(header.positions[0], "case_id", &ignored) {
                    if let first = seen[id] {
                        issues.append("column case_id: '\(id.abbreviatedForMessage)' is also on line \(first)")
                    } else {
                        seen[id] = scanner.line
                    }
                }
                if let row = read(&scanner, header, &issues), issues.isEmpty { cases.append(row) }
                for issue in issues { problems.add(line: scanner.line, issue) }
            }
        }
        if problems.isEmpty, cases.isEmpty { problems.add(line: nil, "the file has a header but no cases") }
        if let error = problems.error { throw error }
        return cases
    }

    private static func read(_ scanner: inout CSVScanner, _ header: CSVHeader, _ issues: inout [String]) -> TotalsCase?
    {
        let column = header.positions
        let optional = header.optionalPositions
        let id = scanner.required(column[0], "case_id", &issues)
        let peopleText = scanner.required(column[1], "people", &issues)
        let people = peopleText.flatMap { Int($0) }
        if let peopleText, people.map({ $0 < 1 }) ?? true {
            issues.append("column people: '\(peopleText.abbreviatedForMessage)' is not a whole number of at least 1")
        }
        var regimes: [RegimeTotals] = []
        for regime in Regime.allCases {
            let (budgetColumn, expenditureColumn) = regimeColumns(header, regime)
            guard let budgetColumn, let expenditureColumn else { continue }
            let name = regime.rawValue.lowercased()
            let budgetEmpty = scanner.optional(budgetColumn, "budget_\(name)", &issues) == nil
            let expenditureEmpty = scanner.optional(expenditureColumn, "expenditure_\(name)", &issues) == nil
            if budgetEmpty && expenditureEmpty { continue }
            let budget = scanner.cents(budgetColumn, "budget_\(name)", &issues)
            let expenditure = scanner.cents(expenditureColumn, "expenditure_\(name)", &issues)
            if let budget, let expenditure {
                regimes.append(RegimeTotals(regime: regime, budget: budget, expenditure: expenditure))
            }
        }
        let budget = amount(&scanner, column[2], "budget", regimes.map(\.budget), &issues)
        let expenditure = amount(&scanner, column[3], "expenditure", regimes.map(\.expenditure), &issues)
        let personYears = optional[0].flatMap { position -> ExactDecimal? in
            scanner.optional(position, "person_years", &issues) == nil
                ? nil : scanner.decimal(position, "person_years", &issues)
        }
        if let personYears, personYears <= .zero {
            issues.append("column person_years: \(personYears) is not above zero")
        }
        let quality = optional[1].flatMap { position -> ExactDecimal? in
            scanner.optional(position, "quality_score", &issues) == nil
                ? nil : scanner.decimal(position, "quality_score", &issues)
        }
        if let quality, quality < .zero || quality > .one {
            issues.append("column quality_score: \(quality) is not between 0 and 1")
        }
        var gate: Bool?
        if let position = optional[2], let text = scanner.optional(position, "quality_gate_passed", &issues) {
            switch text {
            case "yes": gate = true
            case "no": gate = false
            default: issues.append("column quality_gate_passed: '\(text.abbreviatedForMessage)' is not yes or no")
            }
        }
        guard let id, let people, let budget, let expenditure else { return nil }
        return TotalsCase(
            id: id,
            people: people,
            personYears: personYears,
            budget: budget,
            expenditure: expenditure,
            qualityScore: quality,
            qualityGatePassed: gate,
            regimes: regimes,
            line: scanner.line
        )
    }

    /// A total: as written, or the sum of the regimes' amounts when left empty.
    private static func amount(
        _ scanner: inout CSVScanner,
        _ position: Int,
        _ column: String,
        _ parts: [Cents],
        _ issues: inout [String]
    ) -> Cents? {
        if scanner.optional(position, column, &issues) == nil {
            guard !parts.isEmpty else {
                issues.append("column \(column) is empty, and no regime's amounts are given")
                return nil
            }
            do { return try parts.sum() } catch {
                issues.append("column \(column): the regimes' amounts do not fit: \(error)")
                return nil
            }
        }
        return scanner.cents(position, column, &issues)
    }

    private static func regimeColumns(_ header: CSVHeader, _ regime: Regime) -> (Int?, Int?) {
        guard let index = Regime.allCases.firstIndex(of: regime) else { return (nil, nil) }
        return (header.optionalPositions[3 + 2 * index], header.optionalPositions[4 + 2 * index])
    }
}
