import CapitationCore
import Testing

struct BSNTests {
    // 111222333: 9·1 + 8·1 + 7·1 + 6·2 + 5·2 + 4·2 + 3·3 + 2·3 = 69, and 69 − 3 = 66 = 6 × 11, so the
    // ninth digit 3 passes. 123456782: 9 + 16 + 21 + 24 + 25 + 24 + 21 + 16 = 156, 156 − 2 = 154 = 14 × 11.
    // 012345672 (leading zero): 0 + 8 + 14 + 18 + 20 + 20 + 18 + 14 = 112, 112 − 2 = 110 = 10 × 11.
    @Test func acceptsNumbersThatPassTheElfproef() throws {
        for text in ["111222333", "123456782", "012345672"] {
            let bsn = try #require(BSN(utf8: text.utf8))
            #expect(bsn.digits == text)
        }
        #expect(BSN(number: 12_345_672)?.digits == "012345672")
    }

    // 123456789: the sum is 156 + ... with ninth digit 9: 156 − 9 = 147 = 13 × 11 + 4, not divisible.
    // 000000000 sums to 0 but is not a BSN. 00000005?: the weighted sum of the first eight digits is
    // 2 × 5 = 10, which leaves 10 after division by 11, so no ninth digit makes it pass.
    @Test func refusesEverythingElse() {
        for text in ["123456789", "000000000", "000000050", "000000051", "12345678", "1234567820", "12345678a", ""] {
            #expect(BSN(utf8: text.utf8) == nil, "\(text)")
        }
        #expect(BSN.checkDigit(prefix: 5) == nil)
        #expect(BSN.checkDigit(prefix: 11_122_233) == 3)
        #expect(BSN.checkDigit(prefix: 0) == 0)
        #expect(!BSN.passesElfproef(0))
        #expect(!BSN.passesElfproef(1_000_000_000))
    }

    @Test func explainsAMemberIDThatLooksLikeABrokenBSN() {
        #expect(BSN.problem(withMemberID: "123456782") == nil)
        #expect(BSN.problem(withMemberID: "m000123") == nil)
        #expect(BSN.problem(withMemberID: "12345678") == nil)  // eight digits: a pseudonym, not a BSN
        let problem = BSN.problem(withMemberID: "123456789")
        #expect(problem == "is nine digits but fails the elfproef, so it is not a valid BSN")
        // The message never repeats the digits.
        #expect(problem?.contains("123456789") == false)
        // 999999999 fails the elfproef (9·(9+8+…+2) − 9 = 387 ≡ 2 mod 11) but is the dummy of a person
        // without a BSN, which the Vektis standards allow: read, to be rejected as no member.
        #expect(!BSN.passesElfproef(BSN.dummy))
        #expect(BSN.problem(withMemberID: "999999999") == nil)
    }

    // The elfproef written out digit by digit, independently of the type: 9·d1 + … + 2·d8 − d9 ≡ 0 (mod 11).
    // On random nine-digit numbers the type agrees with it, and an eight-digit prefix has at most one
    // ninth digit that passes: the check digit, unless the weighted sum leaves 10.
    @Test func agreesWithTheElfproefWrittenOut() {
        func elfproef(_ number: Int) -> Bool {
            let digits = String(number).leftPadded(to: 9).compactMap(\.wholeNumberValue)
            let sum = zip([9, 8, 7, 6, 5, 4, 3, 2, -1], digits).map { $0 * $1 }.reduce(0, +)
            return number > 0 && sum % 11 == 0
        }
        var generator = SeededGenerator(seed: 4)
        for _ in 0..<2_000 {
            let prefix = 1 + Int(generator.next() % 99_999_999)
            let passing = (0...9).filter { elfproef(prefix * 10 + $0) }
            #expect(passing.allSatisfy { BSN.passesElfproef(prefix * 10 + $0) })
            #expect(passing == BSN.checkDigit(prefix: prefix).map { [$0] } ?? [], "\(prefix)")
            let number = Int(generator.next() % 1_000_000_000)
            #expect(BSN.passesElfproef(number) == elfproef(number), "\(number)")
        }
    }

    // The readers' check of every line works from the digits in place; it must say exactly what the
    // message does: the cases above, the dummy, zero, the edges of nine digits, texts that are no number,
    // and each of ten endings of random prefixes (so about one in eleven passes).
    @Test func checksAMemberIDInPlaceAsItsMessageDoes() {
        func agrees(_ text: String) {
            let inPlace = Array(text.utf8).withUnsafeBytes { BSN.hasProblem(memberID: $0) }
            #expect(inPlace == (BSN.problem(withMemberID: text) != nil), "\(text)")
        }
        let fixed = [
            "123456782", "123456789", "999999999", "000000000", "000000001", "100000009", "012345672",
            "12345678", "1234567890", "12345678a", "-12345678", "m000123", "", "99999999 ",
        ]
        fixed.forEach(agrees)
        #expect(Array("123456789".utf8).withUnsafeBytes { BSN.hasProblem(memberID: $0) })
        #expect(!Array("999999999".utf8).withUnsafeBytes { BSN.hasProblem(memberID: $0) })
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<1_000 {
            let prefix = Int(generator.next() % 100_000_000)
            for last in 0...9 { agrees(String(prefix * 10 + last).leftPadded(to: 9)) }
        }
    }
}

extension String {
    fileprivate func leftPadded(to length: Int) -> String {
        String(repeating: "0", count: max(0, length - count)) + self
    }
}

struct RedactionTests {
    // A provider wrote the member's BSN into its own reference: rejected-claims.csv must not repeat it.
    @Test func hidesTheLinesOwnMemberInItsReferenceAndDetail() {
        let line = RejectedLine(
            source: LineSource(file: 0, line: 2),
            claimID: "ZVW-111222333-01",
            regime: .zvw,
            amount: Cents(100),
            reason: .duplicate,
            detail: "another line has reference ZVW-111222333-01",
            member: "111222333"
        )
        #expect(line.redactingMember(in: line.claimID ?? "") == "ZVW-*********-01")
        #expect(line.redactingMember(in: line.detail) == "another line has reference ZVW-*********-01")
        // A pseudonym that is not nine digits is left alone, and so is text without the member.
        var pseudonymous = line
        pseudonymous.member = "m0001"
        #expect(pseudonymous.redactingMember(in: "Z-m0001-1") == "Z-m0001-1")
        #expect(line.redactingMember(in: "product 131999049") == "product 131999049")
    }
}
