import CLibXML2
import CapitationCore

/// Validates a parsed document against an XSD and turns libxml2's messages into located diagnostics.
struct SchemaValidator {
    let reader: XMLDocumentReader
    let elements: [UnsafeMutableRawPointer: XMLElement]
    let catalog: SchemaCatalog
    let namespace: String

    /// One error as libxml2 reported it.
    struct RawError {
        var node: UnsafeMutableRawPointer?
        var line: Int
        var message: String
    }

    /// Collects libxml2's structured errors; passed to C as an opaque pointer.
    final class Collector {
        var errors: [RawError] = []
    }

    func validate(_ document: xmlDocPtr, against schema: [UInt8]) -> [Diagnostic] {
        let collector = Collector()
        let opaque = Unmanaged.passUnretained(collector).toOpaque()
        let handler: xmlStructuredErrorFunc = { userData, error in
            guard let userData, let error else { return }
            let collector = Unmanaged<Collector>.fromOpaque(userData).takeUnretainedValue()
            collector.errors.append(
                RawError(
                    node: error.pointee.node,
                    line: Int(error.pointee.line),
                    message: LibXML2.string(error.pointee.message).trimmingWhitespace()
                )
            )
        }
        let parsedSchema: xmlSchemaPtr? = schema.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                guard let parserContext = xmlSchemaNewMemParserCtxt(chars.baseAddress, Int32(chars.count)) else {
                    return nil
                }
                defer { xmlSchemaFreeParserCtxt(parserContext) }
                xmlSchemaSetParserStructuredErrors(parserContext, handler, opaque)
                return xmlSchemaParse(parserContext)
            }
        }
        guard let parsedSchema else {
            let detail = collector.errors.map(\.message).joined(separator: "; ")
            return [Diagnostic(.error, at: nil, "internal error: the contract schema does not load: \(detail)")]
        }
        defer { xmlSchemaFree(parsedSchema) }
        guard let validationContext = xmlSchemaNewValidCtxt(parsedSchema) else {
            return [Diagnostic(.error, at: nil, "out of memory while preparing schema validation")]
        }
        defer { xmlSchemaFreeValidCtxt(validationContext) }
        xmlSchemaSetValidStructuredErrors(validationContext, handler, opaque)
        _ = xmlSchemaValidateDoc(validationContext, document)
        return SchemaMessages(catalog: catalog, namespace: namespace).diagnostics(
            for: collector.errors,
            elements: elements,
            reader: reader
        )
    }
}
