import CLibXML2
import CapitationCore
import Synchronization

/// An XSD made of several documents — a message schema and the schemas it imports — validated from memory.
///
/// The official iWmo schemas import their basisschema by a relative `schemaLocation`. The external-entity
/// loader that refuses everything (see ``LibXML2``) serves exactly the documents registered here, by the
/// name they are imported under, and still refuses every other file and every network address: a schema
/// reaches only the bytes it was given.
package struct SchemaSet: Sendable {
    /// The main schema's bytes.
    let schema: [UInt8]
    /// The name the main schema is parsed under; imports resolve against it.
    let name: String

    /// A schema `schema` named `name`, whose imports are `imports` (bytes by the name of their
    /// `schemaLocation`, such as `basisschema.xsd`).
    package init(name: String, schema: [UInt8], imports: [String: [UInt8]]) {
        self.name = name
        self.schema = schema
        for (location, bytes) in imports { SchemaImports.register(location, bytes) }
    }

    /// One schema error: the line of the element and libxml2's message.
    package struct Violation: Hashable, Sendable, CustomStringConvertible {
        package var line: Int
        package var message: String
        package var description: String { "line \(line): \(message)" }
    }

    /// What validating a document found.
    package enum Outcome: Hashable, Sendable {
        /// The document is not well-formed XML, or declares a DOCTYPE.
        case unreadable(String)
        /// The schema itself did not load.
        case schemaUnusable(String)
        /// The document was read; `violations` is empty when it is valid.
        case validated(violations: [Violation])

        /// What is wrong, one line each; empty for a valid document.
        package var problems: [String] {
            switch self {
            case .unreadable(let why), .schemaUnusable(let why): [why]
            case .validated(let violations): violations.map(\.description)
            }
        }
    }

    /// Parses `document` with the hardened options and validates it against the schema.
    package func validate(_ document: [UInt8]) -> Outcome {
        // As everywhere: a document with a DTD is refused unread.
        if SourceIndex(document).offset(of: "<!DOCTYPE") != nil {
            return .unreadable("the document declares a DOCTYPE")
        }
        LibXML2.prepare()
        let collector = SchemaValidator.Collector()
        let opaque = Unmanaged.passUnretained(collector).toOpaque()
        let handler: xmlStructuredErrorFunc = { userData, error in
            guard let userData, let error else { return }
            let collector = Unmanaged<SchemaValidator.Collector>.fromOpaque(userData).takeUnretainedValue()
            collector.errors.append(
                SchemaValidator.RawError(
                    node: error.pointee.node,
                    line: Int(error.pointee.line),
                    message: LibXML2.string(error.pointee.message).trimmingWhitespace()
                )
            )
        }
        let parsedSchema: xmlSchemaPtr? = schema.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                guard
                    let schemaDocument = xmlReadMemory(
                        chars.baseAddress,
                        Int32(chars.count),
                        name,
                        nil,
                        LibXML2.parseOptions
                    )
                else { return nil }
                guard let parserContext = xmlSchemaNewDocParserCtxt(schemaDocument) else {
                    xmlFreeDoc(schemaDocument)
                    return nil
                }
                defer { xmlSchemaFreeParserCtxt(parserContext) }
                xmlSchemaSetParserStructuredErrors(parserContext, handler, opaque)
                return xmlSchemaParse(parserContext)
            }
        }
        guard let parsedSchema else {
            return .schemaUnusable(collector.errors.map(\.message).joined(separator: "; "))
        }
        defer { xmlSchemaFree(parsedSchema) }
        let parsedDocument = document.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                xmlReadMemory(chars.baseAddress, Int32(chars.count), "document", nil, LibXML2.parseOptions)
            }
        }
        guard let parsedDocument else { return .unreadable("the document is not well-formed XML") }
        defer { xmlFreeDoc(parsedDocument) }
        guard let validationContext = xmlSchemaNewValidCtxt(parsedSchema) else {
            return .schemaUnusable("out of memory while preparing schema validation")
        }
        defer { xmlSchemaFreeValidCtxt(validationContext) }
        xmlSchemaSetValidStructuredErrors(validationContext, handler, opaque)
        _ = xmlSchemaValidateDoc(validationContext, parsedDocument)
        return .validated(violations: collector.errors.map { Violation(line: $0.line, message: $0.message) })
    }
}

/// The documents a schema may import, by name; the only ones the external-entity loader serves.
enum SchemaImports {
    private static let documents = Mutex<[String: [UInt8]]>([:])

    static func register(_ name: String, _ bytes: [UInt8]) {
        documents.withLock { $0[name] = bytes }
    }

    /// The bytes registered under `url`, if any.
    static func document(_ url: String) -> [UInt8]? {
        documents.withLock { $0[url] }
    }
}
