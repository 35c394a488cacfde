/// A count out of a total, such as 37 of 1,000 resamples.
public struct Proportion: Hashable, Sendable, CustomStringConvertible {
    public let count: Int
    public let total: Int

    public init(_ count: Int, of total: Int) {
        self.count = count
        self.total = total
    }

    /// count ÷ total rounded half-even to four decimals; zero when the total is zero.
    public var decimal: ExactDecimal {
        ExactDecimal.ratio(count, total, scale: 4) ?? .zero
    }

    public var description: String { "\(count)/\(total)" }
}
