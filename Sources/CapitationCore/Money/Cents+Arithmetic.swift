extension Cents {
    /// The exact sum.
    ///
    /// - Throws: ``ArithmeticError`` on overflow.
    public static func + (lhs: Cents, rhs: Cents) throws(ArithmeticError) -> Cents {
        let (sum, overflow) = lhs.rawValue.addingReportingOverflow(rhs.rawValue)
        guard !overflow else { throw ArithmeticError(.overflow, in: "\(lhs) + \(rhs)") }
        return Cents(sum)
    }

    /// The exact difference.
    ///
    /// - Throws: ``ArithmeticError`` on overflow.
    public static func - (lhs: Cents, rhs: Cents) throws(ArithmeticError) -> Cents {
        let (difference, overflow) = lhs.rawValue.subtractingReportingOverflow(rhs.rawValue)
        guard !overflow else { throw ArithmeticError(.overflow, in: "\(lhs) - \(rhs)") }
        return Cents(difference)
    }

    /// The amount times a whole number.
    ///
    /// - Throws: ``ArithmeticError`` on overflow.
    public static func * (lhs: Cents, rhs: Int64) throws(ArithmeticError) -> Cents {
        let (product, overflow) = lhs.rawValue.multipliedReportingOverflow(by: rhs)
        guard !overflow else { throw ArithmeticError(.overflow, in: "\(lhs) × \(rhs)") }
        return Cents(product)
    }

    /// The amount with the opposite sign.
    ///
    /// - Throws: ``ArithmeticError`` for the one amount whose negation does not fit.
    public func negated() throws(ArithmeticError) -> Cents {
        let (result, overflow) = Int64(0).subtractingReportingOverflow(rawValue)
        guard !overflow else { throw ArithmeticError(.overflow, in: "-(\(self))") }
        return Cents(result)
    }

    /// The amount times an exact rate, rounded once to the cent with `rule`.
    ///
    /// `Cents(parsing: "1000.05").multiplied(by: 0.5, rounding: .halfEven)` is `500.02`
    /// (exactly 500.025; the tie goes to the even cent).
    ///
    /// - Throws: ``ArithmeticError`` when the result does not fit.
    public func multiplied(by rate: ExactDecimal, rounding rule: RoundingRule) throws(ArithmeticError) -> Cents {
        let exact = try WideArithmetic.multiply(
            Int128(rawValue),
            by: rate.significand,
            dividingBy: WideArithmetic.powerOfTen(rate.scale),
            rounding: rule
        )
        return try Cents(exactly: exact, operation: "\(self) × \(rate)")
    }

    /// The amount times `numerator ÷ denominator`, rounded once to the cent with `rule`.
    ///
    /// Use it for pro-rating: 365 days of an annual amount, `amount.multiplied(by: 31, dividedBy: 365, …)`.
    ///
    /// - Throws: ``ArithmeticError`` when `denominator` is zero or the result does not fit.
    public func multiplied(
        by numerator: Int64,
        dividedBy denominator: Int64,
        rounding rule: RoundingRule
    ) throws(ArithmeticError) -> Cents {
        let exact = try WideArithmetic.multiply(
            Int128(rawValue),
            by: Int128(numerator),
            dividingBy: Int128(denominator),
            rounding: rule
        )
        return try Cents(exactly: exact, operation: "\(self) × \(numerator) ÷ \(denominator)")
    }

    /// Converts an exact 128-bit number of cents, or throws when it does not fit in 64 bits.
    init(exactly value: Int128, operation: String) throws(ArithmeticError) {
        guard let narrow = Int64(exactly: value) else { throw ArithmeticError(.overflow, in: operation) }
        self.init(narrow)
    }
}

extension Sequence<Cents> {
    /// The exact sum of the amounts.
    ///
    /// - Throws: ``ArithmeticError`` on overflow.
    public func sum() throws(ArithmeticError) -> Cents {
        var total = Cents.zero
        for amount in self { total = try total + amount }
        return total
    }
}
