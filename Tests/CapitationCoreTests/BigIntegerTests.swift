import CapitationCore
import Testing

struct BigIntegerTests {
    /// Property: on values that fit, BigInteger agrees with Int128 arithmetic.
    @Test func agreesWithInt128() {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<2_000 {
            let a = Int128(Int64(bitPattern: generator.next())) * Int128(Int32(truncatingIfNeeded: generator.next()))
            let b = Int128(Int64(bitPattern: generator.next()) >> Int64(generator.next() % 60))
            let big = (BigInteger(a), BigInteger(b))
            #expect((big.0 + big.1).int128 == a + b)
            #expect((big.0 - big.1).int128 == a - b)
            let c = Int128(Int32(truncatingIfNeeded: generator.next()))  // |a × c| < 2^126
            #expect((big.0 * BigInteger(c)).int128 == a * c)
            #expect((big.0 < big.1) == (a < b))
            if b != 0 {
                let (quotient, remainder) = big.0.quotientAndRemainder(dividingBy: big.1)
                #expect(quotient.int128 == a / b)
                #expect(remainder.int128 == a % b)
            }
        }
    }

    @Test func handlesNumbersBeyond128Bits() {
        let ten38 =
            BigInteger(Int128(10)) * BigInteger(Int128(1_000_000_000_000_000_000))
            * BigInteger(Int128(1_000_000_000_000_000_000))
            * BigInteger(Int128(10))
        #expect(ten38.description == "1" + String(repeating: "0", count: 38))
        let square = ten38 * ten38
        #expect(square.description == "1" + String(repeating: "0", count: 76))
        #expect(square.quotientAndRemainder(dividingBy: ten38).quotient == ten38)
        #expect(square.squareRootRoundedDown() == ten38)
        #expect((square + BigInteger(-1)).squareRootRoundedDown() == ten38 - .one)
        #expect(square.int128 == nil)
        #expect(BigInteger.greatestCommonDivisor(BigInteger(84), BigInteger(-36)) == BigInteger(12))
        #expect(BigInteger(-17).description == "-17")
    }

    @Test func squareRootsRoundDown() {
        for value in [0, 1, 2, 3, 4, 15, 16, 17, 99, 100, 101, 1_000_000] {
            let root = BigInteger(value).squareRootRoundedDown()
            let expected = Int((0...1_001).last { $0 * $0 <= value } ?? 0)
            #expect(root == BigInteger(expected), "√\(value)")
        }
    }
}

struct FractionTests {
    @Test func keepsLowestTerms() throws {
        let half = try Fraction(BigInteger(3), over: BigInteger(6))
        #expect(half == (try Fraction(BigInteger(-1), over: BigInteger(-2))))
        #expect(half.description == "1/2")
        #expect(Fraction(try ExactDecimal(parsing: "0.25")) == (try Fraction(BigInteger(1), over: BigInteger(4))))
        #expect(throws: ArithmeticError.self) { try Fraction(BigInteger(1), over: .zero) }
    }

    /// 2.5 and −2.5 with each rule: the same table as integer division.
    @Test(arguments: [
        (RoundingRule.halfEven, 2, -2), (.halfAwayFromZero, 3, -3), (.towardZero, 2, -2), (.awayFromZero, 3, -3),
        (.floor, 2, -3),
        (.ceiling, 3, -2),
    ])
    func roundsWithEveryRule(rule: RoundingRule, positive: Int, negative: Int) throws {
        let value = try Fraction(BigInteger(5), over: BigInteger(2))
        #expect(value.rounded(rule) == BigInteger(positive))
        #expect((Fraction.zero - value).rounded(rule) == BigInteger(negative))
    }

    /// 140906472 / 25 cents = 5636258.88: the small example's Zvw budget rounds to 56,362.59.
    @Test func convertsToCentsAndDecimals() throws {
        let budget = try Fraction(BigInteger(140_906_472), over: BigInteger(25))
        #expect(try budget.cents(rounding: .halfEven) == Cents(5_636_259))
        #expect(try budget.cents(rounding: .floor) == Cents(5_636_258))
        let rate = try Fraction(BigInteger(182_500), over: BigInteger(479))  // 381.0020876…
        #expect(try rate.decimal(scale: 6, rounding: .halfEven) == ExactDecimal(parsing: "381.002088"))
        #expect(throws: ArithmeticError.self) { try (Fraction(Int64.max) * Fraction(10)).cents(rounding: .halfEven) }
    }
}
