import CapitationCore
import Testing

struct CentsTests {
    @Test(arguments: [
        ("1234.5", Int64(123_450)),
        ("1234.50", 123_450),
        ("-0.01", -1),
        ("0", 0),
        ("-0", 0),
        ("12", 1_200),
        ("0.07", 7),
        ("92233720368547758.07", Int64.max),
        ("-92233720368547758.07", -Int64.max),
    ])
    func parsesAmountsExactly(text: String, cents: Int64) throws {
        #expect(try Cents(parsing: text) == Cents(cents))
    }

    @Test(arguments: [
        ("", NumberSyntaxError.Reason.empty),
        ("12,50", .unexpectedCharacter(offset: 2)),
        ("1.234", .tooManyFractionDigits(limit: 2)),
        ("-", .unexpectedCharacter(offset: 1)),
        ("1.", .unexpectedCharacter(offset: 2)),
        (".5", .unexpectedCharacter(offset: 0)),
        ("1e3", .unexpectedCharacter(offset: 1)),
        (" 1", .unexpectedCharacter(offset: 0)),
        ("+1", .unexpectedCharacter(offset: 0)),
        ("1 000", .unexpectedCharacter(offset: 1)),
        ("92233720368547758.08", .outOfRange),
        ("99999999999999999999999", .outOfRange),
    ])
    func refusesWhatIsNotAnAmount(text: String, reason: NumberSyntaxError.Reason) {
        let error = #expect(throws: NumberSyntaxError.self) { try Cents(parsing: text) }
        #expect(error?.reason == reason)
    }

    // Readers parse amounts from their buffers, where plain ones (up to fifteen digits, then one or two
    // decimals) take a short way: it must give what the general reading gives, or refuse as it does, for
    // texts drawn from a seed out of digits, points, minus signs, commas and spaces, of 1 to 22 bytes
    // (past the fifteen digits and past what fits), and for the edges written out.
    @Test func readsAnAmountInABufferAsItsTextIsRead() {
        func agrees(_ text: String) {
            let general = Result { () throws(NumberSyntaxError) in try Cents(parsing: text) }
            let buffered = Array(text.utf8).withUnsafeBufferPointer { bytes in
                Result { () throws(NumberSyntaxError) in try Cents(utf8: bytes) }
            }
            switch (general, buffered) {
            case (.success(let a), .success(let b)): #expect(a == b, "\(text)")
            case (.failure(let a), .failure(let b)): #expect(a.reason == b.reason, "\(text)")
            default: Issue.record("\(text): \(general) but \(buffered) from a buffer")
            }
        }
        let edges = [
            "0", "0.0", "00.00", "1.2", "1.23", "1.234", "1.", ".1", "999999999999999", "999999999999999.99",
            "1000000000000000", "1000000000000000.01", "92233720368547758.07", "92233720368547758.08", "-1.5",
            "1.-5", "1..5", "1.5.", "٣", "",
        ]
        edges.forEach(agrees)
        let pieces = ["0", "1", "7", "9", "5", ".", "-", ",", " ", "12", "999"]
        var random = SeededGenerator(seed: 3)
        for _ in 0..<20_000 {
            var text = ""
            while text.utf8.count < Int.random(in: 1...22, using: &random) {
                text += pieces[Int.random(in: 0..<pieces.count, using: &random)]
            }
            agrees(text)
        }
    }

    @Test func describesTheRefusalForTheUser() {
        let error = #expect(throws: NumberSyntaxError.self) { try Cents(parsing: "12;50") }
        #expect(error?.description == "'12;50' is not an amount in euros (e.g. 1234.50): unexpected ';' at position 3")
    }

    /// An amount written the Dutch way is refused with the amount as it must be written: the comma is the
    /// decimal separator, and points are thousands separators only in groups of three digits.
    @Test(arguments: [
        ("12,50", "12.50"), ("1.234,50", "1234.50"), ("-1.234.567,5", "-1234567.5"), ("1450,00", "1450.00"),
    ])
    func namesADecimalComma(text: String, written: String) {
        let error = #expect(throws: NumberSyntaxError.self) { try Cents(parsing: text) }
        #expect(
            error?.description
                == "'\(text)' is not an amount in euros (e.g. 1234.50): it is written with a decimal comma; write a "
                + "decimal point and no thousands separator, as in \(written)"
        )
    }

    /// Text with a comma that is not a Dutch number gets the plain refusal.
    @Test(arguments: ["1,2,3", "12,", "1.23,50", ",50"])
    func doesNotGuessOtherCommas(text: String) {
        let error = #expect(throws: NumberSyntaxError.self) { try Cents(parsing: text) }
        #expect(error?.description.contains("decimal comma") == false)
    }

    @Test(arguments: [Int64(0), 1, -1, 5, 123_450, -123_456, 100, Int64.max, -Int64.max])
    func printsWhatItParses(cents: Int64) throws {
        let amount = Cents(cents)
        #expect(try Cents(parsing: amount.description) == amount)
    }

    @Test func printsTwoDecimals() {
        #expect(Cents(-1).description == "-0.01")
        #expect(Cents(123_450).description == "1234.50")
        #expect(Cents(7).description == "0.07")
    }

    /// Euros, a point and two digits of cents, a minus sign before a negative amount: the same as the
    /// decimal digits of the euros and of the cents (one zero before fewer than ten) joined, at every
    /// length of euros and the extremes.
    @Test(arguments: [
        Int64(0), 9, 10, 99, 100, 101, 999, 1_000, 99_999_999, 100_000_000, Int64.max, Int64.min, Int64.min + 1,
        -9, -10, -100, -101, -1_000_000_007,
    ])
    func printsEurosAndCentsAsTheirDigits(cents: Int64) {
        let magnitude = cents.magnitude
        let (euros, rest) = (magnitude / 100, magnitude % 100)
        let expected = (cents < 0 ? "-" : "") + "\(euros)." + (rest < 10 ? "0" : "") + "\(rest)"
        #expect(Cents(cents).description == expected)
        var digits: [UInt8] = [1]
        Cents.appendDecimal(UInt64(magnitude), to: &digits)
        #expect(digits == [1] + Array("\(magnitude)".utf8))
    }

    @Test func addsAndSubtractsExactly() throws {
        #expect(try Cents(10) + Cents(-25) == Cents(-15))
        #expect(try Cents(10) - Cents(25) == Cents(-15))
        #expect(try [Cents(1), Cents(2), Cents(3)].sum() == Cents(6))
    }

    @Test func reportsOverflowInsteadOfTrapping() {
        let add = #expect(throws: ArithmeticError.self) { try Cents(Int64.max) + Cents(1) }
        #expect(add?.kind == .overflow)
        #expect(add?.description == "arithmetic overflow in 92233720368547758.07 + 0.01")
        #expect(throws: ArithmeticError.self) { try Cents(Int64.min) - Cents(1) }
        #expect(throws: ArithmeticError.self) { try Cents(Int64.max) * 2 }
        #expect(throws: ArithmeticError.self) { try Cents(Int64.min).negated() }
        #expect(throws: ArithmeticError.self) { try [Cents(Int64.max), Cents(1)].sum() }
        #expect(throws: ArithmeticError.self) {
            try Cents(Int64.max).multiplied(by: ExactDecimal(parsing: "1.5"), rounding: .halfEven)
        }
    }

    /// 1000.05 × 0.5 = 500.025 exactly: half-even keeps 500.02, half away from zero gives 500.03.
    @Test func multipliesByARateAndRoundsOnce() throws {
        let amount = try Cents(parsing: "1000.05")
        let half = try ExactDecimal(parsing: "0.5")
        #expect(try amount.multiplied(by: half, rounding: .halfEven) == Cents(50_002))
        #expect(try amount.multiplied(by: half, rounding: .halfAwayFromZero) == Cents(50_003))
        #expect(try amount.multiplied(by: half, rounding: .towardZero) == Cents(50_002))
        // −1000.05 × 0.5 = −500.025: floor goes down to −500.03, ceiling up to −500.02.
        #expect(try amount.negated().multiplied(by: half, rounding: .floor) == Cents(-50_003))
        #expect(try amount.negated().multiplied(by: half, rounding: .ceiling) == Cents(-50_002))
    }

    /// 4210.00 a year for 31 of 365 days: 421000 × 31 / 365 = 35756.164… cents → 357.56 euros.
    @Test func proRatesByDays() throws {
        let annual = try Cents(parsing: "4210.00")
        #expect(try annual.multiplied(by: 31, dividedBy: 365, rounding: .halfEven) == Cents(35_756))
        #expect(try annual.multiplied(by: 31, dividedBy: 365, rounding: .ceiling) == Cents(35_757))
        #expect(throws: ArithmeticError.self) { try annual.multiplied(by: 1, dividedBy: 0, rounding: .halfEven) }
    }
}
