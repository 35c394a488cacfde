/// How an exact value is rounded to the precision that is reported.
///
/// Every division and every reduction of precision in Capitation names its rule: there is no implicit
/// rounding anywhere. The raw values are the spellings used in contracts (`<rounding mode="half-even"/>`).
public enum RoundingRule: String, CaseIterable, Hashable, Sendable {
    /// To the nearest value; a tie goes to the even neighbour (banker's rounding). The default.
    case halfEven = "half-even"
    /// To the nearest value; a tie goes away from zero (commercial rounding: 2.5 → 3, −2.5 → −3).
    case halfAwayFromZero = "half-away-from-zero"
    /// Drop the fraction (truncation): 2.7 → 2, −2.7 → −2.
    case towardZero = "toward-zero"
    /// Any fraction moves away from zero: 2.1 → 3, −2.1 → −3.
    case awayFromZero = "away-from-zero"
    /// Toward negative infinity: 2.7 → 2, −2.1 → −3.
    case floor
    /// Toward positive infinity: 2.1 → 3, −2.7 → −2.
    case ceiling
}

extension FixedWidthInteger where Self: SignedInteger {
    /// Divides by `divisor` and rounds the exact quotient with `rule`.
    ///
    /// Unlike `/`, which always truncates, this names the rule, so that `7.divided(by: 2, rounding: .halfEven)`
    /// is 4 and `5.divided(by: 2, rounding: .halfEven)` is 2.
    ///
    /// - Throws: ``ArithmeticError`` of kind `divisionByZero` when `divisor` is zero, and of kind
    ///   `overflow` when the quotient does not fit (only `Self.min / -1`).
    public func divided(by divisor: Self, rounding rule: RoundingRule) throws(ArithmeticError) -> Self {
        guard divisor != 0 else { throw ArithmeticError(.divisionByZero, in: "\(self) / \(divisor)") }
        let (quotient, overflow) = dividedReportingOverflow(by: divisor)
        guard !overflow else { throw ArithmeticError(.overflow, in: "\(self) / \(divisor)") }
        let remainder = self - quotient * divisor
        if remainder == 0 { return quotient }
        // The exact quotient lies strictly between `quotient` and its neighbour away from zero.
        let isPositive = (remainder > 0) == (divisor > 0)
        let awayFromZero = isPositive ? quotient + 1 : quotient - 1
        switch rule {
        case .towardZero: return quotient
        case .awayFromZero: return awayFromZero
        case .floor: return isPositive ? quotient : awayFromZero
        case .ceiling: return isPositive ? awayFromZero : quotient
        case .halfEven, .halfAwayFromZero:
            let rest = remainder.magnitude
            let other = divisor.magnitude - rest
            if rest < other { return quotient }
            if rest > other { return awayFromZero }
            if rule == .halfAwayFromZero { return awayFromZero }
            return quotient.isMultiple(of: 2) ? quotient : awayFromZero
        }
    }
}
