/// An amount of money in euro cents.
///
/// All money in Capitation is an integer number of cents in this type: never `Double`, `Float` or
/// `Decimal`. Amounts are parsed from text straight into cents (`"1234.5"` is 123450 cents), every
/// operation checks for overflow and throws ``ArithmeticError`` instead of trapping or wrapping, and a
/// product with a rate is rounded once, with a rule the caller names.
public struct Cents: Hashable, Comparable, Sendable {
    /// The number of cents.
    public var rawValue: Int64

    /// Creates an amount of `rawValue` cents.
    public init(_ rawValue: Int64) {
        self.rawValue = rawValue
    }

    /// Zero.
    public static let zero = Cents(0)

    /// Whether the amount is below zero.
    public var isNegative: Bool { rawValue < 0 }
    /// Whether the amount is zero.
    public var isZero: Bool { rawValue == 0 }

    public static func < (lhs: Cents, rhs: Cents) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension Cents: CustomStringConvertible {
    /// The amount in euros with two decimals and no thousands separators: `1234.50`, `-0.01`.
    public var description: String {
        var bytes: [UInt8] = []
        appendDescription(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends ``description``'s UTF-8 bytes to `bytes`, without making a string: rows of
    /// `rejected-claims.csv` are written by the million.
    package func appendDescription(to bytes: inout [UInt8]) {
        if rawValue < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = rawValue.magnitude
        Self.appendDecimal(magnitude / 100, to: &bytes)
        let cents = UInt8(magnitude % 100)
        bytes.append(UInt8(ascii: "."))
        bytes.append(UInt8(ascii: "0") + cents / 10)
        bytes.append(UInt8(ascii: "0") + cents % 10)
    }

    /// Appends the decimal digits of `value` to `bytes`: `String(value)`'s UTF-8 bytes.
    package static func appendDecimal(_ value: UInt64, to bytes: inout [UInt8]) {
        // 20 digits hold every UInt64.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var value = value
            var start = 20
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
            } while value > 0
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }
}

extension Cents {
    /// Parses an amount in euros with at most two decimals: `1234.5`, `1234.50`, `-0.01`, `0`.
    ///
    /// - Throws: ``NumberSyntaxError`` when the text is not `-?[0-9]+(\.[0-9]{1,2})?` or does not fit.
    public init(parsing text: some StringProtocol) throws(NumberSyntaxError) {
        try self.init(utf8: text.utf8)
    }

    /// Parses an amount from UTF-8 bytes; see ``init(parsing:)``.
    public init<Bytes: Collection<UInt8>>(utf8 bytes: Bytes) throws(NumberSyntaxError) {
        try self.init(scanning: bytes)
    }

    /// Parses an amount from bytes in memory; see ``init(parsing:)``.
    ///
    /// The same as the generic form, compiled
    /// for the buffers that file readers hold.
    package init(utf8 bytes: UnsafeBufferPointer<UInt8>) throws(NumberSyntaxError) {
        if let cents = Self.plainCents(bytes) {
            self.init(cents)
        } else {
            try self.init(scanning: bytes)
        }
    }

    /// The cents of an amount written plainly, `[0-9]{1,15}(\.[0-9]{1,2})?`, read without the general
    /// scanner, which reads it the same; `nil` for any other text.
    @inline(__always)
    private static func plainCents(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        let count = bytes.count
        var value: Int64 = 0
        var index = 0
        while index < count {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { break }
            value = value &* 10 &+ Int64(digit)
            index += 1
        }
        // Fifteen digits and two decimals stay far below Int64.max.
        guard index > 0, index <= 15 else { return nil }
        guard index < count else { return value * 100 }
        let decimals = count - index - 1
        guard bytes[index] == UInt8(ascii: "."), decimals == 1 || decimals == 2 else { return nil }
        let tenths = bytes[index + 1] &- UInt8(ascii: "0")
        guard tenths < 10 else { return nil }
        value = value * 10 + Int64(tenths)
        guard decimals == 2 else { return value * 10 }
        let hundredths = bytes[index + 2] &- UInt8(ascii: "0")
        guard hundredths < 10 else { return nil }
        return value * 10 + Int64(hundredths)
    }

    private init<Bytes: Collection<UInt8>>(scanning bytes: Bytes) throws(NumberSyntaxError) {
        let parts = try DecimalScanner.scan(
            bytes,
            maximumFractionDigits: 2,
            maximumMagnitude: UInt128(Int64.max),
            expected: "an amount in euros (e.g. 1234.50)"
        )
        var magnitude = parts.digits
        for _ in parts.fractionDigits..<2 { magnitude *= 10 }
        guard magnitude <= UInt128(Int64.max) else {
            throw NumberSyntaxError(
                .outOfRange,
                text: String(decoding: bytes, as: UTF8.self),
                expected: "an amount in euros (e.g. 1234.50)"
            )
        }
        let cents = Int64(magnitude)
        self.init(parts.isNegative ? -cents : cents)
    }
}

extension Cents {
    /// The amount for people to read, as the engine's messages write it: `€ 1,234.56`, `-€ 0.01`.
    ///
    /// Reports write amounts in their own locale (`SettlementReports`).
    public var formattedEuros: String { (isNegative ? "-" : "") + formattedEurosMagnitude }

    /// The amount without its sign, for people: `€ 0.01` for −0.01.
    public var formattedEurosMagnitude: String {
        let magnitude = rawValue.magnitude
        let digits = Array(String(magnitude / 100))
        var euros = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { euros += "," }
            euros.append(digit)
        }
        let cents = magnitude % 100
        return "€ " + euros + "." + (cents < 10 ? "0" : "") + String(cents)
    }
}
