/// A percentage such as a sharing rate of `50` % or an MSR of `2.353985` %.
///
/// Kept apart from plain ``ExactDecimal`` so that `50` (percent) and `0.5` (a fraction) cannot be mixed
/// up: the number of percent is ``value``; the fraction it stands for is ``fraction``, exactly.
public struct Percentage: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The number of percent: `50` for 50 %.
    public let value: ExactDecimal

    /// Creates a percentage of `value` percent.
    public init(_ value: ExactDecimal) {
        self.value = value
    }

    /// Creates a whole-number percentage.
    public init(_ integer: Int) {
        self.value = ExactDecimal(integer)
    }

    /// Parses the number of percent, for example `2.353985`.
    public init(parsing text: some StringProtocol) throws(NumberSyntaxError) {
        self.value = try ExactDecimal(parsing: text)
    }

    /// The fraction this percentage stands for: `0.5` for 50 %.
    ///
    /// Exact: the scale grows by two digits.
    public var fraction: ExactDecimal {
        if value.scale + 2 <= ExactDecimal.maximumScale {
            return ExactDecimal(significand: value.significand, scale: value.scale + 2)
        }
        // More than 36 fraction digits of a percent: keep 38 digits of the fraction, rounded half-even.
        // Dividing a significand by 100 at the same scale can neither overflow nor divide by zero.
        guard let rounded = try? value.significand.divided(by: 100, rounding: .halfEven) else {
            preconditionFailure("dividing \(value) by 100 cannot fail")
        }
        return ExactDecimal(significand: rounded, scale: ExactDecimal.maximumScale)
    }

    /// The percentage whose fraction is `fraction`: `0.02353985` gives 2.353985 %.
    public init(fraction: ExactDecimal) throws(ArithmeticError) {
        self.value = try fraction * ExactDecimal(100)
    }

    /// Zero percent.
    public static let zero = Percentage(0)
    /// One hundred percent.
    public static let hundred = Percentage(100)

    /// Whether the percentage lies in `0...100`.
    public var isWithinZeroToHundred: Bool { value >= .zero && value <= ExactDecimal(100) }

    public static func < (lhs: Percentage, rhs: Percentage) -> Bool { lhs.value < rhs.value }

    /// `2.353985 %`.
    public var description: String { "\(value) %" }
}

extension Percentage: ExpressibleByIntegerLiteral {
    /// A whole percentage written in code: `let share: Percentage = 80`.
    public init(integerLiteral value: Int) {
        self.init(value)
    }
}
