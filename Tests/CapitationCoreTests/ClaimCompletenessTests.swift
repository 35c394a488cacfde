import CapitationCore
import Testing

/// The checks that refuse claims which read as nothing, figures worked by hand in each test.
struct ClaimCompletenessTests {
    static let rules = ReconciliationRules()

    static func unreadable(_ line: Int, _ detail: String = "column amount: broken") -> RejectedLine {
        RejectedLine(
            source: LineSource(file: 3, line: line),
            claimID: nil,
            regime: nil,
            amount: nil,
            reason: .invalid,
            detail: detail
        )
    }

    /// A tally of `lines` claim lines of which the lines numbered `invalid` cannot be read.
    static func tally(_ path: String, lines: Int, invalid: [Int]) -> ClaimCompleteness.FileTally {
        var tally = ClaimCompleteness.FileTally(path: path)
        for line in 2...(lines + 1) {
            if invalid.contains(line) { tally.addInvalid(unreadable(line)) } else { tally.addReadable() }
        }
        return tally
    }

    static func findings(
        _ files: [ClaimCompleteness.FileTally],
        accepted: [Regime: Int] = [.zvw: 1, .wmo: 1, .wlz: 1],
        rules: ReconciliationRules = rules
    ) -> [ClaimCompleteness.Finding] {
        ClaimCompleteness.findings(
            files: files,
            acceptedLines: { accepted[$0] ?? 0 },
            regimes: [.zvw, .wmo, .wlz],
            rules: rules
        )
    }

    @Test func completeFilesRaiseNothing() {
        #expect(Self.findings([Self.tally("zvw.csv", lines: 28, invalid: [])]).isEmpty)
    }

    /// Under a run-out's cut-off, accepted lines without a day of receipt are a finding, per regime; without
    /// a cut-off they are nothing.
    @Test func linesWithoutADayOfReceiptAreAFindingUnderACutOff() throws {
        let files = [Self.tally("wlz.csv", lines: 28, invalid: [])]
        let undated = { (regime: Regime) in
            regime == .wlz ? LineTotal(lines: 3, amount: Cents(123_456)) : LineTotal()
        }
        var rules = Self.rules
        let once = ClaimCompleteness.findings(
            files: files,
            acceptedLines: { _ in 1 },
            regimes: [.zvw, .wmo, .wlz],
            rules: rules,
            undated: undated
        )
        #expect(once.isEmpty)
        rules.cutOff = try CalendarDate(parsing: "2027-03-31")
        let found = ClaimCompleteness.findings(
            files: files,
            acceptedLines: { _ in 1 },
            regimes: [.zvw, .wmo, .wlz],
            rules: rules,
            undated: undated
        )
        #expect(found.map(\.check) == [.linesWithoutReceiptDate])
        #expect(
            found.map(\.description) == [
                "regime Wlz: 3 accepted claim lines do not say when they were received (€ 1,234.56), so the cut-off "
                    + "2027-03-31 cannot be applied to them: give each line its day of receipt (the CSV's "
                    + "received_date column)"
            ]
        )
    }

    @Test func aFileWithoutClaimLinesIsAFinding() {
        // A header alone: no claim line at all.
        let found = Self.findings([ClaimCompleteness.FileTally(path: "wmo.csv")])
        #expect(found.map(\.check) == [.fileWithoutClaimLines])
        #expect(found.map(\.description) == ["wmo.csv: the file holds no claim lines"])
    }

    @Test func aFileOfUnreadableLinesIsAFindingWithItsFirstReasons() {
        // Four lines, all unreadable: the first three are shown with their lines.
        let found = Self.findings([Self.tally("zvw.csv", lines: 4, invalid: [2, 3, 4, 5])])
        #expect(found.map(\.description) == ["zvw.csv: none of its 4 claim lines can be read"])
        #expect(
            found.first?.lines == [
                "zvw.csv: none of its 4 claim lines can be read; the first lines:",
                "  line 2: column amount: broken", "  line 3: column amount: broken", "  line 4: column amount: broken",
            ]
        )
    }

    /// The share is compared exactly: invalid × 100 > percent × lines.
    @Test(arguments: [
        // 3 of 53 is 5.66 %: more than 5 %.
        (53, 3, true),
        // 2 of 40 is exactly 5 %: not more.
        (40, 2, false),
        // 2 of 39 is 5.13 %: more.
        (39, 2, true),
        // 1 of 10 is 10 %, but a single unreadable line never refuses a file by itself.
        (10, 1, false),
        // 2 of 10 is 20 %: more.
        (10, 2, true),
    ])
    func refusesMoreUnreadableLinesThanTheContractAllows(lines: Int, invalid: Int, refused: Bool) {
        let found = Self.findings([Self.tally("zvw.csv", lines: lines, invalid: Array(2..<(2 + invalid)))])
        #expect(found.map(\.check) == (refused ? [.tooManyInvalidLines] : []))
        if refused {
            #expect(
                found.first?.message.hasPrefix(
                    "\(invalid) of its \(lines) claim lines cannot be read, more than the 5 % the contract allows"
                ) == true
            )
        }
    }

    @Test func theContractSetsTheShare() {
        // 3 of 53 (5.66 %) is within 6 %, and 4 of 53 (7.55 %) is not.
        var rules = ReconciliationRules()
        rules.invalidLinesPercent = Percentage(6)
        #expect(Self.findings([Self.tally("a.csv", lines: 53, invalid: [2, 3, 4])], rules: rules).isEmpty)
        #expect(Self.findings([Self.tally("a.csv", lines: 53, invalid: [2, 3, 4, 5])], rules: rules).count == 1)
        // At 100 % only a file with no readable line at all is refused.
        rules.invalidLinesPercent = Percentage(100)
        #expect(Self.findings([Self.tally("a.csv", lines: 53, invalid: Array(2...53))], rules: rules).isEmpty)
        #expect(
            Self.findings([Self.tally("a.csv", lines: 53, invalid: Array(2...54))], rules: rules).map(\.check)
                == [.fileWithoutReadableLines]
        )
    }

    @Test func aRegimeWithoutAcceptedClaimsIsAFinding() {
        let found = Self.findings([Self.tally("zvw.csv", lines: 5, invalid: [])], accepted: [.zvw: 5, .wmo: 2])
        #expect(
            found.map(\.description) == [
                "regime Wlz: no accepted claim line, so its expenditure would be € 0.00 against its whole budget: "
                    + "is a claim file missing?"
            ]
        )
    }

    @Test func findingsComeInAFixedOrder() {
        // Files in the order given, then regimes in the contract's order.
        let found = Self.findings(
            [ClaimCompleteness.FileTally(path: "b.csv"), Self.tally("a.csv", lines: 2, invalid: [2, 3])],
            accepted: [:]
        )
        #expect(found.map(\.subject) == ["b.csv", "a.csv", "regime Zvw", "regime Wmo", "regime Wlz"])
    }

    @Test func shownReasonsCarryNoRawControlBytesAndNoBSN() {
        var tally = ClaimCompleteness.FileTally(path: "a.csv")
        var line = Self.unreadable(2, "column claim_id: 'X\u{0}\u{1B}[2J' for 123456782")
        line.member = "123456782"
        tally.addInvalid(line)
        let found = Self.findings([tally])
        #expect(found.first?.examples == ["line 2: column claim_id: 'X\\u{0}\\u{1B}[2J' for *********"])
    }

    /// A file with unreadable lines that refuse nothing is still said, with its first unreadable line.
    @Test func warnsOfUnreadableLinesThatRefuseNothing() {
        let files = [
            Self.tally("wlz.csv", lines: 10, invalid: [11]), Self.tally("zvw.csv", lines: 28, invalid: []),
            Self.tally("wmo.csv", lines: 4, invalid: [2, 3, 4, 5]),
        ]
        let found = Self.findings(files)
        #expect(
            ClaimCompleteness.warnings(files: files, findings: found).map(\.description) == [
                "wlz.csv: 1 of its 10 claim lines cannot be read and counts in no regime (see rejected-claims.csv): "
                    + "line 11: column amount: broken"
            ]
        )
        #expect(
            ClaimCompleteness.warnings(files: files, findings: found) == [
                SettlementWarning(
                    .unreadableLines(
                        unreadable: 1,
                        of: 10,
                        first: "line 11: column amount: broken",
                        listedIn: .rejectedClaimsFile
                    ),
                    at: SourceLocation(path: "wlz.csv")
                )
            ]
        )
        // With 0 % allowed, the single line refuses the file.
        var strict = ReconciliationRules()
        strict.invalidLinesPercent = .zero
        #expect(Self.findings(files, rules: strict).map(\.subject) == ["wlz.csv", "wmo.csv"])
    }

    @Test func escapesControlCharactersVisibly() {
        #expect("a\u{0}b\tc\u{7F}\u{85}é".visiblyEscapingControlCharacters == "a\\u{0}b\\u{9}c\\u{7F}\\u{85}é")
        #expect("one\ntwo\u{7}".escapingControlCharacters(keepingLineFeeds: true) == "one\ntwo\\u{7}")
        #expect(
            Diagnostic(.error, at: SourceLocation(path: "a\u{1B}.csv", line: 2), "bad \u{0}").description
                == "a\\u{1B}.csv:2: error: bad \\u{0}"
        )
    }
}
