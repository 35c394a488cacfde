import CLibXML2
package import CapitationCore

/// One step of a streamed XML document.
package enum XMLStreamEvent {
    /// An element starts: its local name, namespace URI and line.
    case start(name: String, namespace: String, line: Int)
    /// The current element ends.
    case end
    /// Text (or CDATA) inside the current element.
    case text(String, line: Int)
}

/// Why a streamed XML document could not be read.
package enum XMLStreamError: Error {
    /// Refused unread, like contracts: the document declares a DOCTYPE.
    case refused(Diagnostic)
    /// Not well-formed XML.
    case malformed(Diagnostic)
    /// The content broke the rules of its format, as the event handler found.
    case content([Diagnostic])
    /// The bytes could not be read.
    case source(Diagnostic)
}

/// Reads an XML document as a stream of events, with the same hardening as ``XMLDocumentReader``.
///
/// No network, no DTD, no entity substitution, and a document that declares a DOCTYPE is refused before
/// the declaration is parsed. Memory stays small however large the document: the document is never built.
package enum XMLStreamReader {
    /// Streams the document whose bytes `next` returns block by block, calling `handle` for each event.
    ///
    /// - Throws: ``XMLStreamError``: refused, malformed, content (from `handle`), or source.
    package static func read(
        path: String,
        next: () throws(XMLStreamError) -> [UInt8]?,
        _ handle: (XMLStreamEvent) throws(XMLStreamError) -> Void
    ) throws(XMLStreamError) {
        LibXML2.prepare()
        let outcome: Result<Void, XMLStreamError> = withoutActuallyEscaping(next) { next in
            withoutActuallyEscaping(handle) { handle in
                let context = StreamContext(next: next)
                return context.run(path: path, handle: handle)
            }
        }
        try outcome.get()
    }
}

/// The state of one streamed read, reachable from libxml2's callbacks.
private final class StreamContext {
    let next: () throws(XMLStreamError) -> [UInt8]?
    private var pending: [UInt8] = []
    private var offset = 0
    private var prolog = PrologScanner()
    var declaresDoctype = false
    var sourceError: XMLStreamError?
    var firstError: (line: Int, column: Int, message: String)?
    /// The line of the DOCTYPE declaration, when one was found.
    var doctypeLine = 1

    init(next: @escaping () throws(XMLStreamError) -> [UInt8]?) {
        self.next = next
    }

    /// Copies up to `capacity` bytes into `buffer`; 0 at the end, −1 to stop.
    func fill(_ buffer: UnsafeMutablePointer<CChar>, capacity: Int) -> Int32 {
        while offset >= pending.count {
            // An empty block is not the end of the document: only `nil` is.
            do {
                guard let block = try next() else { return 0 }
                pending = block
                offset = 0
            } catch {
                sourceError = error
                return -1
            }
        }
        let count = min(capacity, pending.count - offset)
        if !prolog.isDone {
            if let line = prolog.scan(pending[offset..<(offset + count)]) {
                declaresDoctype = true
                doctypeLine = line
                return -1
            }
        }
        pending.withUnsafeBytes { source in
            UnsafeMutableRawBufferPointer(start: buffer, count: count).copyMemory(
                from: UnsafeRawBufferPointer(rebasing: source[offset..<(offset + count)])
            )
        }
        offset += count
        return Int32(count)
    }

    func run(path: String, handle: (XMLStreamEvent) throws(XMLStreamError) -> Void) -> Result<Void, XMLStreamError> {
        let opaque = Unmanaged.passUnretained(self).toOpaque()
        guard
            let reader = xmlReaderForIO(
                { context, buffer, length in
                    guard let context, let buffer else { return -1 }
                    return Unmanaged<StreamContext>.fromOpaque(context).takeUnretainedValue().fill(
                        buffer,
                        capacity: Int(length)
                    )
                },
                nil,
                opaque,
                path,
                nil,
                LibXML2.parseOptions
            )
        else {
            return .failure(
                .source(
                    Diagnostic(.error, at: SourceLocation(path: path), "out of memory while preparing the XML reader")
                )
            )
        }
        defer { xmlFreeTextReader(reader) }
        xmlTextReaderSetStructuredErrorHandler(
            reader,
            { userData, error in
                guard let userData, let error else { return }
                let context = Unmanaged<StreamContext>.fromOpaque(userData).takeUnretainedValue()
                if context.firstError == nil {
                    context.firstError = (
                        Int(error.pointee.line), Int(error.pointee.int2),
                        LibXML2.string(error.pointee.message).trimmingWhitespace()
                    )
                }
            },
            opaque
        )
        var namespaces = InternedStrings()
        while true {
            let status = xmlTextReaderRead(reader)
            if declaresDoctype {
                return .failure(
                    .refused(
                        Diagnostic(
                            .error,
                            at: SourceLocation(path: path, line: doctypeLine),
                            "the document declares a DOCTYPE; XML inputs may not use DTDs or entities (they can read local files or expand without limit), so it was refused unread"
                        )
                    )
                )
            }
            if let sourceError { return .failure(sourceError) }
            if status == 0 { break }
            guard status == 1 else {
                let error = firstError
                let message = error.map { "not well-formed XML: \($0.message)" } ?? "not well-formed XML"
                return .failure(
                    .malformed(
                        Diagnostic(
                            .error,
                            at: SourceLocation(
                                path: path,
                                line: error.map(\.line),
                                column: error.map(\.column).flatMap { $0 > 0 ? $0 : nil }
                            ),
                            message
                        )
                    )
                )
            }
            // The node's own line: the parser's line runs ahead by as much as it has buffered.
            let node = xmlTextReaderCurrentNode(reader)
            let line = node.map { Int(xmlGetLineNo($0)) } ?? Int(xmlTextReaderGetParserLineNumber(reader))
            do {
                switch xmlTextReaderNodeType(reader) {
                case Int32(XML_READER_TYPE_ELEMENT.rawValue):
                    let name = LibXML2.string(xmlTextReaderConstLocalName(reader))
                    let namespace = namespaces.string(xmlTextReaderConstNamespaceUri(reader))
                    try handle(.start(name: name, namespace: namespace, line: line))
                    if xmlTextReaderIsEmptyElement(reader) == 1 { try handle(.end) }
                case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
                    try handle(.end)
                case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue):
                    try handle(.text(LibXML2.string(xmlTextReaderConstValue(reader)), line: line))
                default:
                    break
                }
            } catch {
                return .failure(error)
            }
        }
        return .success(())
    }
}

/// Watches the bytes before the root element for a DOCTYPE declaration, skipping comments and
/// processing instructions; done at the root element's start tag.
private struct PrologScanner {
    private(set) var isDone = false
    private var line = 1
    private var state = State.text
    private var recent: [UInt8] = []

    private enum State { case text, comment, instruction }

    /// Scans `bytes`; returns the line of a DOCTYPE declaration when one starts here.
    mutating func scan(_ bytes: ArraySlice<UInt8>) -> Int? {
        for byte in bytes {
            if byte == UInt8(ascii: "\n") { line += 1 }
            recent.append(byte)
            if recent.count > 9 { recent.removeFirst(recent.count - 9) }
            switch state {
            case .comment:
                if recent.suffix(3).elementsEqual("-->".utf8) { state = .text }
            case .instruction:
                if recent.suffix(2).elementsEqual("?>".utf8) { state = .text }
            case .text:
                if recent.suffix(4).elementsEqual("<!--".utf8) {
                    state = .comment
                } else if recent.suffix(2).elementsEqual("<?".utf8) {
                    state = .instruction
                } else if recent.suffix(9).elementsEqual("<!DOCTYPE".utf8) {
                    return line
                } else if recent.count >= 2, recent[recent.count - 2] == UInt8(ascii: "<"), byte != UInt8(ascii: "!"),
                    byte != UInt8(ascii: "?")
                {
                    isDone = true
                    return nil
                }
            }
        }
        return nil
    }
}

/// The texts of the few strings the reader interns and hands out again and again (namespace names, which
/// the reader keeps in its dictionary for its whole life), made once each instead of once per element.
private struct InternedStrings {
    private var known: [(pointer: UnsafePointer<xmlChar>, text: String)] = []

    /// The text of `pointer`, a string interned by the reader.
    mutating func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        for entry in known where entry.pointer == pointer { return entry.text }
        let text = LibXML2.string(pointer)
        // A document with many namespaces is read correctly, only without the saving.
        if known.count < 8 { known.append((pointer, text)) }
        return text
    }
}
