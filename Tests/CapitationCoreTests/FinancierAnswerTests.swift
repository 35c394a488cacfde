import CapitationCore
import Testing

/// Lines settled on what the financier answered: refused in full, approved in part, or not answered.
struct FinancierAnswerTests {
    private static func date(_ text: String) -> CalendarDate {
        guard let date = try? CalendarDate(parsing: text) else { preconditionFailure(text) }
        return date
    }

    /// A Zvw line of member "m" from provider "coop" in March 2026, with the financier's answer if given.
    private static func line(
        _ id: String,
        _ amount: Int64,
        _ side: ClaimLine.Side = .debit,
        corrects: String? = nil,
        approved: Int64? = nil,
        line number: Int = 1
    ) -> ClaimLine {
        guard let service = DatePeriod(start: date("2026-03-01"), end: date("2026-03-31")) else {
            preconditionFailure()
        }
        return ClaimLine(
            claimID: id,
            member: "m",
            regime: .zvw,
            payer: "insurer-a",
            provider: "coop",
            category: "wijkverpleging",
            product: "P1",
            service: service,
            amount: Cents(amount),
            side: side,
            corrects: corrects,
            source: LineSource(file: 0, line: number),
            answer: approved.map { FinancierAnswer(approved: Cents($0), codes: ["V12"], explanation: "V12 (tariff)") }
        )
    }

    private func reconcile(_ lines: [ClaimLine]) throws -> MemberReconciliation {
        try ClaimReconciler(contract: try SampleContract.make()).reconcile(
            lines,
            window: DatePeriod(start: Self.date("2026-01-01"), end: Self.date("2026-12-31")),
            onRoster: true
        )
    }

    @Test func aLineRefusedInFullIsRejectedAndItsCreditHasNoDebit() throws {
        // A: 250.00 refused (approved 0.00). Its credit C of 50.00 then corrects nothing that stands; B,
        // 100.00 not answered, is accepted as declared. Accepted: 100.00 in 1 line.
        let result = try reconcile([
            Self.line("A", 25_000, approved: 0, line: 1),
            Self.line("C", 5_000, .credit, corrects: "A", line: 2),
            Self.line("B", 10_000, line: 3),
        ])
        #expect(result.accepted[.zvw] == Cents(10_000))
        #expect(result.acceptedLines[.zvw] == 1)
        #expect(result.rejected.map(\.reason) == [.refusedByFinancier, .creditWithoutDebit])
        #expect(result.rejected.map(\.amount) == [Cents(25_000), Cents(-5_000)])
        #expect(result.rejected.map(\.isWholeLine) == [true, true])
        #expect(result.rejected[0].detail == "the financier refused it: V12 (tariff)")
    }

    @Test func aLineApprovedInPartCountsItsApprovedAmount() throws {
        // A: 100.00 declared, 80.00 approved: 80.00 goes on, 20.00 is refused without being a line of its
        // own. Its credit C of 30.00 nets against the 80.00 approved: 80.00 − 30.00 = 50.00 accepted over
        // 2 lines. Read: 100.00 − 30.00 = 70.00 = 50.00 accepted + 20.00 refused.
        let result = try reconcile([
            Self.line("A", 10_000, approved: 8_000, line: 1),
            Self.line("C", 3_000, .credit, corrects: "A", line: 2),
        ])
        #expect(result.accepted[.zvw] == Cents(5_000))
        #expect(result.acceptedLines[.zvw] == 2)
        #expect(result.rejected.map(\.reason) == [.refusedByFinancier])
        #expect(result.rejected.map(\.amount) == [Cents(2_000)])
        #expect(result.rejected.map(\.isWholeLine) == [false])
        #expect(result.rejected[0].detail == "the financier approved 80.00 of 100.00 and refused 20.00: V12 (tariff)")

        // A credit beyond the approved amount credits more than remains of its line.
        let over = try reconcile([
            Self.line("A", 10_000, approved: 8_000, line: 1),
            Self.line("C", 9_000, .credit, corrects: "A", line: 2),
        ])
        #expect(over.rejected.map(\.reason) == [.refusedByFinancier, .creditWithoutDebit])
        #expect(over.accepted[.zvw] == Cents(8_000))
    }

    @Test func aRefusedLineLeavesItsDuplicateStanding() throws {
        // The financier refused the first of two debits with reference A and paid the second: the second
        // is what stands, not a duplicate of a line that was never paid.
        let result = try reconcile([
            Self.line("A", 10_000, approved: 0, line: 1),
            Self.line("A", 10_000, line: 2),
        ])
        #expect(result.accepted[.zvw] == Cents(10_000))
        #expect(result.rejected.map(\.reason) == [.refusedByFinancier])
        #expect(result.rejected.map(\.source.line) == [1])
    }

    @Test func anAnswerApprovingTheWholeAmountChangesNothing() throws {
        let answered = try reconcile([Self.line("A", 10_000, approved: 10_000)])
        #expect(answered.accepted[.zvw] == Cents(10_000))
        #expect(answered.rejected.isEmpty)
    }

    @Test func theLedgerCountsARefusedPartInCentsNotInLines() throws {
        // Read: 2 lines, 100.00 + 40.00 = 140.00. Accepted: 1 line of 80.00. Refused by the financier:
        // 1 line (B, 40.00) and A's refused part of 20.00, 60.00 in all. Lines 1 + 1 = 2; cents
        // 80.00 + 60.00 = 140.00.
        let lines = [Self.line("A", 10_000, approved: 8_000, line: 1), Self.line("B", 4_000, approved: 0, line: 2)]
        let result = try reconcile(lines)
        var ledger = ClaimLedger(memberCount: 1, groupCount: 0)
        try ledger.add(result, member: 0, lineCount: 2, amount: Cents(14_000))
        #expect(ledger.read == LineTotal(lines: 2, amount: Cents(14_000)))
        #expect(ledger.accepted[.zvw] == LineTotal(lines: 1, amount: Cents(8_000)))
        #expect(
            ledger.rejected.map {
                "\($0.key.reason.rawValue) \($0.key.regime?.rawValue ?? "-") \($0.value.lines) \($0.value.amount)"
            }
                == ["refused by the financier Zvw 1 60.00"]
        )
    }
}
