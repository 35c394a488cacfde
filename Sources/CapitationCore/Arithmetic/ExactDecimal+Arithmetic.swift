extension ExactDecimal {
    /// The exact sum.
    ///
    /// - Throws: ``ArithmeticError`` on overflow.
    public static func + (lhs: ExactDecimal, rhs: ExactDecimal) throws(ArithmeticError) -> ExactDecimal {
        let scale = max(lhs.scale, rhs.scale)
        let (sum, overflow) = try lhs.significand(atScale: scale)
            .addingReportingOverflow(rhs.significand(atScale: scale))
        guard !overflow else { throw ArithmeticError(.overflow, in: "\(lhs) + \(rhs)") }
        return ExactDecimal(significand: sum, scale: scale)
    }

    /// The exact difference.
    ///
    /// - Throws: ``ArithmeticError`` on overflow.
    public static func - (lhs: ExactDecimal, rhs: ExactDecimal) throws(ArithmeticError) -> ExactDecimal {
        let scale = max(lhs.scale, rhs.scale)
        let (difference, overflow) = try lhs.significand(atScale: scale)
            .subtractingReportingOverflow(rhs.significand(atScale: scale))
        guard !overflow else { throw ArithmeticError(.overflow, in: "\(lhs) - \(rhs)") }
        return ExactDecimal(significand: difference, scale: scale)
    }

    /// The exact product; its scale is the sum of the operands' scales.
    ///
    /// - Throws: ``ArithmeticError`` on overflow, or when the product needs more than
    ///   ``maximumScale`` fraction digits.
    public static func * (lhs: ExactDecimal, rhs: ExactDecimal) throws(ArithmeticError) -> ExactDecimal {
        let (product, overflow) = lhs.significand.multipliedReportingOverflow(by: rhs.significand)
        let scale = lhs.scale + rhs.scale
        guard !overflow, scale <= maximumScale else { throw ArithmeticError(.overflow, in: "\(lhs) × \(rhs)") }
        return ExactDecimal(significand: product, scale: scale)
    }

    /// The value with the opposite sign.
    ///
    /// - Throws: ``ArithmeticError`` for the one value whose negation does not fit.
    public func negated() throws(ArithmeticError) -> ExactDecimal {
        let (result, overflow) = Int128(0).subtractingReportingOverflow(significand)
        guard !overflow else { throw ArithmeticError(.overflow, in: "-(\(self))") }
        return ExactDecimal(significand: result, scale: scale)
    }

    /// The absolute value.
    public func magnitude() throws(ArithmeticError) -> ExactDecimal {
        isNegative ? try negated() : self
    }

    /// The quotient `self ÷ divisor`, rounded to `scale` fraction digits with `rule`.
    ///
    /// `ExactDecimal(1).divided(by: 3, scale: 6, rounding: .halfEven)` is `0.333333`.
    ///
    /// - Throws: ``ArithmeticError`` when `divisor` is zero or the result does not fit.
    public func divided(
        by divisor: ExactDecimal,
        scale resultScale: Int,
        rounding rule: RoundingRule
    ) throws(ArithmeticError) -> ExactDecimal {
        guard (0...Self.maximumScale).contains(resultScale) else {
            throw ArithmeticError(.overflow, in: "\(self) ÷ \(divisor) to \(resultScale) fraction digits")
        }
        // self ÷ divisor = (a × 10^-s1) ÷ (b × 10^-s2) = a ÷ b × 10^(s2 - s1); the result's significand
        // is that times 10^resultScale.
        let exponent = resultScale + divisor.scale - scale
        let quotient: Int128
        if exponent >= 0 {
            quotient = try WideArithmetic.multiply(
                significand,
                by: WideArithmetic.powerOfTen(exponent),
                dividingBy: divisor.significand,
                rounding: rule
            )
        } else {
            quotient = try Self.divideScaledDown(
                significand,
                by: divisor.significand,
                exponent: -exponent,
                rounding: rule
            )
        }
        return ExactDecimal(significand: quotient, scale: resultScale)
    }

    /// Rounds to at most `targetScale` fraction digits with `rule`.
    ///
    /// `ExactDecimal(parsing: "2.345").rounded(toScale: 2, rule: .halfEven)` is `2.34`.
    ///
    /// - Throws: ``ArithmeticError`` when the rounded value does not fit (only near `Int128`'s limits).
    public func rounded(toScale targetScale: Int, rule: RoundingRule) throws(ArithmeticError) -> ExactDecimal {
        guard targetScale < scale else { return self }
        let divisor = try WideArithmetic.powerOfTen(scale - targetScale)
        let rounded = try WideArithmetic.multiply(significand, by: 1, dividingBy: divisor, rounding: rule)
        return ExactDecimal(significand: rounded, scale: max(0, targetScale))
    }

    /// Rounds `a ÷ (b × 10^k)` where `b × 10^k` may not fit in 128 bits.
    private static func divideScaledDown(
        _ a: Int128,
        by b: Int128,
        exponent k: Int,
        rounding rule: RoundingRule
    ) throws(ArithmeticError) -> Int128 {
        if let power = try? WideArithmetic.powerOfTen(k) {
            let (divisor, overflow) = b.multipliedReportingOverflow(by: power)
            if !overflow { return try WideArithmetic.multiply(a, by: 1, dividingBy: divisor, rounding: rule) }
        }
        // |b × 10^k| exceeds every Int128, so |a ÷ (b × 10^k)| < 1 and not a tie: it rounds to 0 or ±1.
        guard a != 0 else { return 0 }
        let isNegative = (a < 0) != (b < 0)
        switch rule {
        case .towardZero, .halfEven, .halfAwayFromZero: return 0
        case .awayFromZero: return isNegative ? -1 : 1
        case .floor: return isNegative ? -1 : 0
        case .ceiling: return isNegative ? 0 : 1
        }
    }
}

extension Sequence<ExactDecimal> {
    /// The exact sum of the elements.
    ///
    /// - Throws: ``ArithmeticError`` on overflow.
    public func sum() throws(ArithmeticError) -> ExactDecimal {
        var total = ExactDecimal.zero
        for value in self { total = try total + value }
        return total
    }
}
