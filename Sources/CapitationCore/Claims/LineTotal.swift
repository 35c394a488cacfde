/// A number of claim lines and their amount: what was read, accepted or rejected.
public struct LineTotal: Hashable, Sendable {
    public var lines = 0
    public var amount = Cents.zero

    public init(lines: Int = 0, amount: Cents = .zero) {
        self.lines = lines
        self.amount = amount
    }

    mutating func add(lines: Int, amount: Cents) throws(ArithmeticError) {
        self.lines += lines
        self.amount = try self.amount + amount
    }
}
