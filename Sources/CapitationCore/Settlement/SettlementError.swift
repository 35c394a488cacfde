/// Why a settlement cannot be made although its inputs are valid.
///
/// The command-line tool exits with code 3 ("settlement refused") for these.
public struct SettlementError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The reason, in a sentence the parties can act on.
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }

    /// A settlement refused because an exact computation overflowed (only for absurd inputs).
    static func arithmetic(_ error: ArithmeticError, in step: String) -> SettlementError {
        SettlementError("\(step): \(error)")
    }

    /// Runs `body`, turning an arithmetic overflow into a refused settlement naming `step`.
    static func checking<Value>(
        _ step: String,
        _ body: () throws(ArithmeticError) -> Value
    ) throws(SettlementError) -> Value {
        do { return try body() } catch { throw .arithmetic(error, in: step) }
    }
}
