public import CapitationCore
import ClaimFormats

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

    public var description: String { description(refusing: "settlement") }

    /// The error in words, a refusal named after what was refused: `error: evaluation refused: …`.
    public func description(refusing subject: String) -> String {
        switch self {
        case .invalidInput(let diagnostics): diagnostics.map(\.description).joined(separator: "\n")
        case .refused(let message):
            "error: \(subject) refused: \(message.escapingControlCharacters(keepingLineFeeds: true))"
        case .outputFailed(let message):
            "error: cannot write the outputs: \(message.escapingControlCharacters(keepingLineFeeds: true))"
        }
    }
}

extension RunError {
    /// An input file's problems, with a note of how many more there are when not all are listed.
    init(_ error: InputError) {
        let note =
            error.omitted > 0
            ? [Diagnostic(.note, at: nil, "\(error.omitted) more problems in the same file are not shown")] : []
        self = .invalidInput(error.diagnostics + note)
    }
}
