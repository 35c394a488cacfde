public import CapitationCore
import SafeXML

/// Loads contracts from XML: hardened parsing, validation against `Contracts/contract.xsd`, and the
/// contract's rules.
///
/// ```swift
/// let loaded = try ContractLoader().load(contentsOf: "Contracts/fieldlab-oost-achterhoek.xml")
/// print(loaded.contract.title, loaded.warnings.count)
/// ```
public struct ContractLoader: Sendable {
    /// The namespace of the contract format, version 1.
    public static let namespace = "urn:capitation:contract:1"

    /// The largest contract file accepted by default: 256 MiB.
    public static let maximumFileSize = 256 * 1024 * 1024

    /// The largest contract file this loader reads; a larger one is refused before it is parsed.
    public var maximumFileSize: Int

    public init(maximumFileSize: Int = ContractLoader.maximumFileSize) {
        self.maximumFileSize = maximumFileSize
    }

    /// The contract schema (XSD) the loader validates against, as UTF-8 text.
    public static var schema: String { String(decoding: PackageResources.contract_xsd, as: UTF8.self) }

    /// Reads and loads the contract at `path`.
    ///
    /// - Parameter path: The file's path, as it should appear in diagnostics.
    /// - Returns: The contract and any warnings about it.
    /// - Throws: ``ContractLoadError`` with code ``ContractLoadError/Code/unreadable`` when the file cannot be
    ///   read, or any code of ``load(bytes:path:)``.
    public func load(contentsOf path: String) throws(ContractLoadError) -> LoadedContract {
        let bytes: [UInt8]
        do {
            bytes = try FileContents.read(path, limit: maximumFileSize)
        } catch {
            throw ContractLoadError(
                code: .unreadable,
                diagnostics: [Diagnostic(.error, at: SourceLocation(path: path), error.description)]
            )
        }
        return try load(bytes: bytes, path: path)
    }

    /// Loads a contract from the bytes of an XML document.
    ///
    /// - Parameters:
    ///   - bytes: The document, UTF-8 unless its XML declaration says otherwise.
    ///   - path: The name to use in diagnostics.
    /// - Returns: The contract and any warnings about it.
    /// - Throws: ``ContractLoadError`` with code ``ContractLoadError/Code/refused`` for a document with a
    ///   DOCTYPE, ``ContractLoadError/Code/malformed`` for one that is not well-formed,
    ///   ``ContractLoadError/Code/schemaViolation`` when it does not match the schema, and
    ///   ``ContractLoadError/Code/ruleViolation`` when it breaks a rule of contracts.
    public func load(bytes: [UInt8], path: String) throws(ContractLoadError) -> LoadedContract {
        let reader = XMLDocumentReader(path: path, bytes: bytes)
        let root: XMLElement
        switch reader.read(
            validatingAgainst: PackageResources.contract_xsd,
            catalog: .contract,
            namespace: Self.namespace
        ) {
        case .refused(let diagnostics):
            throw ContractLoadError(code: .refused, diagnostics: diagnostics)
        case .malformed(let diagnostics):
            throw ContractLoadError(code: .malformed, diagnostics: diagnostics)
        case .parsed(_, let diagnostics) where !diagnostics.isEmpty:
            throw ContractLoadError(code: .schemaViolation, diagnostics: diagnostics)
        case .parsed(let element, _):
            root = element
        }
        var decoder = ContractDecoder(reader: reader)
        guard let contract = decoder.decode(root) else {
            throw ContractLoadError(code: .schemaViolation, diagnostics: decoder.diagnostics.sortedByLocation())
        }
        let violations = contract.validate()
        let locator = ViolationLocator(reader: reader, sourceMap: decoder.sourceMap)
        let diagnostics = locator.diagnostics(for: violations)
        if violations.contains(where: { $0.severity == .error }) {
            throw ContractLoadError(code: .ruleViolation, diagnostics: diagnostics)
        }
        return LoadedContract(
            contract: contract,
            warnings: diagnostics,
            settlementWarnings: locator.settlementWarnings(for: violations)
        )
    }
}

/// A contract that loaded, with the warnings about it.
public struct LoadedContract: Sendable {
    /// The contract.
    public var contract: Contract
    /// Warnings (and their notes): things that are allowed but probably not meant.
    public var warnings: [Diagnostic]
    /// The same warnings as a settlement records them: each with its kind and figures, in the same order.
    public var settlementWarnings: [SettlementWarning]
}
