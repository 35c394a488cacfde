/// An integer of any size, for the few settlement-level computations whose exact intermediate products
/// exceed 128 bits (a per-capita amount × risk-weighted days × trend factors × a discount).
///
/// Sign and magnitude, the magnitude in little-endian 64-bit limbs without leading zero limbs. Only what
/// exact rationals need: addition, subtraction, multiplication, division with remainder, comparison,
/// greatest common divisor and the integer square root. Per-claim arithmetic never uses it.
package struct BigInteger: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Whether the value is below zero; zero is never negative.
    package private(set) var isNegative: Bool
    /// The magnitude's limbs, least significant first; empty for zero.
    private var limbs: [UInt64]

    private init(isNegative: Bool, limbs: [UInt64]) {
        var limbs = limbs
        while let last = limbs.last, last == 0 { limbs.removeLast() }
        self.limbs = limbs
        self.isNegative = isNegative && !limbs.isEmpty
    }

    /// Creates a big integer equal to `value`.
    package init<Value: BinaryInteger>(_ value: Value) {
        var magnitude = value.magnitude
        var limbs: [UInt64] = []
        while magnitude != 0 {
            limbs.append(UInt64(truncatingIfNeeded: magnitude))
            magnitude >>= 64
        }
        self.init(isNegative: value < 0, limbs: limbs)
    }

    /// Zero.
    package static let zero = BigInteger(0)
    /// One.
    package static let one = BigInteger(1)

    /// Whether the value is zero.
    package var isZero: Bool { limbs.isEmpty }

    /// The absolute value.
    package var magnitude: BigInteger { BigInteger(isNegative: false, limbs: limbs) }

    /// The value as an `Int128`, or `nil` when it does not fit.
    package var int128: Int128? {
        guard limbs.count <= 2 else { return nil }
        let low = UInt128(limbs.first ?? 0)
        let high = UInt128(limbs.count > 1 ? limbs[1] : 0)
        let magnitude = high << 64 | low
        if isNegative {
            guard magnitude <= Int128.min.magnitude else { return nil }
            return magnitude == Int128.min.magnitude ? Int128.min : -Int128(magnitude)
        }
        guard magnitude <= UInt128(Int128.max) else { return nil }
        return Int128(magnitude)
    }

    package static func < (lhs: BigInteger, rhs: BigInteger) -> Bool {
        if lhs.isNegative != rhs.isNegative { return lhs.isNegative }
        let order = compareMagnitudes(lhs.limbs, rhs.limbs)
        return lhs.isNegative ? order > 0 : order < 0
    }

    package static prefix func - (value: BigInteger) -> BigInteger {
        BigInteger(isNegative: !value.isNegative, limbs: value.limbs)
    }

    package static func + (lhs: BigInteger, rhs: BigInteger) -> BigInteger {
        if lhs.isNegative == rhs.isNegative {
            return BigInteger(isNegative: lhs.isNegative, limbs: addMagnitudes(lhs.limbs, rhs.limbs))
        }
        if compareMagnitudes(lhs.limbs, rhs.limbs) >= 0 {
            return BigInteger(isNegative: lhs.isNegative, limbs: subtractMagnitudes(lhs.limbs, rhs.limbs))
        }
        return BigInteger(isNegative: rhs.isNegative, limbs: subtractMagnitudes(rhs.limbs, lhs.limbs))
    }

    package static func - (lhs: BigInteger, rhs: BigInteger) -> BigInteger { lhs + -rhs }

    package static func * (lhs: BigInteger, rhs: BigInteger) -> BigInteger {
        guard !lhs.isZero, !rhs.isZero else { return .zero }
        var result = [UInt64](repeating: 0, count: lhs.limbs.count + rhs.limbs.count)
        for (i, a) in lhs.limbs.enumerated() {
            var carry: UInt64 = 0
            for (j, b) in rhs.limbs.enumerated() {
                let (high, low) = a.multipliedFullWidth(by: b)
                let (sum1, overflow1) = low.addingReportingOverflow(result[i + j])
                let (sum2, overflow2) = sum1.addingReportingOverflow(carry)
                result[i + j] = sum2
                carry = high &+ (overflow1 ? 1 : 0) &+ (overflow2 ? 1 : 0)
            }
            result[i + rhs.limbs.count] = carry
        }
        return BigInteger(isNegative: lhs.isNegative != rhs.isNegative, limbs: result)
    }

    /// The quotient truncated toward zero and the remainder, which has the sign of the dividend.
    ///
    /// - Precondition: `divisor` is not zero.
    package func quotientAndRemainder(dividingBy divisor: BigInteger) -> (quotient: BigInteger, remainder: BigInteger) {
        precondition(!divisor.isZero, "division by zero")
        let (quotient, remainder) = Self.divideMagnitudes(limbs, divisor.limbs)
        return (
            BigInteger(isNegative: isNegative != divisor.isNegative, limbs: quotient),
            BigInteger(isNegative: isNegative, limbs: remainder)
        )
    }

    /// The greatest common divisor of the magnitudes; `gcd(0, 0)` is 0.
    package static func greatestCommonDivisor(_ a: BigInteger, _ b: BigInteger) -> BigInteger {
        var (x, y) = (a.magnitude, b.magnitude)
        while !y.isZero { (x, y) = (y, x.quotientAndRemainder(dividingBy: y).remainder) }
        return x
    }

    /// The largest integer whose square does not exceed this value.
    ///
    /// - Precondition: the value is not negative.
    package func squareRootRoundedDown() -> BigInteger {
        precondition(!isNegative, "square root of a negative number")
        guard !isZero else { return .zero }
        // Newton's iteration from a power of two above the root.
        var estimate = BigInteger(isNegative: false, limbs: Self.powerOfTwo(limbs.count * 32 + 1))
        while true {
            let next = (estimate + quotientAndRemainder(dividingBy: estimate).quotient).halved()
            if next >= estimate { return estimate }
            estimate = next
        }
    }

    /// The decimal digits, with a leading `-` when negative.
    package var description: String {
        guard !isZero else { return "0" }
        var chunks: [UInt64] = []
        var rest = magnitude
        let billion = BigInteger(1_000_000_000_000_000_000 as UInt64)
        while !rest.isZero {
            let (quotient, remainder) = rest.quotientAndRemainder(dividingBy: billion)
            chunks.append(remainder.limbs.first ?? 0)
            rest = quotient
        }
        var text = isNegative ? "-" : ""
        text += String(chunks.removeLast())
        for chunk in chunks.reversed() {
            let digits = String(chunk)
            text += String(repeating: "0", count: 18 - digits.count) + digits
        }
        return text
    }

    // MARK: - Magnitudes

    private func halved() -> BigInteger {
        var result = limbs
        var carry: UInt64 = 0
        for index in result.indices.reversed() {
            let limb = result[index]
            result[index] = (limb >> 1) | (carry << 63)
            carry = limb & 1
        }
        return BigInteger(isNegative: isNegative, limbs: result)
    }

    private static func powerOfTwo(_ exponent: Int) -> [UInt64] {
        var limbs = [UInt64](repeating: 0, count: exponent / 64 + 1)
        limbs[exponent / 64] = 1 << UInt64(exponent % 64)
        return limbs
    }

    private static func compareMagnitudes(_ a: [UInt64], _ b: [UInt64]) -> Int {
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        for index in a.indices.reversed() where a[index] != b[index] {
            return a[index] < b[index] ? -1 : 1
        }
        return 0
    }

    private static func addMagnitudes(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        var result: [UInt64] = []
        result.reserveCapacity(max(a.count, b.count) + 1)
        var carry: UInt64 = 0
        for index in 0..<max(a.count, b.count) {
            let (sum1, overflow1) = (index < a.count ? a[index] : 0).addingReportingOverflow(
                index < b.count ? b[index] : 0
            )
            let (sum2, overflow2) = sum1.addingReportingOverflow(carry)
            result.append(sum2)
            carry = (overflow1 ? 1 : 0) + (overflow2 ? 1 : 0)
        }
        if carry != 0 { result.append(carry) }
        return result
    }

    /// `a - b` for `a >= b`.
    private static func subtractMagnitudes(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        var result = a
        var borrow: UInt64 = 0
        for index in result.indices {
            let (difference1, overflow1) = result[index].subtractingReportingOverflow(index < b.count ? b[index] : 0)
            let (difference2, overflow2) = difference1.subtractingReportingOverflow(borrow)
            result[index] = difference2
            borrow = (overflow1 ? 1 : 0) + (overflow2 ? 1 : 0)
        }
        return result
    }

    /// Long division, one bit at a time: simple, and fast enough for a few hundred settlement-level divisions.
    private static func divideMagnitudes(_ a: [UInt64], _ b: [UInt64]) -> ([UInt64], [UInt64]) {
        if compareMagnitudes(a, b) < 0 { return ([], a) }
        if b.count == 1 {
            // One-limb divisor: divide limb by limb with full-width arithmetic.
            var quotient = [UInt64](repeating: 0, count: a.count)
            var remainder: UInt64 = 0
            for index in a.indices.reversed() {
                (quotient[index], remainder) = b[0].dividingFullWidth((remainder, a[index]))
            }
            return (quotient, [remainder])
        }
        var quotient = [UInt64](repeating: 0, count: a.count)
        var remainder: [UInt64] = []
        for bit in stride(from: a.count * 64 - 1, through: 0, by: -1) {
            // remainder = remainder << 1 | bit
            var carry = (a[bit / 64] >> UInt64(bit % 64)) & 1
            for index in remainder.indices {
                let limb = remainder[index]
                remainder[index] = (limb << 1) | carry
                carry = limb >> 63
            }
            if carry != 0 { remainder.append(carry) }
            if compareMagnitudes(remainder, b) >= 0 {
                remainder = subtractMagnitudes(remainder, b)
                while let last = remainder.last, last == 0 { remainder.removeLast() }
                quotient[bit / 64] |= 1 << UInt64(bit % 64)
            }
        }
        return (quotient, remainder)
    }
}
