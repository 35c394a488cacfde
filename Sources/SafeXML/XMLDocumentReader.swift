import CLibXML2
package import CapitationCore

/// Parses XML with libxml2, hardened against hostile input, and validates it against a schema.
///
/// - No network access, no DTD loading, no entity substitution, no XInclude; an external-entity loader
///   that refuses everything.
/// - A document that declares a DOCTYPE is refused as soon as the declaration starts, before any entity
///   in it is read or expanded: contracts have no use for DTDs, and DTDs are how XXE and entity-expansion
///   bombs get in.
/// - libxml2's own limits stay on (no `XML_PARSE_HUGE`): nesting deeper than 256 and text nodes over
///   10 MB are errors.
package struct XMLDocumentReader {
    /// What reading produced.
    package enum Outcome {
        /// The document was refused without being read (it declares a DOCTYPE).
        case refused([Diagnostic])
        /// The document is not well-formed XML.
        case malformed([Diagnostic])
        /// The document is well-formed; `diagnostics` holds its schema errors, if any.
        case parsed(XMLElement, diagnostics: [Diagnostic])
    }

    package let path: String
    let bytes: [UInt8]
    let index: SourceIndex

    package init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        self.index = SourceIndex(bytes)
    }

    package func location(_ position: Position?) -> SourceLocation {
        SourceLocation(path: path, line: position?.line, column: position?.column)
    }

    func location(ofOffset offset: Int) -> SourceLocation {
        let (line, column) = index.position(ofOffset: offset)
        return SourceLocation(path: path, line: line, column: column)
    }

    /// Parses the document and validates it against `schema` (the bytes of an XSD).
    package func read(validatingAgainst schema: [UInt8], catalog: SchemaCatalog, namespace: String) -> Outcome {
        if let nul = bytes.firstIndex(of: 0) {
            return .malformed([
                Diagnostic(.error, at: location(ofOffset: nul), "the file is not text: it contains a NUL byte")
            ])
        }
        LibXML2.prepare()
        guard let context = xmlNewParserCtxt() else {
            return .malformed([Diagnostic(.error, at: location(nil), "out of memory while preparing the XML parser")])
        }
        defer { xmlFreeParserCtxt(context) }
        let state = ParseState()
        context.pointee._private = Unmanaged.passUnretained(state).toOpaque()
        // Stop at the first DOCTYPE, before anything in it is read.
        context.pointee.sax.pointee.internalSubset = { parserContext, _, _, _ in
            guard let context = parserContext?.assumingMemoryBound(to: xmlParserCtxt.self),
                let state = ParseState.of(context)
            else { return }
            state.declaresDoctype = true
            xmlStopParser(context)
        }
        // Collect every well-formedness error; libxml2 keeps only the last, and the first is the cause.
        context.pointee.sax.pointee.serror = { userData, error in
            guard let context = userData?.assumingMemoryBound(to: xmlParserCtxt.self),
                let state = ParseState.of(context), let error
            else { return }
            state.errors.append(
                (Int(error.pointee.line), Int(error.pointee.int2), LibXML2.string(error.pointee.message))
            )
        }
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                xmlCtxtReadMemory(context, chars.baseAddress, Int32(chars.count), path, nil, LibXML2.parseOptions)
            }
        }
        defer { if let document { xmlFreeDoc(document) } }

        if state.declaresDoctype {
            let offset = index.offset(of: "<!DOCTYPE") ?? 0
            return .refused([
                Diagnostic(
                    .error,
                    at: location(ofOffset: offset),
                    "the document declares a DOCTYPE; contracts may not use DTDs or entities (they can read local files or expand without limit), so it was refused unread"
                )
            ])
        }
        guard let document, context.pointee.wellFormed != 0, let root = xmlDocGetRootElement(document) else {
            return .malformed([malformedDiagnostic(state.errors.first)])
        }
        var builder = TreeBuilder(index: index)
        let tree = builder.element(from: root)
        let schemaDiagnostics = SchemaValidator(
            reader: self,
            elements: builder.elementsByNode,
            catalog: catalog,
            namespace: namespace
        )
        .validate(document, against: schema)
        return .parsed(tree, diagnostics: schemaDiagnostics)
    }

    private func malformedDiagnostic(_ error: (line: Int, column: Int, message: String)?) -> Diagnostic {
        let isBlank = bytes.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        guard let error, !isBlank else {
            let (line, column) = index.position(ofOffset: bytes.count)
            let message = isBlank ? "the file is empty" : "the file is not well-formed XML"
            return Diagnostic(.error, at: SourceLocation(path: path, line: line, column: column), message)
        }
        var message = error.message.trimmingWhitespace()
        if message.hasPrefix("Input is not proper UTF-8") {
            message = "the file is not UTF-8 text (and declares no other encoding)"
        } else if message.hasPrefix("Start tag expected") {
            message = "the file is not XML: it does not start with an element"
        } else if message.hasPrefix("Excessive depth") {
            message = "elements are nested more than 256 levels deep"
        } else if message.hasPrefix("AttValue length too long") {
            message = "an attribute value is longer than 10 MB, the most accepted"
        } else {
            message = "not well-formed XML: " + message
        }
        return Diagnostic(
            .error,
            at: SourceLocation(
                path: path,
                line: error.line > 0 ? error.line : nil,
                column: error.column > 0 ? error.column : nil
            ),
            message
        )
    }
}

/// What the parser callbacks record, reachable from the parser context's `_private` pointer.
final class ParseState {
    var declaresDoctype = false
    var errors: [(line: Int, column: Int, message: String)] = []

    static func of(_ context: xmlParserCtxtPtr) -> ParseState? {
        context.pointee._private.map { Unmanaged<ParseState>.fromOpaque($0).takeUnretainedValue() }
    }
}

/// Converts a libxml2 tree to ``XMLElement`` values, with source positions from the ``SourceIndex``.
struct TreeBuilder {
    let index: SourceIndex
    /// Every element's value, by the address of its libxml2 node, for mapping schema errors.
    private(set) var elementsByNode: [UnsafeMutableRawPointer: XMLElement] = [:]
    private var ordinal = 0

    init(index: SourceIndex) {
        self.index = index
    }

    mutating func element(from node: xmlNodePtr) -> XMLElement {
        let name = LibXML2.string(node.pointee.name)
        let tag = ordinal < index.startTags.count ? index.startTags[ordinal] : nil
        // Trust the lexed tag only when its name matches; otherwise fall back to libxml2's line.
        let matchedTag = tag.flatMap { $0.name == name || $0.name.hasSuffix(":" + name) ? $0 : nil }
        let position =
            matchedTag.map { self.position(ofOffset: $0.offset) }
            ?? Position(line: Int(xmlGetLineNo(node)), column: nil)
        let elementOrdinal = ordinal
        ordinal += 1
        var attributes: [XMLAttribute] = []
        var attribute = node.pointee.properties
        while let current = attribute {
            let attributeName = LibXML2.string(current.pointee.name)
            let prefix = current.pointee.ns.map { LibXML2.string($0.pointee.prefix) }
            let lexedName = prefix.map { "\($0):\(attributeName)" } ?? attributeName
            let attributePosition =
                matchedTag?.attributeOffsets[lexedName].map { self.position(ofOffset: $0) } ?? position
            attributes.append(
                XMLAttribute(
                    name: attributeName,
                    namespace: current.pointee.ns.map { LibXML2.string($0.pointee.href) },
                    value: Self.text(of: current.pointee.children),
                    location: attributePosition
                )
            )
            attribute = current.pointee.next
        }
        var children: [XMLElement] = []
        var text = ""
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                children.append(self.element(from: current))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                text += LibXML2.string(current.pointee.content)
            default:
                break
            }
            child = current.pointee.next
        }
        let element = XMLElement(
            name: name,
            namespace: node.pointee.ns.map { LibXML2.string($0.pointee.href) },
            attributes: attributes,
            children: children,
            text: text,
            location: position,
            ordinal: elementOrdinal
        )
        elementsByNode[UnsafeMutableRawPointer(node)] = element
        return element
    }

    private func position(ofOffset offset: Int) -> Position {
        let (line, column) = index.position(ofOffset: offset)
        return Position(line: line, column: column)
    }

    /// The concatenated text of a list of text nodes (an attribute's value).
    private static func text(of first: xmlNodePtr?) -> String {
        var result = ""
        var node = first
        while let current = node {
            result += LibXML2.string(current.pointee.content)
            node = current.pointee.next
        }
        return result
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    package func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
