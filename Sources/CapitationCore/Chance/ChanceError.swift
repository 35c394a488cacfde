/// Why the statistics of chance cannot be computed for a settlement.
public struct ChanceError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
