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
        let outcome: Result<Void, XMLStreamError> = withoutActuallyEscaping(handle) { handle in
            StreamContext(handle: handle).run(path: path, next: next)
        }
        try outcome.get()
    }
}

/// The state of one streamed read, reachable from libxml2's callbacks.
///
/// The document goes through libxml2's push parser with SAX2 callbacks and no tree: each element's line is
/// the parser's line at its start tag, exact however long the document (a tree node's line stops at
/// 65,535), and nothing is built that the handler does not keep.
private final class StreamContext {
    let handle: (XMLStreamEvent) throws(XMLStreamError) -> Void
    /// The parser, once the first bytes have come.
    var parser: xmlParserCtxtPtr?
    /// What the handler threw; the parser is stopped then.
    var handlerError: XMLStreamError?
    var firstError: (line: Int, column: Int, message: String)?
    var namespaces = InternedStrings()
    /// The text since the last element started or ended, and the line where it started: the parser hands
    /// text over in pieces, the handler gets it whole.
    private var text: [UInt8] = []
    private var textLine = 0

    init(handle: @escaping (XMLStreamEvent) throws(XMLStreamError) -> Void) {
        self.handle = handle
    }

    /// The line the parser has reached.
    var line: Int { parser.map { Int($0.pointee.input?.pointee.line ?? 0) } ?? 0 }

    /// Adds a piece of text.
    func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        if text.isEmpty { textLine = line }
        text.append(contentsOf: bytes)
    }

    /// Hands `event` to the handler, after the text before it unless that is only white space (between
    /// elements); stops the parser when the handler throws.
    func send(_ event: XMLStreamEvent) {
        if !text.isEmpty {
            let isWhitespace = text.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
            let pending = isWhitespace ? nil : String(decoding: text, as: UTF8.self)
            text.removeAll(keepingCapacity: true)
            if let pending { send(.text(pending, line: textLine)) }
        }
        guard handlerError == nil else { return }
        do {
            try handle(event)
        } catch {
            handlerError = error
            if let parser { xmlStopParser(parser) }
        }
    }

    static func from(_ pointer: UnsafeMutableRawPointer?) -> StreamContext? {
        pointer.map { Unmanaged<StreamContext>.fromOpaque($0).takeUnretainedValue() }
    }

    /// The callbacks: elements, text and errors; nothing else (no DTD, no entities, no tree).
    static func callbacks() -> xmlSAXHandler {
        var handler = xmlSAXHandler()
        handler.initialized = XML_SAX2_MAGIC
        handler.startElementNs = { context, name, _, namespace, _, _, _, _, _ in
            guard let stream = StreamContext.from(context) else { return }
            let text = LibXML2.string(name)
            stream.send(.start(name: text, namespace: stream.namespaces.string(namespace), line: stream.line))
        }
        handler.endElementNs = { context, _, _, _ in StreamContext.from(context)?.send(.end) }
        let characters: charactersSAXFunc = { context, bytes, count in
            guard let stream = StreamContext.from(context), let bytes, count > 0 else { return }
            stream.add(UnsafeBufferPointer(start: bytes, count: Int(count)))
        }
        handler.characters = characters
        handler.ignorableWhitespace = characters
        handler.cdataBlock = characters
        handler.serror = { context, error in
            guard let stream = StreamContext.from(context), let error, stream.firstError == nil else { return }
            stream.firstError = (
                Int(error.pointee.line), Int(error.pointee.int2),
                LibXML2.string(error.pointee.message).trimmingWhitespace()
            )
        }
        return handler
    }

    func run(
        path: String,
        next: () throws(XMLStreamError) -> [UInt8]?
    ) -> Result<Void, XMLStreamError> {
        var prolog = PrologScanner()
        defer { if let parser { xmlFreeParserCtxt(parser) } }
        while true {
            let block: [UInt8]?
            do {
                block = try next()
            } catch {
                return .failure(error)
            }
            if let block, !prolog.isDone, let doctypeLine = prolog.scan(block[...]) {
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
            // An empty block is not the end of the document: only `nil` is.
            if let block, block.isEmpty { continue }
            if parser == nil {
                var callbacks = Self.callbacks()
                let opaque = Unmanaged.passUnretained(self).toOpaque()
                guard let created = xmlCreatePushParserCtxt(&callbacks, opaque, nil, 0, path) else {
                    return .failure(
                        .source(
                            Diagnostic(
                                .error,
                                at: SourceLocation(path: path),
                                "out of memory while preparing the XML reader"
                            )
                        )
                    )
                }
                xmlCtxtUseOptions(created, LibXML2.parseOptions)
                parser = created
            }
            guard let parser else { continue }
            if let block {
                block.withUnsafeBytes { bytes in
                    _ = xmlParseChunk(
                        parser,
                        bytes.baseAddress?.assumingMemoryBound(to: CChar.self),
                        Int32(bytes.count),
                        0
                    )
                }
            } else {
                _ = xmlParseChunk(parser, nil, 0, 1)
            }
            if let handlerError { return .failure(handlerError) }
            if parser.pointee.wellFormed == 0 || (block == nil && parser.pointee.instate != XML_PARSER_EOF) {
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
            if block == nil { return .success(()) }
        }
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
