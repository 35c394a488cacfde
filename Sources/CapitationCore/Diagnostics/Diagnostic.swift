/// A message about an input, with where it applies: `contract.xml:12:5: error: <cell> … overlaps …`.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    /// How serious a diagnostic is.
    public enum Severity: String, Hashable, Sendable, Comparable, CustomStringConvertible {
        /// The input cannot be used.
        case error
        /// The input can be used but is probably not what was meant.
        case warning
        /// More information about the diagnostic before it.
        case note

        public var description: String { rawValue }

        private var rank: Int {
            switch self {
            case .error: 0
            case .warning: 1
            case .note: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// How serious it is.
    public var severity: Severity
    /// Where it applies, if anywhere in particular.
    public var location: SourceLocation?
    /// What is wrong, in one sentence.
    public var message: String

    public init(_ severity: Severity, at location: SourceLocation?, _ message: String) {
        self.severity = severity
        self.location = location
        self.message = message
    }

    /// `file:line:column: severity: message`, leaving out what is unknown.
    ///
    /// Any control character of a corrupt input is written visibly (`\u{0}`), never raw.
    public var description: String {
        let message = message.escapingControlCharacters(keepingLineFeeds: true)
        guard let location else { return "\(severity): \(message)" }
        return "\(location.description.visiblyEscapingControlCharacters): \(severity): \(message)"
    }
}

/// A place in an input file: the file's path and, when known, a 1-based line and column.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The path as the user gave it.
    public var path: String
    /// The line, from 1.
    public var line: Int?
    /// The column in characters, from 1.
    public var column: Int?

    public init(path: String, line: Int? = nil, column: Int? = nil) {
        self.path = path
        self.line = line
        self.column = column
    }

    /// `path:line:column`.
    public var description: String {
        var text = path
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        return text
    }
}

extension Sequence<Diagnostic> {
    /// Whether any of the diagnostics is an error.
    public var containsErrors: Bool { contains { $0.severity == .error } }
}

extension [Diagnostic] {
    /// The diagnostics ordered by line and column; those without a location first, ties in their order.
    public func sortedByLocation() -> [Diagnostic] {
        enumerated().sorted { lhs, rhs in
            let left = (lhs.element.location?.line ?? 0, lhs.element.location?.column ?? 0, lhs.offset)
            let right = (rhs.element.location?.line ?? 0, rhs.element.location?.column ?? 0, rhs.offset)
            return left < right
        }.map(\.element)
    }
}
