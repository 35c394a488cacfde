public import CapitationCore

/// One row of a financier's answers: which line it answers and what was decided.
public struct ClaimAnswer: Hashable, Sendable {
    /// The line answered: its reference, provider (as the claim writes it) and side.
    public var key: Key
    /// The approved amount and the reasons.
    public var answer: FinancierAnswer
    /// Where the row is.
    public var source: LineSource

    /// What identifies a claim line to its financier: its reference, its provider and its side (a debit
    /// and a credit have references of their own).
    public struct Key: Hashable, Sendable {
        public var claimID: String
        public var provider: String
        public var side: ClaimLine.Side

        public init(claimID: String, provider: String, side: ClaimLine.Side) {
            self.claimID = claimID
            self.provider = provider
            self.side = side
        }
    }

    public init(key: Key, answer: FinancierAnswer, source: LineSource) {
        self.key = key
        self.answer = answer
        self.source = source
    }
}

/// Reads a financier's answers to claim lines, in any claim format: the adjudication an insurer or care
/// office makes of AW319 or CSV claims, or a municipality of its own CSV.
///
/// Columns `claim_id,provider,debit_credit,approved_amount,reason_codes` and an optional `reason`:
/// the line's reference, provider and side as its claim file writes them; the amount approved of it, in
/// euros (`0.00` refuses the line, less than its amount approves it in part; never more); the financier's
/// reason codes separated by spaces (at least one); and the reason in words. Lines not answered are
/// approved as declared.
///
/// Every row must read: a dropped answer would pay what the financier refused.
public enum AnswersReader: Sendable {
    /// Whether the first line of `prefix` is the header of an answers file.
    public static func isAnswers(_ prefix: some Collection<UInt8>) -> Bool {
        let line = prefix.prefix { $0 != 0x0A && $0 != 0x0D }
        return String(decoding: line, as: UTF8.self).split(separator: ",").contains { field in
            field.filter { $0 != " " && $0 != "\"" } == "approved_amount"
        }
    }

    /// The answers in `bytes`, the file `path` at position `file` among the settlement's inputs.
    ///
    /// - Throws: ``InputError`` listing each problem with its line and column name, and every line answered
    ///   twice.
    public static func read(_ bytes: [UInt8], path: String, file: Int) throws(InputError) -> [ClaimAnswer] {
        var answers: [ClaimAnswer] = []
        var seen: [ClaimAnswer.Key: Int] = [:]
        try read(bytes, path: path) { row in
            if let first = seen.updateValue(row.line, forKey: row.key) { return first }
            answers.append(
                ClaimAnswer(
                    key: row.key,
                    answer: FinancierAnswer(
                        approved: row.approved,
                        codes: row.codes,
                        explanation: explanation(path: path, line: row.line, codes: row.codes, reason: row.reason)
                    ),
                    source: LineSource(file: file, line: row.line)
                )
            )
            return nil
        }
        return answers
    }

    /// One readable row of an answers file.
    package struct Row {
        package var key: ClaimAnswer.Key
        package var approved: Cents
        package var codes: [String]
        package var reason: String?
        package var line: Int
    }

    /// The explanation of an answer on `line` of the file at `path`: where it is, its codes and its reason.
    package static func explanation(path: String, line: Int, codes: [String], reason: String?) -> String {
        "\(path) line \(line): " + codes.joined(separator: " ") + (reason.map { " (\($0))" } ?? "")
    }

    /// Reads the answers in `bytes`, the file `path`, handing each readable row to `take`, which returns the
    /// line of an earlier row of this file that answers the same line, if there is one (the row is then a
    /// problem).
    ///
    /// - Throws: ``InputError`` listing each problem with its line and column name, and every line answered
    ///   twice.
    package static func read(_ bytes: [UInt8], path: String, take: (Row) -> Int?) throws(InputError) {
        var problems = ProblemCollector(path: path)
        bytes.withUnsafeBufferPointer { buffer in
            var scanner = CSVScanner(buffer)
            guard scanner.next() else {
                problems.add(
                    line: nil,
                    "the file is empty; expected the header \(CSVColumns.answers.joined(separator: ","))"
                )
                return
            }
            let header: CSVHeader
            switch CSVHeader.match(scanner, expected: CSVColumns.answers, optional: ["reason"]) {
            case .success(let matched): header = matched
            case .failure(let error):
                for problem in error.problems { problems.add(line: scanner.line, "header: \(problem)") }
                return
            }
            let column = header.positions
            while scanner.nextRecord(shapedLike: header, &problems) {
                var issues: [String] = []
                let claimID = scanner.required(column[0], "claim_id", &issues)
                let provider = scanner.required(column[1], "provider", &issues)
                let side = scanner.choice(column[2], "debit_credit", as: ClaimLine.Side.self, &issues)
                let approved = scanner.cents(column[3], "approved_amount", &issues)
                if let approved, approved.isNegative {
                    issues.append("column approved_amount: \(approved) is negative; approve 0.00 to refuse a line")
                }
                let codes = (scanner.required(column[4], "reason_codes", &issues) ?? "").splitAtCharacter(" ")
                let reason = header.optionalPositions[0].flatMap { scanner.optional($0, "reason", &issues) }
                if issues.isEmpty, let claimID, let provider, let side, let approved {
                    let key = ClaimAnswer.Key(claimID: claimID, provider: provider, side: side)
                    let row = Row(key: key, approved: approved, codes: codes, reason: reason, line: scanner.line)
                    if let first = take(row) {
                        issues.append("line \(claimID) of \(provider) is answered already on line \(first)")
                    }
                }
                for issue in issues { problems.add(line: scanner.line, issue) }
            }
        }
        if let error = problems.error { throw error }
    }
}
