/// An exact computation that cannot produce a representable result.
///
/// Money and rates never wrap or trap: every operation that could leave its type's range throws this
/// error instead, naming the operation and its operands so the message can be acted on.
public struct ArithmeticError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Hashable, Sendable {
        /// The exact result does not fit in the type.
        case overflow
        /// A division had a zero divisor.
        case divisionByZero
    }

    /// What went wrong.
    public var kind: Kind
    /// The operation in words, for example `"12.50 + 92233720368547758.07"`.
    public var operation: String

    /// Creates an error for `operation`.
    public init(_ kind: Kind, in operation: String) {
        self.kind = kind
        self.operation = operation
    }

    public var description: String {
        switch kind {
        case .overflow: "arithmetic overflow in \(operation)"
        case .divisionByZero: "division by zero in \(operation)"
        }
    }
}
