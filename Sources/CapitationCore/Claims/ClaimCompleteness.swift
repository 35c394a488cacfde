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
    package struct FileTally: Hashable, Sendable {
        /// The file's path, as given.
        package var path: String
        /// The claim lines read (records that are claim lines: not a header, trailer or comment).
        package var lines: Int
        /// The lines among them that could not be read (rejected as invalid).
        package var invalid: Int
        /// The first unreadable lines, in order of line, at most ``sampleSize``.
        package var firstInvalid: [RejectedLine]
        /// What the file holds beyond its records that was read past, to be said: empty lines after an
        /// AW319 trailer.
        package var notes: [ClaimFileNote] = []

        /// How many unreadable lines a tally keeps to show.
        package static let sampleSize = 3

        package init(path: String, lines: Int = 0, invalid: Int = 0, firstInvalid: [RejectedLine] = []) {
            self.path = path
            self.lines = lines
            self.invalid = invalid
            self.firstInvalid = firstInvalid
        }

        /// Counts a readable line.
        package mutating func addReadable() { lines += 1 }

        /// Counts an unreadable line; lines must arrive in order of line.
        package mutating func addInvalid(_ line: RejectedLine) {
            lines += 1
            invalid += 1
            if firstInvalid.count < Self.sampleSize { firstInvalid.append(line) }
        }
    }

    /// The findings on `files`, given the accepted claim lines per regime and the regimes of the contract,
    /// in a fixed order: files in the order given, then regimes in the contract's order.
    package static func findings(
        files: [FileTally],
        acceptedLines: (Regime) -> Int,
        regimes: [Regime],
        rules: ReconciliationRules,
        undated: (Regime) -> LineTotal = { _ in LineTotal() }
    ) -> [Finding] {
        var findings: [Finding] = []
        for file in files {
            if file.lines == 0 {
                findings.append(Finding(.fileWithoutClaimLines(file: file.path)))
            } else if file.invalid == file.lines {
                findings.append(
                    Finding(
                        .fileWithoutReadableLines(file: file.path, lines: file.lines),
                        examples: Self.examples(file)
                    )
                )
            } else if file.invalid > 1 || rules.invalidLinesPercent == .zero,
                exceeds(file.invalid, of: file.lines, rules.invalidLinesPercent)
            {
                findings.append(
                    Finding(
                        .tooManyInvalidLines(
                            file: file.path,
                            unreadable: file.invalid,
                            of: file.lines,
                            allowed: rules.invalidLinesPercent
                        ),
                        examples: Self.examples(file)
                    )
                )
            }
        }
        for regime in regimes where acceptedLines(regime) == 0 {
            findings.append(Finding(.regimeWithoutClaims(regime: regime)))
        }
        // Under a cut-off, a line that does not say when it was received cannot be held against it.
        if let cutOff = rules.cutOff {
            for regime in regimes where undated(regime).lines > 0 {
                let total = undated(regime)
                findings.append(
                    Finding(
                        .linesWithoutReceiptDate(
                            regime: regime,
                            lines: total.lines,
                            amount: total.amount,
                            cutOff: cutOff
                        )
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
    package static func warnings(
        files: [FileTally],
        findings: [Finding],
        listedIn: UnreadableLinesListing = .rejectedClaimsFile
    ) -> [SettlementWarning] {
        let found = Set(findings.compactMap(\.kind.file))
        let notes = files.flatMap { file in
            file.notes.map { SettlementWarning(.claimFile($0), at: SourceLocation(path: file.path)) }
        }
        return notes
            + files.filter { $0.invalid > 0 && !found.contains($0.path) }.map { file in
                SettlementWarning(
                    .unreadableLines(
                        unreadable: file.invalid,
                        of: file.lines,
                        first: examples(file).first,
                        listedIn: listedIn
                    ),
                    at: SourceLocation(path: file.path)
                )
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

        /// What was found, with its figures.
        public enum Kind: Hashable, Sendable {
            /// A claim file without claim lines: only a header, or nothing.
            case fileWithoutClaimLines(file: String)
            /// A claim file none of whose `lines` claim lines can be read.
            case fileWithoutReadableLines(file: String, lines: Int)
            /// A claim file with more unreadable claim lines than the contract allows.
            case tooManyInvalidLines(file: String, unreadable: Int, of: Int, allowed: Percentage)
            /// A regime of the contract without an accepted claim line.
            case regimeWithoutClaims(regime: Regime)
            /// Accepted claim lines that do not say when they were received, under a cut-off.
            case linesWithoutReceiptDate(regime: Regime, lines: Int, amount: Cents, cutOff: CalendarDate)

            /// The claim file it is about, if it is about one.
            public var file: String? {
                switch self {
                case .fileWithoutClaimLines(let file), .fileWithoutReadableLines(let file, _),
                    .tooManyInvalidLines(let file, _, _, _):
                    file
                case .regimeWithoutClaims, .linesWithoutReceiptDate: nil
                }
            }

            /// The regime it is about, if it is about one.
            public var regime: Regime? {
                switch self {
                case .regimeWithoutClaims(let regime), .linesWithoutReceiptDate(let regime, _, _, _): regime
                case .fileWithoutClaimLines, .fileWithoutReadableLines, .tooManyInvalidLines: nil
                }
            }
        }

        /// What was found.
        public var kind: Kind
        /// For a file, its first unreadable lines, each `line N: reason`.
        public var examples: [String]

        public init(_ kind: Kind, examples: [String] = []) {
            self.kind = kind
            self.examples = examples
        }

        /// Which check found it.
        public var check: Check {
            switch kind {
            case .fileWithoutClaimLines: .fileWithoutClaimLines
            case .fileWithoutReadableLines: .fileWithoutReadableLines
            case .tooManyInvalidLines: .tooManyInvalidLines
            case .regimeWithoutClaims: .regimeWithoutClaims
            case .linesWithoutReceiptDate: .linesWithoutReceiptDate
            }
        }

        /// The file's path, or `regime` and the regime's name.
        public var subject: String {
            kind.file ?? kind.regime.map { "regime \($0.rawValue)" } ?? ""
        }

        /// What was found, in English words, without the subject.
        public var message: String {
            switch kind {
            case .fileWithoutClaimLines:
                "the file holds no claim lines"
            case .fileWithoutReadableLines(_, let lines):
                "none of its \(lines) claim line\(lines == 1 ? "" : "s") can be read"
            case .tooManyInvalidLines(_, let unreadable, let lines, let allowed):
                "\(unreadable) of its \(lines) claim lines cannot be read, more than the "
                    + "\(allowed) the contract allows (reconciliation invalidLinesPercent)"
            case .regimeWithoutClaims:
                "no accepted claim line, so its expenditure would be € 0.00 against its whole "
                    + "budget: is a claim file missing?"
            case .linesWithoutReceiptDate(_, let lines, let amount, let cutOff):
                "\(lines) accepted claim line\(lines == 1 ? " does" : "s do") not say when "
                    + "\(lines == 1 ? "it was" : "they were") received (\(amount.formattedEuros)), so the "
                    + "cut-off \(cutOff) cannot be applied to \(lines == 1 ? "it" : "them"): give each line its "
                    + "day of receipt (the CSV's received_date column)"
            }
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
