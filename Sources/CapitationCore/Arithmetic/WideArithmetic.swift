/// Exact `a × m ÷ d` on 128-bit integers with a 256-bit intermediate product.
///
/// This is the one place where money meets rates: an amount times a rate, divided by a scale or a total,
/// rounded once with a named rule. The product is never truncated, so `a × m` may exceed 128 bits as long
/// as the quotient fits.
enum WideArithmetic {
    /// Returns `a × m ÷ d` rounded with `rule`.
    ///
    /// - Throws: ``ArithmeticError`` of kind `divisionByZero` when `d` is zero, or `overflow` when the
    ///   rounded quotient does not fit in `Int128`.
    static func multiply(
        _ a: Int128,
        by m: Int128,
        dividingBy d: Int128,
        rounding rule: RoundingRule
    ) throws(ArithmeticError) -> Int128 {
        let operation = "\(a) × \(m) ÷ \(d)"
        guard d != 0 else { throw ArithmeticError(.divisionByZero, in: operation) }
        let product = a.magnitude.multipliedFullWidth(by: m.magnitude)
        let divisor = d.magnitude
        // The quotient of a two-word dividend fits in one word exactly when the high word is below the divisor.
        guard product.high < divisor else { throw ArithmeticError(.overflow, in: operation) }
        let (quotient, remainder) = divisor.dividingFullWidth(product)
        let isNegative = (a < 0) != (m < 0) && a != 0 && m != 0
        let isNegativeResult = isNegative != (d < 0)
        var magnitude = quotient
        if remainder != 0 {
            let roundsAway: Bool
            switch rule {
            case .towardZero: roundsAway = false
            case .awayFromZero: roundsAway = true
            case .floor: roundsAway = isNegativeResult
            case .ceiling: roundsAway = !isNegativeResult
            case .halfEven, .halfAwayFromZero:
                let other = divisor - remainder
                if remainder < other {
                    roundsAway = false
                } else if remainder > other {
                    roundsAway = true
                } else {
                    roundsAway = rule == .halfAwayFromZero || !quotient.isMultiple(of: 2)
                }
            }
            if roundsAway {
                let (next, overflow) = magnitude.addingReportingOverflow(1)
                guard !overflow else { throw ArithmeticError(.overflow, in: operation) }
                magnitude = next
            }
        }
        return try signed(magnitude, negative: isNegativeResult, operation: operation)
    }

    /// Converts a magnitude and a sign to `Int128`, including `Int128.min`.
    static func signed(_ magnitude: UInt128, negative: Bool, operation: String) throws(ArithmeticError) -> Int128 {
        if negative {
            guard magnitude <= Int128.min.magnitude else { throw ArithmeticError(.overflow, in: operation) }
            return magnitude == Int128.min.magnitude ? Int128.min : -Int128(magnitude)
        }
        guard magnitude <= UInt128(Int128.max) else { throw ArithmeticError(.overflow, in: operation) }
        return Int128(magnitude)
    }

    /// Powers of ten that fit in `Int128`: `powersOfTen[k] == 10^k` for `k` in `0...38`.
    static let powersOfTen: [Int128] = {
        var result: [Int128] = [1]
        for _ in 1...38 { result.append(result[result.count - 1] * 10) }
        return result
    }()

    /// `10^exponent`, or an overflow error when it does not fit in `Int128`.
    static func powerOfTen(_ exponent: Int) throws(ArithmeticError) -> Int128 {
        guard exponent >= 0, exponent < powersOfTen.count else {
            throw ArithmeticError(.overflow, in: "10^\(exponent)")
        }
        return powersOfTen[exponent]
    }

    /// `value × 10^exponent`, checked.
    static func scaleUp(_ value: Int128, by exponent: Int) throws(ArithmeticError) -> Int128 {
        if value == 0 || exponent == 0 { return value }
        let factor = try powerOfTen(exponent)
        let (result, overflow) = value.multipliedReportingOverflow(by: factor)
        guard !overflow else { throw ArithmeticError(.overflow, in: "\(value) × 10^\(exponent)") }
        return result
    }
}
