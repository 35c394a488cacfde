public import CapitationCore

/// Why a settlement run did not produce its outputs.
///
/// Each kind maps to its own exit code.
public enum RunError: Error, Sendable, CustomStringConvertible {
    /// An input is missing, unreadable or invalid; every problem, located.
    case invalidInput([Diagnostic])
    /// The inputs are valid but the settlement cannot be made.
    case refused(String)
    /// The outputs could not be written.
    case outputFailed(String)

    public var description: String {
        switch self {
        case .invalidInput(let diagnostics): diagnostics.map(\.description).joined(separator: "\n")
        case .refused(let message): "error: settlement refused: \(message)"
        case .outputFailed(let message): "error: cannot write the outputs: \(message)"
        }
    }
}
