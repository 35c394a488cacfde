public import CapitationCore
import ClaimFormats

/// Why a run did not finish: what went wrong (``code``), in words (``message``), and the located problems
/// of the inputs (``diagnostics``) when those are the reason.
///
/// The command-line tool's exit code follows from the code. Match on ``code`` (and, for a refused
/// settlement, ``settlement``); the words may improve from one version to the next.
public struct RunError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var code: Code
    /// The reason in a sentence; for invalid inputs, their problems one per line.
    public var message: String
    /// Every problem of the inputs, located, when they are the reason (``Code/invalidInput``).
    public var diagnostics: [Diagnostic]
    /// What the settlement engine refused, when it did (``Code/settlementRefused``).
    public var settlement: SettlementError.Code?

    package init(
        _ code: Code,
        _ message: String,
        diagnostics: [Diagnostic] = [],
        settlement: SettlementError.Code? = nil
    ) {
        self.code = code
        self.message = message
        self.diagnostics = diagnostics
        self.settlement = settlement
    }

    /// What stops a run.
    public enum Code: String, CaseIterable, Hashable, Sendable {
        /// An input is missing, unreadable or invalid; ``RunError/diagnostics`` locates every problem.
        case invalidInput = "invalid-input"
        /// The claims look incomplete and no reason was given to settle on them as they are, or the
        /// claims of a baseline or an evaluated year look incomplete.
        case incompleteClaims = "incomplete-claims"
        /// The inputs are valid but the settlement engine refused: ``RunError/settlement`` says why.
        case settlementRefused = "settlement-refused"
        /// The inputs are valid but what was asked cannot be done: an evaluation, a comparison, a
        /// settlement made again.
        case refused
        /// The outputs could not be written.
        case outputFailed = "output-failed"
    }

    /// Whether the inputs were valid but what was asked could not be done (exit code 3): incomplete
    /// claims, a refused settlement, or another refusal.
    public var isRefusal: Bool {
        switch code {
        case .incompleteClaims, .settlementRefused, .refused: true
        case .invalidInput, .outputFailed: false
        }
    }

    /// Where the first problem is, when the inputs are the reason.
    public var location: SourceLocation? { diagnostics.first { $0.location != nil }?.location }

    /// An input is missing, unreadable or invalid; every problem, located.
    package static func invalidInput(_ diagnostics: [Diagnostic]) -> RunError {
        RunError(.invalidInput, diagnostics.map(\.description).joined(separator: "\n"), diagnostics: diagnostics)
    }

    /// The inputs are valid but what was asked cannot be done.
    package static func refused(_ message: String) -> RunError {
        RunError(.refused, message)
    }

    /// The settlement engine refused, in `context` (`baseline year 2024`) when there is one.
    package static func refused(_ error: SettlementError, in context: String? = nil) -> RunError {
        RunError(
            .settlementRefused,
            (context.map { "\($0): " } ?? "") + error.message,
            settlement: error.code
        )
    }

    /// The outputs could not be written.
    package static func outputFailed(_ message: String) -> RunError {
        RunError(.outputFailed, message)
    }

    /// The same error, its message after `context`: `fee-for-service: …`.
    func within(_ context: String) -> RunError {
        var error = self
        error.message = "\(context): \(message)"
        return error
    }

    public var description: String { description(refusing: "settlement") }

    /// The error in words, a refusal named after what was refused: `error: evaluation refused: …`.
    package func description(refusing subject: String) -> String {
        switch code {
        case .invalidInput: message
        case .incompleteClaims, .settlementRefused, .refused:
            "error: \(subject) refused: \(message.escapingControlCharacters(keepingLineFeeds: true))"
        case .outputFailed:
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
