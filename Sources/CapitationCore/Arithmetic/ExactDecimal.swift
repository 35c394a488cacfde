/// An exact decimal number for rates, weights and percentages.
///
/// The value is `significand × 10^-scale`, held in an `Int128`, so `0.712`, `2.353985` and `1.042` are
/// represented exactly and never pass through floating point. Values are kept in their shortest form
/// (`1.50` is stored as `1.5`), so equal values compare and hash equal whatever their spelling.
///
/// Sums, differences and products are exact and throw on overflow; quotients are rounded to a scale the
/// caller names, with a rule the caller names.
public struct ExactDecimal: Hashable, Sendable {
    /// The digits, without the decimal point.
    public let significand: Int128
    /// The number of digits after the decimal point, `0...maximumScale`.
    public let scale: Int

    /// The largest scale a value can have: 38 fraction digits.
    public static let maximumScale = 38
    /// The most fraction digits accepted when parsing text.
    public static let maximumParsedFractionDigits = 18

    /// Creates `significand × 10^-scale`, reduced to its shortest form.
    ///
    /// - Precondition: `scale` is in `0...maximumScale`.
    public init(significand: Int128, scale: Int) {
        precondition((0...Self.maximumScale).contains(scale), "scale \(scale) out of range")
        var significand = significand
        var scale = scale
        while scale > 0, significand != 0, significand.isMultiple(of: 10) {
            significand /= 10
            scale -= 1
        }
        if significand == 0 { scale = 0 }
        self.significand = significand
        self.scale = scale
    }

    /// Creates an integer value.
    public init(_ integer: Int) {
        self.init(significand: Int128(integer), scale: 0)
    }

    /// Zero.
    public static let zero = ExactDecimal(0)
    /// One.
    public static let one = ExactDecimal(1)

    /// Whether the value is zero.
    public var isZero: Bool { significand == 0 }
    /// Whether the value is below zero.
    public var isNegative: Bool { significand < 0 }
    /// Whether the value is a whole number.
    public var isInteger: Bool { scale == 0 }

    /// The significand of this value written with `targetScale` fraction digits, exactly.
    ///
    /// - Throws: ``ArithmeticError`` when the value has more fraction digits than `targetScale` or the
    ///   result does not fit.
    public func significand(atScale targetScale: Int) throws(ArithmeticError) -> Int128 {
        guard targetScale >= scale else {
            throw ArithmeticError(.overflow, in: "\(self) written with \(targetScale) fraction digits")
        }
        return try WideArithmetic.scaleUp(significand, by: targetScale - scale)
    }
}

extension ExactDecimal {
    /// Parses text such as `0.712`, `-3` or `2.353985`.
    ///
    /// - Throws: ``NumberSyntaxError`` when the text is not `-?[0-9]+(\.[0-9]+)?`, has more than
    ///   ``maximumParsedFractionDigits`` fraction digits or does not fit.
    public init(parsing text: some StringProtocol) throws(NumberSyntaxError) {
        try self.init(utf8: text.utf8)
    }

    /// Parses UTF-8 bytes such as `0.712`; see ``init(parsing:)``.
    public init<Bytes: Collection<UInt8>>(utf8 bytes: Bytes) throws(NumberSyntaxError) {
        let parts = try DecimalScanner.scan(
            bytes,
            maximumFractionDigits: Self.maximumParsedFractionDigits,
            maximumMagnitude: UInt128(Int128.max),
            expected: "a decimal number"
        )
        let magnitude = Int128(parts.digits)
        self.init(significand: parts.isNegative ? -magnitude : magnitude, scale: parts.fractionDigits)
    }
}

extension ExactDecimal: Comparable {
    public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        compare(lhs, rhs) < 0
    }

    /// Returns −1, 0 or 1 as `lhs` is less than, equal to or greater than `rhs`.
    static func compare(_ lhs: ExactDecimal, _ rhs: ExactDecimal) -> Int {
        if lhs.scale == rhs.scale {
            return lhs.significand < rhs.significand ? -1 : (lhs.significand > rhs.significand ? 1 : 0)
        }
        let (low, high, flipped) = lhs.scale < rhs.scale ? (lhs, rhs, false) : (rhs, lhs, true)
        let result: Int
        do {
            let aligned = try WideArithmetic.scaleUp(low.significand, by: high.scale - low.scale)
            result = aligned < high.significand ? -1 : (aligned > high.significand ? 1 : 0)
        } catch {
            // Scaling up overflowed, so `low` is larger in magnitude than anything `high` can hold.
            result = low.significand < 0 ? -1 : 1
        }
        return flipped ? -result : result
    }
}

extension ExactDecimal: ExpressibleByIntegerLiteral {
    /// A whole number written in code: `let weight: ExactDecimal = 2`.
    public init(integerLiteral value: Int) {
        self.init(value)
    }
}

extension ExactDecimal: CustomStringConvertible {
    /// The value in its shortest exact form: `0.712`, `-3`, `2.353985`.
    public var description: String {
        let digits = String(significand.magnitude)
        let sign = significand < 0 ? "-" : ""
        guard scale > 0 else { return sign + digits }
        let padded = String(repeating: "0", count: max(0, scale + 1 - digits.count)) + digits
        let point = padded.index(padded.endIndex, offsetBy: -scale)
        return sign + padded[..<point] + "." + padded[point...]
    }
}
