/// Text that is not a number in the exact form Capitation reads.
///
/// Numbers are read from text straight into integers, never through floating point. The accepted form is
/// an optional `-`, one or more digits, and optionally a `.` followed by one or more digits: `1234.50`,
/// `-0.01`, `0.712`. Thousands separators, a decimal comma, exponents and spaces are refused rather than
/// guessed at.
public struct NumberSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Why the text was refused.
    public enum Reason: Hashable, Sendable {
        /// The text is empty.
        case empty
        /// The character at this offset is not allowed there.
        case unexpectedCharacter(offset: Int)
        /// More fraction digits than the type holds (two for amounts).
        case tooManyFractionDigits(limit: Int)
        /// The value is outside the type's range.
        case outOfRange
    }

    /// Why the text was refused.
    public var reason: Reason
    /// The refused text.
    public var text: String
    /// What was expected, for the message: "an amount" or "a decimal number".
    public var expected: String

    public init(_ reason: Reason, text: String, expected: String) {
        self.reason = reason
        self.text = text
        self.expected = expected
    }

    public var description: String {
        let text = text.abbreviated()
        switch reason {
        case .unexpectedCharacter, .tooManyFractionDigits:
            if let pointed = decimalCommaReading {
                return "'\(text)' is not \(expected): it is written with a decimal comma; write a decimal point "
                    + "and no thousands separator, as in \(pointed)"
            }
        case .empty, .outOfRange: break
        }
        switch reason {
        case .empty:
            return "expected \(expected), found nothing"
        case .unexpectedCharacter(let offset):
            let scalars = Array(self.text.unicodeScalars)
            let found = offset < scalars.count ? "'\(scalars[offset])'" : "the end"
            return "'\(text)' is not \(expected): unexpected \(found) at position \(offset + 1)"
        case .tooManyFractionDigits(let limit):
            return "'\(text)' is not \(expected): more than \(limit) digits after the decimal point"
        case .outOfRange:
            return "'\(text)' is out of range for \(expected)"
        }
    }
}

extension NumberSyntaxError {
    /// The number as it is written with a decimal point, when the text is one written the Dutch way with
    /// a decimal comma and perhaps thousands points (`1.234,50`, `1450,00`); `nil` otherwise.
    var decimalCommaReading: String? {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2, let whole = parts.first, let fraction = parts.last,
            !fraction.isEmpty, fraction.allSatisfy(\.isASCIIDigit)
        else { return nil }
        let sign = whole.hasPrefix("-") ? "-" : ""
        let groups = whole.dropFirst(sign.count).split(separator: ".", omittingEmptySubsequences: false)
        guard let first = groups.first, !first.isEmpty, first.count <= (groups.count > 1 ? 3 : Int.max),
            groups.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
            groups.dropFirst().allSatisfy({ $0.count == 3 })
        else { return nil }
        return sign + groups.joined() + "." + fraction
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

/// A strict scanner for `-?[0-9]+(\.[0-9]+)?` on UTF-8 bytes.
enum DecimalScanner {
    /// The digits of a decimal number without its point, and how many of them follow the point.
    struct Parts {
        var isNegative: Bool
        var digits: UInt128
        var fractionDigits: Int
    }

    /// Scans `bytes`; `maximumFractionDigits` bounds the scale and the magnitude must fit in `maximumMagnitude`.
    static func scan<Bytes: Collection<UInt8>>(
        _ bytes: Bytes,
        maximumFractionDigits: Int,
        maximumMagnitude: UInt128,
        expected: String
    ) throws(NumberSyntaxError) -> Parts {
        func failure(_ reason: NumberSyntaxError.Reason) -> NumberSyntaxError {
            NumberSyntaxError(reason, text: String(decoding: bytes, as: UTF8.self), expected: expected)
        }
        var index = bytes.startIndex
        var offset = 0
        guard index != bytes.endIndex else { throw failure(.empty) }
        var parts = Parts(isNegative: false, digits: 0, fractionDigits: 0)
        if bytes[index] == UInt8(ascii: "-") {
            parts.isNegative = true
            bytes.formIndex(after: &index)
            offset += 1
        }
        var integerDigits = 0
        var seenPoint = false
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                if seenPoint {
                    guard parts.fractionDigits < maximumFractionDigits else {
                        throw failure(.tooManyFractionDigits(limit: maximumFractionDigits))
                    }
                    parts.fractionDigits += 1
                } else {
                    integerDigits += 1
                }
                let (times10, o1) = parts.digits.multipliedReportingOverflow(by: 10)
                let (next, o2) = times10.addingReportingOverflow(UInt128(byte - UInt8(ascii: "0")))
                guard !o1, !o2, next <= maximumMagnitude else { throw failure(.outOfRange) }
                parts.digits = next
            } else if byte == UInt8(ascii: "."), !seenPoint, integerDigits > 0 {
                seenPoint = true
                let afterPoint = bytes.index(after: index)
                guard afterPoint != bytes.endIndex else { throw failure(.unexpectedCharacter(offset: offset + 1)) }
            } else {
                throw failure(.unexpectedCharacter(offset: offset))
            }
            bytes.formIndex(after: &index)
            offset += 1
        }
        guard integerDigits > 0 else { throw failure(.unexpectedCharacter(offset: offset)) }
        return parts
    }
}
