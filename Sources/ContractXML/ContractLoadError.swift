public import CapitationCore

/// Why a contract could not be loaded, with every problem found.
///
/// All problems are reported, not only the first: the file's own problems in document order, each with
/// its line and column and naming the element or attribute at fault.
public struct ContractLoadError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The file could not be read (missing, a directory, no permission, too large).
        public static let unreadable = Code("unreadable")
        /// The document was refused unread because it could be hostile (it declares a DOCTYPE).
        public static let refused = Code("refused")
        /// The file is not well-formed XML.
        public static let malformed = Code("malformed")
        /// The document does not match the contract schema.
        public static let schemaViolation = Code("schema violation")
        /// The document matches the schema but breaks the contract's rules.
        public static let ruleViolation = Code("rule violation")

        public var description: String { name }
    }

    /// The kind of failure.
    public var code: Code
    /// Every problem found, errors and warnings, with notes.
    public var diagnostics: [Diagnostic]

    public init(code: Code, diagnostics: [Diagnostic]) {
        self.code = code
        self.diagnostics = diagnostics
    }

    /// All diagnostics, one per line.
    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
