public import CapitationCore

/// Why an input file (a roster, an indicator file, the header of a claim file) cannot be used, with every
/// problem found, each located by file, line and column name.
public struct InputError: Error, Sendable, CustomStringConvertible {
    /// The problems, at most ``InputError/limit`` of them; ``omitted`` counts the rest.
    public var diagnostics: [Diagnostic]
    /// Problems found beyond the limit.
    public var omitted: Int

    /// The most problems reported per file.
    public static let limit = 100

    public init(diagnostics: [Diagnostic], omitted: Int = 0) {
        self.diagnostics = diagnostics
        self.omitted = omitted
    }

    public var description: String {
        (diagnostics.map(\.description) + (omitted > 0 ? ["… and \(omitted) more problems in the same file"] : []))
            .joined(separator: "\n")
    }
}

/// Collects located problems of one file, up to ``InputError/limit``.
public struct ProblemCollector: Sendable {
    public let path: String
    public private(set) var diagnostics: [Diagnostic] = []
    public var omitted = 0

    public init(path: String) {
        self.path = path
    }

    /// Whether no problem was found.
    public var isEmpty: Bool { diagnostics.isEmpty && omitted == 0 }

    public mutating func add(line: Int?, _ message: String) {
        guard diagnostics.count < InputError.limit else {
            omitted += 1
            return
        }
        diagnostics.append(Diagnostic(.error, at: SourceLocation(path: path, line: line), message))
    }

    /// The problems as an error, or `nil` when there are none.
    public var error: InputError? {
        diagnostics.isEmpty ? nil : InputError(diagnostics: diagnostics, omitted: omitted)
    }
}
