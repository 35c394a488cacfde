/// Whether the claim files look complete enough to settle on: the checks that stop a settlement from being
/// made, silently, on files that read as nothing.
///
/// A settlement is refused as incomplete when
/// - a claim file holds no readable claim line (only a header, or every line unreadable);
/// - more than the contract's ``ReconciliationRules/invalidLinesPercent`` of a file's claim lines cannot be
///   read (a single unreadable line refuses a file by itself only when the contract allows 0 %);
/// - a regime of the contract has no accepted claim line at all.
///
/// The user may accept the findings with a reason; the acceptance is then part of the settlement
/// (``InputAcceptance``).
public enum ClaimCompleteness: Sendable {
    /// What one claim file held.
    public struct FileTally: Hashable, Sendable {
        /// The file's path, as given.
        public var path: String
        /// The claim lines read (records that are claim lines: not a header, trailer or comment).
        public var lines: Int
        /// The lines among them that could not be read (rejected as invalid).
        public var invalid: Int
        /// The first unreadable lines, in order of line, at most ``sampleSize``.
        public var firstInvalid: [RejectedLine]
        /// What the file holds beyond its records that was read past, to be said: empty lines after an
        /// AW319 trailer.
        public var notes: [String] = []

        /// How many unreadable lines a tally keeps to show.
        public static let sampleSize = 3

        public init(path: String, lines: Int = 0, invalid: Int = 0, firstInvalid: [RejectedLine] = []) {
            self.path = path
            self.lines = lines
            self.invalid = invalid
            self.firstInvalid = firstInvalid
        }

        /// Counts a readable line.
        public mutating func addReadable() { lines += 1 }

        /// Counts an unreadable line; lines must arrive in order of line.
        public mutating func addInvalid(_ line: RejectedLine) {
            lines += 1
            invalid += 1
            if firstInvalid.count < Self.sampleSize { firstInvalid.append(line) }
        }
    }

    /// The findings on `files`, given the accepted claim lines per regime and the regimes of the contract,
    /// in a fixed order: files in the order given, then regimes in the contract's order.
    public static func findings(
        files: [FileTally],
        acceptedLines: (Regime) -> Int,
        regimes: [Regime],
        rules: ReconciliationRules,
        undated: (Regime) -> ClaimLedger.LineTotal = { _ in ClaimLedger.LineTotal() }
    ) -> [Finding] {
        var findings: [Finding] = []
        for file in files {
            if file.lines == 0 {
                findings.append(
                    Finding(check: .fileWithoutClaimLines, subject: file.path, message: "the file holds no claim lines")
                )
            } else if file.invalid == file.lines {
                findings.append(
                    Finding(
                        check: .fileWithoutReadableLines,
                        subject: file.path,
                        message: "none of its \(file.lines) claim line\(file.lines == 1 ? "" : "s") can be read",
                        examples: Self.examples(file)
                    )
                )
            } else if file.invalid > 1 || rules.invalidLinesPercent == .zero,
                exceeds(file.invalid, of: file.lines, rules.invalidLinesPercent)
            {
                findings.append(
                    Finding(
                        check: .tooManyInvalidLines,
                        subject: file.path,
                        message: "\(file.invalid) of its \(file.lines) claim lines cannot be read, more than the "
                            + "\(rules.invalidLinesPercent) the contract allows (reconciliation invalidLinesPercent)",
                        examples: Self.examples(file)
                    )
                )
            }
        }
        for regime in regimes where acceptedLines(regime) == 0 {
            findings.append(
                Finding(
                    check: .regimeWithoutClaims,
                    subject: "regime \(regime.rawValue)",
                    message: "no accepted claim line, so its expenditure would be € 0.00 against its whole "
                        + "budget: is a claim file missing?"
                )
            )
        }
        // Under a cut-off, a line that does not say when it was received cannot be held against it.
        if let cutOff = rules.cutOff {
            for regime in regimes where undated(regime).lines > 0 {
                let total = undated(regime)
                findings.append(
                    Finding(
                        check: .linesWithoutReceiptDate,
                        subject: "regime \(regime.rawValue)",
                        message:
                            "\(total.lines) accepted claim line\(total.lines == 1 ? " does" : "s do") not say when "
                            + "\(total.lines == 1 ? "it was" : "they were") received (\(total.amount.formattedEuros)), so the "
                            + "cut-off \(cutOff) cannot be applied to \(total.lines == 1 ? "it" : "them"): give each line its "
                            + "day of receipt (the CSV's received_date column)"
                    )
                )
            }
        }
        return findings
    }

    /// A warning for each file with unreadable lines that raised no finding.
    ///
    /// Such lines count in no regime, so the settlement says so even when it goes on; the first unreadable
    /// line stands in the warning, and `listedIn` says where the others are.
    public static func warnings(
        files: [FileTally],
        findings: [Finding],
        listedIn: String = "see rejected-claims.csv"
    ) -> [String] {
        let found = Set(findings.map(\.subject))
        let notes = files.flatMap { file in file.notes.map { "\(file.path): \($0)" } }
        return notes
            + files.filter { $0.invalid > 0 && !found.contains($0.path) }.map { file in
                let first = examples(file).first.map { ", the first: \($0)" } ?? ""
                return "\(file.path): \(file.invalid) of its \(file.lines) claim line\(file.lines == 1 ? "" : "s") "
                    + "cannot be read and count\(file.invalid == 1 ? "s" : "") in no regime (\(listedIn))"
                    + (file.invalid == 1 ? first.replacing(", the first: ", with: ": ") : first)
            }
    }

    /// Whether `part` is more than `limit` of `whole`, exactly.
    static func exceeds(_ part: Int, of whole: Int, _ limit: Percentage) -> Bool {
        guard whole > 0 else { return false }
        // part / whole > limit / 100  ⇔  part × 100 > limit × whole
        return (try? ExactDecimal(part) * ExactDecimal(100) > limit.value * ExactDecimal(whole)) ?? true
    }

    /// The first unreadable lines, each with its reason.
    private static func examples(_ file: FileTally) -> [String] {
        file.firstInvalid.map { line in
            "line \(line.source.line): \(line.redactingMember(in: line.detail).visiblyEscapingControlCharacters)"
        }
    }

    /// One reason to think the claims are incomplete.
    public struct Finding: Hashable, Sendable {
        /// Which check found it.
        public enum Check: String, CaseIterable, Hashable, Sendable {
            case fileWithoutClaimLines = "file-without-claim-lines"
            case fileWithoutReadableLines = "file-without-readable-lines"
            case tooManyInvalidLines = "too-many-invalid-lines"
            case regimeWithoutClaims = "regime-without-claims"
            case linesWithoutReceiptDate = "lines-without-receipt-date"
        }

        public var check: Check
        /// The file's path, or `regime` and the regime's name.
        public var subject: String
        /// What was found, in words, without the subject.
        public var message: String
        /// For a file, its first unreadable lines, each `line N: reason`.
        public var examples: [String]

        public init(check: Check, subject: String, message: String, examples: [String] = []) {
            self.check = check
            self.subject = subject
            self.message = message
            self.examples = examples
        }

        /// The finding as one line: the subject, then the message.
        public var description: String { "\(subject): \(message)" }

        /// The finding and then its examples, each on a line of its own indented by two spaces more.
        public var lines: [String] {
            guard !examples.isEmpty else { return [description] }
            return [description + (examples.count > 1 ? "; the first lines:" : ":")] + examples.map { "  " + $0 }
        }
    }
}

/// Findings about the inputs that the user accepted, with the reason given, so that a settlement made on
/// incomplete inputs says so.
public struct InputAcceptance: Hashable, Sendable {
    /// Why the user settles anyway, in their words.
    public var reason: String
    /// What was accepted.
    public var findings: [ClaimCompleteness.Finding]

    public init(reason: String, findings: [ClaimCompleteness.Finding]) {
        self.reason = reason
        self.findings = findings
    }
}
