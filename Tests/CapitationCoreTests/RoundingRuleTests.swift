import CapitationCore
import Testing

struct RoundingRuleTests {
    // Each row: numerator, denominator, and the expected quotient under half-even, half away from zero,
    // toward zero, away from zero, floor and ceiling.
    static let cases: [(Int64, Int64, [Int64])] = [
        (7, 2, [4, 4, 3, 4, 3, 4]),  // 3.5: tie
        (5, 2, [2, 3, 2, 3, 2, 3]),  // 2.5: tie, 2 is even
        (-5, 2, [-2, -3, -2, -3, -3, -2]),  // −2.5
        (-7, 2, [-4, -4, -3, -4, -4, -3]),  // −3.5
        (10, 3, [3, 3, 3, 4, 3, 4]),  // 3.33…
        (-10, 3, [-3, -3, -3, -4, -4, -3]),  // −3.33…
        (11, 3, [4, 4, 3, 4, 3, 4]),  // 3.66…
        (7, -2, [-4, -4, -3, -4, -4, -3]),  // negative divisor
        (6, 3, [2, 2, 2, 2, 2, 2]),  // exact
        (0, 5, [0, 0, 0, 0, 0, 0]),
    ]

    @Test(arguments: cases)
    func dividesWithEveryRule(numerator: Int64, denominator: Int64, expected: [Int64]) throws {
        let rules: [RoundingRule] = [.halfEven, .halfAwayFromZero, .towardZero, .awayFromZero, .floor, .ceiling]
        for (rule, quotient) in zip(rules, expected) {
            #expect(
                try numerator.divided(by: denominator, rounding: rule) == quotient,
                "\(numerator)/\(denominator) \(rule)"
            )
        }
    }

    @Test func refusesDivisionByZeroAndOverflow() {
        let zero = #expect(throws: ArithmeticError.self) { try Int64(1).divided(by: 0, rounding: .halfEven) }
        #expect(zero?.kind == .divisionByZero)
        let overflow = #expect(throws: ArithmeticError.self) { try Int64.min.divided(by: -1, rounding: .floor) }
        #expect(overflow?.kind == .overflow)
    }

    @Test func namesMatchTheContractFormat() {
        #expect(
            RoundingRule.allCases.map(\.rawValue) == [
                "half-even", "half-away-from-zero", "toward-zero", "away-from-zero", "floor", "ceiling",
            ]
        )
    }

    /// A product beyond 128 bits still divides exactly when the quotient fits: (10^30 × 10^20) / 10^25 = 10^25.
    @Test func multipliesAmountsByRatesWithoutLosingDigits() throws {
        let amount = Cents(Int64.max)
        let rate = ExactDecimal(significand: 99_999_999_999_999_999, scale: 17)  // 0.99999999999999999
        // 9223372036854775807 × 0.99999999999999999 = 9223372036854775714.76…, rounded half-even.
        #expect(try amount.multiplied(by: rate, rounding: .halfEven) == Cents(9_223_372_036_854_775_715))
    }
}
