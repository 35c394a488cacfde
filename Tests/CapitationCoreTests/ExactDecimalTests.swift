import CapitationCore
import Testing

struct ExactDecimalTests {
    @Test func parsesSixAndMoreFractionDigitsExactly() throws {
        let msr = try ExactDecimal(parsing: "2.353985")
        #expect(msr.significand == 2_353_985)
        #expect(msr.scale == 6)
        let fine = try ExactDecimal(parsing: "0.000000000000000001")
        #expect(fine.significand == 1)
        #expect(fine.scale == 18)
    }

    @Test func refusesTooManyDigitsAndOtherForms() {
        #expect(throws: NumberSyntaxError.self) { try ExactDecimal(parsing: "0.0000000000000000001") }
        #expect(throws: NumberSyntaxError.self) { try ExactDecimal(parsing: "1,5") }
        #expect(throws: NumberSyntaxError.self) { try ExactDecimal(parsing: "1.5e2") }
        #expect(throws: NumberSyntaxError.self) { try ExactDecimal(parsing: "") }
    }

    @Test func equalValuesAreEqualWhateverTheirSpelling() throws {
        #expect(try ExactDecimal(parsing: "1.50") == ExactDecimal(parsing: "1.5"))
        #expect(try ExactDecimal(parsing: "-0.000") == ExactDecimal.zero)
        #expect(try Set([ExactDecimal(parsing: "2.0"), ExactDecimal(parsing: "2")]).count == 1)
        #expect(try ExactDecimal(parsing: "1.50").description == "1.5")
        #expect(try ExactDecimal(parsing: "-0.05").description == "-0.05")
    }

    @Test func comparesAcrossScales() throws {
        #expect(try ExactDecimal(parsing: "0.712") < ExactDecimal(parsing: "0.8"))
        #expect(try ExactDecimal(parsing: "-1.5") < ExactDecimal(parsing: "-1.25"))
        // Aligning 10^21 to 18 fraction digits (10^39) overflows Int128; it is still the larger.
        let huge = try ExactDecimal(parsing: "1000000000000000000000")
        let tiny = try ExactDecimal(parsing: "0.000000000000000001")
        #expect(tiny < huge)
        #expect(try huge.negated() < tiny)
    }

    /// 0.712 + 0.850 + 0.310 = 1.872; × 1.042 = 1.950624 exactly (no binary fraction anywhere).
    @Test func addsAndMultipliesExactly() throws {
        let raw = try [ExactDecimal(parsing: "0.712"), ExactDecimal(parsing: "0.850"), ExactDecimal(parsing: "0.310")]
            .sum()
        #expect(raw == (try ExactDecimal(parsing: "1.872")))
        let score = try raw * ExactDecimal(parsing: "1.042")
        #expect(score == (try ExactDecimal(parsing: "1.950624")))
        #expect(try ExactDecimal(parsing: "0.1") + ExactDecimal(parsing: "0.2") == ExactDecimal(parsing: "0.3"))
        #expect(try ExactDecimal(parsing: "0.3") - ExactDecimal(parsing: "0.1") == ExactDecimal(parsing: "0.2"))
    }

    @Test func dividesToANamedScaleWithANamedRule() throws {
        let one = ExactDecimal(1)
        #expect(
            try one.divided(by: ExactDecimal(3), scale: 6, rounding: .halfEven) == ExactDecimal(parsing: "0.333333")
        )
        #expect(
            try ExactDecimal(2).divided(by: ExactDecimal(3), scale: 6, rounding: .halfEven)
                == ExactDecimal(parsing: "0.666667")
        )
        #expect(
            try ExactDecimal(2).divided(by: ExactDecimal(3), scale: 6, rounding: .towardZero)
                == ExactDecimal(parsing: "0.666666")
        )
        // 4380.3 / 29999 = 0.14601486716… (the MSSP interpolation step for 34,601 people).
        let step = try ExactDecimal(parsing: "4380.3").divided(by: ExactDecimal(29_999), scale: 8, rounding: .halfEven)
        #expect(step == (try ExactDecimal(parsing: "0.14601487")))
        #expect(throws: ArithmeticError.self) { try one.divided(by: .zero, scale: 2, rounding: .halfEven) }
    }

    @Test func roundsToFewerDigits() throws {
        #expect(
            try ExactDecimal(parsing: "2.345").rounded(toScale: 2, rule: .halfEven) == ExactDecimal(parsing: "2.34")
        )
        #expect(
            try ExactDecimal(parsing: "2.355").rounded(toScale: 2, rule: .halfEven) == ExactDecimal(parsing: "2.36")
        )
        #expect(
            try ExactDecimal(parsing: "-2.345").rounded(toScale: 2, rule: .halfAwayFromZero)
                == ExactDecimal(parsing: "-2.35")
        )
        #expect(try ExactDecimal(parsing: "2.3").rounded(toScale: 4, rule: .halfEven) == ExactDecimal(parsing: "2.3"))
    }

    @Test func reportsOverflow() throws {
        let big = ExactDecimal(significand: Int128.max, scale: 0)
        #expect(throws: ArithmeticError.self) { try big + ExactDecimal(1) }
        #expect(throws: ArithmeticError.self) { try big * ExactDecimal(2) }
        #expect(throws: ArithmeticError.self) { try ExactDecimal(significand: Int128.min, scale: 0).negated() }
        let fine = ExactDecimal(significand: 1, scale: 20)
        #expect(throws: ArithmeticError.self) { try fine * fine }
    }

    @Test func percentagesKnowTheirFraction() throws {
        let msr = try Percentage(parsing: "2.353985")
        #expect(msr.fraction == (try ExactDecimal(parsing: "0.02353985")))
        #expect(Percentage(50).fraction == (try ExactDecimal(parsing: "0.5")))
        #expect(try Percentage(fraction: ExactDecimal(parsing: "0.031")) == Percentage(parsing: "3.1"))
        #expect(msr.description == "2.353985 %")
        #expect(!Percentage(101).isWithinZeroToHundred)
    }
}
