/// An exact rational number, for results that are not finite decimals: a budget before it is rounded to
/// the cent, a savings rate, a quality score.
///
/// Always in lowest terms with a positive denominator, so equal values are equal. A fraction is rounded
/// exactly once, with a named rule, when it becomes a reported amount or rate.
package struct Fraction: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The numerator, carrying the sign.
    package let numerator: BigInteger
    /// The denominator, above zero.
    package let denominator: BigInteger

    /// Creates `numerator / denominator` in lowest terms.
    ///
    /// - Throws: ``ArithmeticError`` of kind `divisionByZero` when `denominator` is zero.
    package init(_ numerator: BigInteger, over denominator: BigInteger) throws(ArithmeticError) {
        guard !denominator.isZero else {
            throw ArithmeticError(.divisionByZero, in: "\(numerator) / \(denominator)")
        }
        self.init(normalising: numerator, denominator)
    }

    private init(normalising numerator: BigInteger, _ denominator: BigInteger) {
        let divisor = BigInteger.greatestCommonDivisor(numerator, denominator)
        var top =
            divisor.isZero || divisor == .one ? numerator : numerator.quotientAndRemainder(dividingBy: divisor).quotient
        var bottom =
            divisor.isZero || divisor == .one
            ? denominator : denominator.quotientAndRemainder(dividingBy: divisor).quotient
        if bottom.isNegative {
            top = -top
            bottom = -bottom
        }
        self.numerator = top
        self.denominator = numerator.isZero ? .one : bottom
    }

    /// A whole number.
    package init<Value: BinaryInteger>(_ value: Value) {
        self.numerator = BigInteger(value)
        self.denominator = .one
    }

    /// A whole number.
    package init(_ integer: BigInteger) {
        self.numerator = integer
        self.denominator = .one
    }

    /// The exact value of a decimal.
    package init(_ decimal: ExactDecimal) {
        // 10^scale always fits in Int128 for scales up to 38.
        self.init(normalising: BigInteger(decimal.significand), BigInteger(WideArithmetic.powersOfTen[decimal.scale]))
    }

    /// The number of cents as a fraction (a count of cents, not of euros).
    package init(cents: Cents) {
        self.init(cents.rawValue)
    }

    /// Zero.
    package static let zero = Fraction(0)
    /// One.
    package static let one = Fraction(1)

    /// Whether the value is zero.
    package var isZero: Bool { numerator.isZero }
    /// Whether the value is below zero.
    package var isNegative: Bool { numerator.isNegative }

    package static func + (lhs: Fraction, rhs: Fraction) -> Fraction {
        Fraction(
            normalising: lhs.numerator * rhs.denominator + rhs.numerator * lhs.denominator,
            lhs.denominator * rhs.denominator
        )
    }

    package static func - (lhs: Fraction, rhs: Fraction) -> Fraction {
        Fraction(
            normalising: lhs.numerator * rhs.denominator - rhs.numerator * lhs.denominator,
            lhs.denominator * rhs.denominator
        )
    }

    package static func * (lhs: Fraction, rhs: Fraction) -> Fraction {
        Fraction(normalising: lhs.numerator * rhs.numerator, lhs.denominator * rhs.denominator)
    }

    /// The quotient.
    ///
    /// - Throws: ``ArithmeticError`` of kind `divisionByZero` when `rhs` is zero.
    package static func / (lhs: Fraction, rhs: Fraction) throws(ArithmeticError) -> Fraction {
        try Fraction(lhs.numerator * rhs.denominator, over: lhs.denominator * rhs.numerator)
    }

    package static func < (lhs: Fraction, rhs: Fraction) -> Bool {
        lhs.numerator * rhs.denominator < rhs.numerator * lhs.denominator
    }

    /// The smaller of the value and `limit`.
    package func atMost(_ limit: Fraction) -> Fraction { self < limit ? self : limit }
    /// The larger of the value and `limit`.
    package func atLeast(_ limit: Fraction) -> Fraction { self < limit ? limit : self }

    /// The value rounded to a whole number with `rule`.
    package func rounded(_ rule: RoundingRule) -> BigInteger {
        let (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: denominator)
        guard !remainder.isZero else { return quotient }
        let isPositive = !remainder.isNegative
        let awayFromZero = isPositive ? quotient + .one : quotient - .one
        switch rule {
        case .towardZero: return quotient
        case .awayFromZero: return awayFromZero
        case .floor: return isPositive ? quotient : awayFromZero
        case .ceiling: return isPositive ? awayFromZero : quotient
        case .halfEven, .halfAwayFromZero:
            let twice = remainder.magnitude + remainder.magnitude
            if twice < denominator { return quotient }
            if twice > denominator { return awayFromZero }
            if rule == .halfAwayFromZero { return awayFromZero }
            let isEven = quotient.quotientAndRemainder(dividingBy: BigInteger(2)).remainder.isZero
            return isEven ? quotient : awayFromZero
        }
    }

    /// The value as a number of cents, rounded once with `rule`.
    ///
    /// - Throws: ``ArithmeticError`` when the rounded value does not fit in ``Cents``.
    package func cents(rounding rule: RoundingRule) throws(ArithmeticError) -> Cents {
        let whole = rounded(rule)
        guard let value = whole.int128, let narrow = Int64(exactly: value) else {
            throw ArithmeticError(.overflow, in: "\(self) as an amount of cents")
        }
        return Cents(narrow)
    }

    /// The value rounded to `scale` fraction digits with `rule`.
    ///
    /// - Throws: ``ArithmeticError`` when the rounded value does not fit in ``ExactDecimal``.
    package func decimal(scale: Int, rounding rule: RoundingRule) throws(ArithmeticError) -> ExactDecimal {
        let power = try BigInteger(WideArithmetic.powerOfTen(scale))
        let scaled = Fraction(normalising: numerator * power, denominator).rounded(rule)
        guard let significand = scaled.int128 else {
            throw ArithmeticError(.overflow, in: "\(self) with \(scale) fraction digits")
        }
        return ExactDecimal(significand: significand, scale: scale)
    }

    /// `numerator/denominator`, or just the numerator for whole numbers.
    package var description: String {
        denominator == .one ? numerator.description : "\(numerator)/\(denominator)"
    }
}

extension Fraction {
    /// √value to `scale` decimals, rounded down; zero for a negative value.
    ///
    /// ⌊√(⌊value × 10^(2 × scale)⌋)⌋ ÷ 10^scale, which equals ⌊√value × 10^scale⌋ ÷ 10^scale.
    package func squareRootRoundedDown(scale: Int) throws(ArithmeticError) -> ExactDecimal {
        let scaled = (atLeast(.zero) * Fraction(try BigInteger(WideArithmetic.powerOfTen(2 * scale)))).rounded(.floor)
        return try Fraction(scaled.squareRootRoundedDown(), over: BigInteger(try WideArithmetic.powerOfTen(scale)))
            .decimal(scale: scale, rounding: .floor)
    }
}

extension ExactDecimal {
    /// `numerator ÷ denominator` rounded half-even to `scale` decimals; `nil` for a zero denominator or a
    /// result that does not fit.
    package static func ratio(_ numerator: Int, _ denominator: Int, scale: Int) -> ExactDecimal? {
        guard denominator != 0, let value = try? Fraction(BigInteger(numerator), over: BigInteger(denominator)) else {
            return nil
        }
        return try? value.decimal(scale: scale, rounding: .halfEven)
    }
}
