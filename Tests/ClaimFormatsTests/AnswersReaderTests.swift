import CapitationCore
import ClaimFormats
import Testing

struct AnswersReaderTests {
    private func read(_ text: String) throws(InputError) -> [ClaimAnswer] {
        try AnswersReader.read(Array(text.utf8), path: "answers.csv", file: 3)
    }

    private func problems(_ text: String) -> [String] {
        do {
            _ = try read(text)
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test func readsRefusalsAndPartialApprovals() throws {
        let answers = try read(
            """
            claim_id,provider,debit_credit,approved_amount,reason_codes,reason
            WV-B-03,47470001,D,0.00,V12,not the contract tariff
            ELV-D-08,47470002,D,2640.00,V31 V32,
            WV-C-02C,47470001,C,0.00,V40,"credit of a line, refused"

            """
        )
        #expect(answers.map(\.key.claimID) == ["WV-B-03", "ELV-D-08", "WV-C-02C"])
        #expect(answers.map(\.key.side) == [.debit, .debit, .credit])
        #expect(answers.map(\.answer.approved) == [Cents.zero, Cents(264_000), Cents.zero])
        #expect(answers.map(\.answer.codes) == [["V12"], ["V31", "V32"], ["V40"]])
        #expect(answers.map(\.source) == [2, 3, 4].map { LineSource(file: 3, line: $0) })
        #expect(answers[0].answer.explanation == "answers.csv line 2: V12 (not the contract tariff)")
        #expect(answers[1].answer.explanation == "answers.csv line 3: V31 V32")
        #expect(AnswersReader.isAnswers(Array("claim_id,provider,debit_credit,approved_amount,reason_codes\n".utf8)))
        #expect(
            ClaimFileFormat.detect(Array("claim_id,provider,debit_credit,approved_amount,reason_codes\n".utf8))
                == .answersCSV
        )
        #expect(!AnswersReader.isAnswers(Array("claim_id,member_id,regime,payer\n".utf8)))
    }

    /// Reason codes are separated by the Character ' ': a space followed by a combining mark is one
    /// Character with it and separates nothing; ASCII codes split at every space.
    @Test func splitsReasonCodesAtTheCharacterSpace() throws {
        let answers = try read(
            """
            claim_id,provider,debit_credit,approved_amount,reason_codes,reason
            A,P,D,0.00,AB \u{301}CD 01,
            B,P,D,0.00,V1  V2,

            """
        )
        #expect(answers.map(\.answer.codes) == [["AB \u{301}CD", "01"], ["V1", "V2"]])
    }

    @Test func refusesEveryRowItCannotReadAndEveryLineAnsweredTwice() {
        let header = "claim_id,provider,debit_credit,approved_amount,reason_codes,reason\n"
        #expect(
            problems(header + "A,P,D,-1.00,V1,\n") == [
                "answers.csv:2: error: column approved_amount: -1.00 is negative; approve 0.00 to refuse a line"
            ]
        )
        #expect(problems(header + "A,P,D,0.00,,\n") == ["answers.csv:2: error: column reason_codes is empty"])
        #expect(
            problems(header + "A,P,X,0.00,V1,\n") == [
                "answers.csv:2: error: column debit_credit: 'X' is not one of D, C"
            ]
        )
        #expect(
            problems(header + "A,P,D,0.00,V1,\nA,P,D,5.00,V2,\n") == [
                "answers.csv:3: error: line A of P is answered already on line 2"
            ]
        )
        #expect(
            problems(header + "A,P,D,0.00,V1,\"two\nlines\"\n") == [
                "answers.csv:2: error: column reason holds the control character \\u{A}"
            ]
        )
        #expect(
            problems("claim_id,provider,approved_amount,reason_codes\n").first?.hasPrefix(
                "answers.csv:1: error: header: "
            ) == true
        )
        #expect(
            problems("") == [
                "answers.csv: error: the file is empty; expected the header claim_id,provider,debit_credit,approved_amount,reason_codes"
            ]
        )
    }
}
