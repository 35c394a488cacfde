import CapitationCore
import Testing

struct ClaimBatchTests {
    private static func date(_ text: String) -> CalendarDate { SettlementScenario.date(text) }

    // MARK: The texts of a batch

    @Test func keepsEachTextOnceAndOrdersTextsByTheirBytes() {
        var texts = TextTable()
        let a = texts.intern("coop")
        let b = texts.intern("Coop")
        #expect(texts.intern("coop") == a)
        #expect(a != b)
        #expect(texts.count == 2)
        #expect(texts.string(a) == "coop" && texts.string(b) == "Coop")
        // Byte order: "C" (0x43) before "c" (0x63); a prefix before what extends it; no text before any.
        #expect(texts.precedes(b, a) && !texts.precedes(a, b) && !texts.precedes(a, a))
        let prefix = texts.intern("co")
        #expect(texts.precedes(prefix, a))
        #expect(texts.precedes(TextTable.none, prefix) && !texts.precedes(prefix, TextTable.none))
        #expect(texts.optionalString(TextTable.none) == nil)
        #expect(texts.equals(a, "coop") && !texts.equals(a, "coo"))
        // "é" written as one scalar (C3 A9) and as e + combining acute (65 CC 81) are two texts, ordered
        // by their bytes: 65 < C3, so the decomposed one first.
        let composed = texts.intern("caf\u{E9}")
        let decomposed = texts.intern("cafe\u{301}")
        #expect(composed != decomposed)
        #expect(texts.precedes(decomposed, composed))
    }

    @Test func keepsTheNumbersOfTextsWhileTheTableGrows() {
        var texts = TextTable()
        let ids = (0..<10_000).map { texts.intern("reference-\($0)") }
        #expect(ids == (0..<10_000).map { Int32($0) })
        #expect((0..<10_000).allSatisfy { texts.intern("reference-\($0)") == Int32($0) })
        #expect(texts.string(ids[9_999]) == "reference-9999")
        #expect(texts.count == 10_000)
        // Looking up adds nothing.
        #expect(Array("reference-42".utf8).withUnsafeBytes { texts.number(of: $0) } == 42)
        #expect(Array("reference-10000".utf8).withUnsafeBytes { texts.number(of: $0) } == nil)
        #expect(texts.count == 10_000)
        #expect(texts.withBytes(ids[7]) { Array($0) } == Array("reference-7".utf8))
    }

    /// A table emptied to be used again holds nothing: numbers start again from zero, and a text it held
    /// is not found until it is added again.
    @Test func keepsNothingOnceEmptied() {
        var texts = TextTable()
        for number in 0..<1_000 { _ = texts.intern("member-\(number)") }
        texts.removeAll()
        #expect(texts.count == 0)
        #expect(Array("member-7".utf8).withUnsafeBytes { texts.number(of: $0) } == nil)
        #expect(texts.intern("member-999") == 0)
        #expect(texts.intern("member-7") == 1)
        #expect(texts.intern("member-999") == 0)
        #expect(texts.string(1) == "member-7" && texts.count == 2)
    }

    @Test func listsReferencesOneAfterTheOtherAndComparesThemByTheirBytes() {
        var references = TextList()
        let first = references.append("A-1")
        let again = references.append("A-1")
        let longer = references.append("A-10")
        let other = references.append("B")
        // The same text added twice has two numbers but is the same text.
        #expect(first != again && references.count == 4)
        #expect(references.equals(first, again) && references.compare(first, again) == 0)
        #expect(!references.precedes(first, again) && !references.precedes(again, first))
        // A prefix before what extends it, "A" (0x41) before "B" (0x42), no text before any.
        #expect(references.compare(first, longer) < 0 && references.compare(longer, first) > 0)
        #expect(references.precedes(longer, other) && !references.equals(longer, other))
        #expect(references.precedes(TextList.none, first) && !references.precedes(first, TextList.none))
        #expect(references.equals(TextList.none, TextList.none) && !references.equals(first, TextList.none))
        #expect(references.string(longer) == "A-10" && references.optionalString(TextList.none) == nil)
        #expect(references.append(nil) == TextList.none && references.count == 4)
        #expect(Array("B".utf8).withUnsafeBytes { references.equals(other, $0) })
    }

    /// A reference's key (its first sixteen bytes, zero after its end) orders as the bytes do wherever two
    /// keys differ: over references of 0 to 20 bytes drawn from a few bytes, zero and 0xFF among them, so
    /// that prefixes, equal first sixteen bytes and zero bytes after a shorter reference all occur.
    @Test func ordersReferencesByTheirKeysWhereTheKeysDiffer() {
        var references = TextList()
        var random = SplitMix(seed: 8)
        let alphabet: [UInt8] = [0x00, 0x2D, 0x41, 0x42, 0x7A, 0xFF]
        let ids = (0..<400).map { _ in
            let bytes = (0..<random.next(21)).map { _ in alphabet[random.next(alphabet.count)] }
            return bytes.withUnsafeBytes { references.append($0) }
        }
        var decided = 0
        for a in ids {
            for b in ids {
                let (keyA, keyB) = (references.key(a), references.key(b))
                guard keyA != keyB else { continue }
                decided += 1
                let byKey = keyA[0] != keyB[0] ? keyA[0] < keyB[0] : keyA[1] < keyB[1]
                #expect(byKey == (references.compare(a, b) < 0), "\(references.string(a)) \(references.string(b))")
            }
        }
        #expect(decided > 100_000)
    }

    /// Long texts compare eight bytes at a time, as they would byte by byte: the first byte that differs
    /// decides, a byte of 0x80 and above (UTF-8 beyond ASCII) after every ASCII byte, a prefix first.
    @Test func comparesLongReferencesByTheirFirstDifferentByte() {
        let texts = [
            "Z-P000123-10", "Z-P000123-9", "Z-P000123-1", "Z-P000123-", "Z-P000124-1", "ZZZZZZZZZZZZZZZZZ",
            "abcdefgh-z", "abcdefgh-\u{E9}", "abcdefgh", "abcdefghi", "abcdefg\u{7F}", "abcdefg\u{80}", "",
        ]
        var references = TextList()
        let ids = texts.map { references.append($0) }
        for (a, x) in zip(ids, texts) {
            for (b, y) in zip(ids, texts) {
                let expected = x.utf8.lexicographicallyPrecedes(y.utf8) ? -1 : x.utf8.elementsEqual(y.utf8) ? 0 : 1
                #expect(references.compare(a, b).signum() == expected, "\(x) against \(y)")
            }
        }
    }

    // MARK: Reconciling the lines of many members at once

    /// Two members with the same references in one batch: a reference is unique per member, so neither
    /// line is a duplicate of the other, and member 2's credit of "A" finds no debit "A" of its own.
    ///
    /// m1: debit A 100.00, credit C1 of A 40.00 → 60.00 accepted, 2 lines.
    /// m2: debit A 25.00 accepted; credit C1 of B 10.00 → credit without its debit (B is m1's? no: nobody's).
    /// m2: credit C2 of A 30.00 → more than m2's A (25.00) → credit without its debit, although m1's A
    ///     has 60.00 left.
    /// Zvw accepted: 60.00 + 25.00 = 85.00 in 3 lines; rejected 2 credits, −10.00 − 30.00 = −40.00.
    @Test func keepsEachMembersReferencesApart() throws {
        var scenario = SettlementScenario()
        let day = try #require(DatePeriod(start: Self.date("2026-06-01"), end: Self.date("2026-06-01")))
        func line(
            _ member: String,
            _ id: String,
            _ cents: Int64,
            _ side: ClaimLine.Side,
            corrects: String? = nil
        )
            -> ClaimLine
        {
            ClaimLine(
                claimID: id,
                member: MemberID(member),
                regime: .zvw,
                payer: "insurer-a",
                provider: "coop",
                category: "care",
                product: "p",
                service: day,
                amount: Cents(cents),
                side: side,
                corrects: corrects,
                source: LineSource(file: 0, line: scenario.lines.count + 1)
            )
        }
        for (member, id, cents, side, corrects) in [
            ("m1", "A", 10_000, ClaimLine.Side.debit, nil), ("m2", "A", 2_500, .debit, nil),
            ("m1", "C1", 4_000, .credit, "A"), ("m2", "C1", 1_000, .credit, "B"), ("m2", "C2", 3_000, .credit, "A"),
        ] as [(String, String, Int64, ClaimLine.Side, String?)] {
            scenario.lines.append(line(member, id, cents, side, corrects: corrects))
        }
        let population = PopulationEvaluation(roster: scenario.members, contract: scenario.contract)
        let reconciled = try ClaimReconciler(contract: scenario.contract).reconcile(
            ClaimBatch(scenario.lines),
            groupCount: 0,
            population: population
        )
        var ledger = ClaimLedger(memberCount: scenario.members.count, groupCount: 0)
        try ledger.merge(reconciled.part)
        #expect(ledger.accepted[.zvw] == LineTotal(lines: 3, amount: Cents(8_500)))
        #expect(ledger.memberCosts[0][.zvw] == Cents(6_000))
        #expect(ledger.memberCosts[1][.zvw] == Cents(2_500))
        let rejected = ledger.rejected.first { $0.key.reason == .creditWithoutDebit && $0.key.regime == .zvw }
        #expect(ledger.rejected.count == 1)
        #expect(rejected?.value == LineTotal(lines: 2, amount: Cents(-4_000)))
        #expect(ledger.read == LineTotal(lines: 5, amount: Cents(10_000 + 2_500 - 4_000 - 1_000 - 3_000)))
        #expect(reconciled.rejected.map(\.source.line).sorted() == [4, 5])
        #expect(reconciled.rejected.allSatisfy { $0.member == "m2" })
    }

    /// Random lines of many members, with every kind of rejection, answers, volumes and attribution:
    /// reconciling them in one batch, in any order, adds up to exactly what reconciling each member's
    /// lines alone and adding the members to a ledger does.
    @Test(arguments: [1, 2, 3])
    func addsUpAsTheMembersOneByOne(seed: UInt64) throws {
        var scenario = SettlementScenario(memberCount: 30)
        scenario.contract.distribution = Distribution(
            financing: .proportionalToSavings,
            recipients: [
                Recipient(share: 60, receiver: .attributedMembers(["coop", "home"], category: nil)),
                Recipient(share: 40, receiver: .attributedMembers(["coop"], category: "care")),
            ]
        )
        scenario.contract.parties.append(Party(id: "home", role: .provider, name: "Home care"))
        var random = SplitMix(seed: seed)
        var lines: [ClaimLine] = []
        for number in 1...2_000 {
            let member = random.next(40) < 36 ? "m\(random.next(34) + 1)" : "999999999"
            let regime: Regime = [.zvw, .wlz, .wmo][random.next(3)]
            let start = try #require(Self.date("2025-12-20").adding(days: random.next(400)))
            let end = try #require(start.adding(days: random.next(4) == 0 ? random.next(60) : 0))
            let side: ClaimLine.Side = random.next(5) == 0 ? .credit : .debit
            let answer: FinancierAnswer? =
                random.next(12) == 0
                ? FinancierAnswer(
                    approved: Cents(Int64(random.next(3)) * 1_000),
                    codes: ["R\(random.next(3))"],
                    explanation: "reason",
                    meanings: ["R0": "zero"]
                ) : nil
            lines.append(
                ClaimLine(
                    claimID: "\(side == .debit ? "D" : "C")\(random.next(300))",
                    member: MemberID(member),
                    regime: regime,
                    payer: ["insurer-a", "zk", "other"][random.next(3)],
                    provider: ["coop", "home", "elsewhere"][random.next(3)],
                    category: random.next(6) == 0 ? "other" : "care",
                    product: random.next(2) == 0 ? "p" : "q",
                    service: try #require(DatePeriod(start: start, end: end)),
                    amount: Cents(Int64(random.next(5_000))),
                    side: side,
                    corrects: side == .credit ? "D\(random.next(300))" : nil,
                    volume: random.next(3) == 0 ? ClaimLine.Volume(count: Int64(random.next(9)), unit: "04") : nil,
                    received: random.next(4) == 0 ? nil : end.adding(days: random.next(200)),
                    source: LineSource(file: random.next(3), line: number),
                    answer: answer
                )
            )
        }
        // A provisional settlement three months after the period: lines received later are set aside.
        scenario.contract.reconciliation.runOut = RunOut(months: 3, finalMonths: 12)
        scenario.contract = scenario.contract.staged(.provisional)
        for straddling in [StraddlingRule.byStartDate, .proRataDays] {
            scenario.contract.reconciliation.straddling = straddling
            let reconciler = ClaimReconciler(contract: scenario.contract)
            let population = PopulationEvaluation(roster: scenario.members, contract: scenario.contract)
            let (oneByOne, rejectedOneByOne) = try SettlementScenario.ledger(
                of: lines,
                reconciler: reconciler,
                population: population,
                groupCount: 2
            )
            var shuffled = lines
            for index in shuffled.indices.reversed() { shuffled.swapAt(index, random.next(index + 1)) }
            let reconciled = try reconciler.reconcile(ClaimBatch(shuffled), groupCount: 2, population: population)
            var batched = ClaimLedger(memberCount: scenario.members.count, groupCount: 2)
            try batched.merge(reconciled.part)

            #expect(batched.read == oneByOne.read)
            #expect(batched.accepted == oneByOne.accepted)
            #expect(batched.proRataExcluded == oneByOne.proRataExcluded)
            #expect(batched.rejected == oneByOne.rejected)
            #expect(batched.refusals == oneByOne.refusals)
            #expect(batched.refusalMeanings == oneByOne.refusalMeanings)
            #expect(batched.codes.entries == oneByOne.codes.entries)
            #expect(batched.memberCosts == oneByOne.memberCosts)
            #expect(batched.memberOutOfScope == oneByOne.memberOutOfScope)
            #expect(batched.memberAttribution == oneByOne.memberAttribution)
            #expect(Self.sorted(reconciled.rejected) == Self.sorted(rejectedOneByOne))
            // Every kind of outcome occurred, so that the comparison covers them.
            let reasons = Set(reconciled.rejected.map(\.reason))
            #expect(reasons.isSuperset(of: RejectionReason.allCases.filter { $0 != .invalid }))
            #expect(batched.accepted.values.map(\.lines).reduce(0, +) > 100)
            #expect(batched.memberAttribution.allSatisfy { !$0.isEmpty })
        }
    }

    private static func sorted(_ lines: [RejectedLine]) -> [RejectedLine] {
        lines.sorted {
            ($0.source, $0.reason, $0.detail, $0.amount?.rawValue ?? 0)
                < ($1.source, $1.reason, $1.detail, $1.amount?.rawValue ?? 0)
        }
    }

    /// A small seeded generator (SplitMix64), so that the random lines are the same on every run.
    private struct SplitMix {
        var state: UInt64

        init(seed: UInt64) { state = seed }

        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return Int(z % UInt64(bound))
        }
    }
}
