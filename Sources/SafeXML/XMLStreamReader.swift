import CLibXML2
package import CapitationCore

/// An element's start tag, as a streamed document hands it over.
package struct XMLElementStart {
    /// The position of its local name among the reader's ``XMLNames/names``; `nil` when it is not there.
    package let name: Int?
    /// The position of its namespace among the reader's ``XMLNames/namespaces``, where an element without a
    /// namespace has the empty text; `nil` when it is not there.
    package let namespace: Int?
    /// The line of its start tag.
    package let line: Int
    fileprivate let localNameText: UnsafePointer<xmlChar>?
    fileprivate let namespaceText: UnsafePointer<xmlChar>?

    /// Its local name, read from the parser: only during the event.
    package var localName: String { LibXML2.string(localNameText) }
    /// Its namespace name (URI), empty for none, read from the parser: only during the event.
    package var namespaceName: String { LibXML2.string(namespaceText) }
}

/// One step of a streamed XML document.
package enum XMLStreamEvent {
    /// An element starts.
    case start(XMLElementStart)
    /// The current element ends.
    case end
    /// Text (or CDATA) inside the current element, as UTF-8, whole between two tags (comments aside) and
    /// never only white space; the bytes are the reader's, valid only during the event.
    case text(UnsafeBufferPointer<UInt8>, line: Int)
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
///
/// Elements are handed over as the positions of their names among the ``XMLNames`` the reader is given,
/// and texts as bytes, so that a reader of a large document makes no string of a name or a text it does
/// not keep.
package enum XMLStreamReader {
    /// Streams the document whose bytes `next` returns block by block, calling `handle` for each event.
    ///
    /// - Throws: ``XMLStreamError``: refused, malformed, content (from `handle`), or source.
    package static func read(
        path: String,
        names: XMLNames,
        next: () throws(XMLStreamError) -> [UInt8]?,
        _ handle: (XMLStreamEvent) throws(XMLStreamError) -> Void
    ) throws(XMLStreamError) {
        LibXML2.prepare()
        let outcome: Result<Void, XMLStreamError> = withoutActuallyEscaping(handle) { handle in
            StreamContext(handle: handle, names: names).run(path: path, next: next)
        }
        try outcome.get()
    }
}

/// The state of one streamed read, reachable from libxml2's callbacks.
///
/// The document goes through libxml2's push parser with SAX2 callbacks and no tree: each element's line is
/// the parser's line at its start tag, exact however long the document (a tree node's line stops at
/// 65,535), and nothing is built that the handler does not keep. What changes as the document is read is
/// kept in ``State``, reached through a pointer, so that the callbacks need no checks of exclusive access.
private final class StreamContext {
    let handle: (XMLStreamEvent) throws(XMLStreamError) -> Void
    let state: UnsafeMutablePointer<State>

    struct State {
        /// The parser, once the first bytes have come.
        var parser: xmlParserCtxtPtr?
        /// What the handler threw; the parser is stopped then.
        var handlerError: XMLStreamError?
        var firstError: (line: Int, column: Int, message: String)?
        var names: XMLNameLookup
        var namespaces: XMLNameLookup
        /// The text since the last element started or ended, and the line where it started: the parser
        /// hands text over in pieces, the handler gets it whole.
        var text = TextBuffer()
        var textLine = 0
        /// The elements started and not yet ended.
        var openElements = 0

        /// The line the parser has reached.
        var line: Int { parser.map { Int($0.pointee.input?.pointee.line ?? 0) } ?? 0 }
    }

    init(handle: @escaping (XMLStreamEvent) throws(XMLStreamError) -> Void, names: XMLNames) {
        self.handle = handle
        state = .allocate(capacity: 1)
        state.initialize(
            to: State(names: XMLNameLookup(names.names), namespaces: XMLNameLookup(names.namespaces))
        )
    }

    deinit {
        state.pointee.text.release()
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// Adds a piece of text.
    func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        if state.pointee.text.count == 0 { state.pointee.textLine = state.pointee.line }
        state.pointee.text.append(bytes)
    }

    /// An element starts.
    func start(_ name: UnsafePointer<xmlChar>?, namespace: UnsafePointer<xmlChar>?) {
        let start = XMLElementStart(
            name: state.pointee.names.position(of: name),
            namespace: state.pointee.namespaces.position(of: namespace),
            line: state.pointee.line,
            localNameText: name,
            namespaceText: namespace
        )
        state.pointee.openElements += 1
        send(.start(start))
    }

    /// Hands `event` to the handler, after the text before it unless that is only white space (between
    /// elements); stops the parser when the handler throws.
    func send(_ event: XMLStreamEvent) {
        let text = state.pointee.text.bytes
        if text.count > 0 {
            state.pointee.text.removeAll()
            if !Self.isWhitespace(text) { send(.text(text, line: state.pointee.textLine)) }
        }
        guard state.pointee.handlerError == nil else { return }
        do {
            try handle(event)
        } catch {
            state.pointee.handlerError = error
            if let parser = state.pointee.parser { xmlStopParser(parser) }
        }
    }

    private static func isWhitespace(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }

    static func from(_ pointer: UnsafeMutableRawPointer?) -> StreamContext? {
        pointer.map { Unmanaged<StreamContext>.fromOpaque($0).takeUnretainedValue() }
    }

    /// The callbacks: elements, text and errors; nothing else (no DTD, no entities, no tree).
    static func callbacks() -> xmlSAXHandler {
        var handler = xmlSAXHandler()
        handler.initialized = XML_SAX2_MAGIC
        handler.startElementNs = { context, name, _, namespace, _, _, _, _, _ in
            StreamContext.from(context)?.start(name, namespace: namespace)
        }
        handler.endElementNs = { context, _, _, _ in
            guard let stream = StreamContext.from(context) else { return }
            stream.state.pointee.openElements -= 1
            stream.send(.end)
        }
        let characters: charactersSAXFunc = { context, bytes, count in
            guard let stream = StreamContext.from(context), let bytes, count > 0 else { return }
            stream.add(UnsafeBufferPointer(start: bytes, count: Int(count)))
        }
        handler.characters = characters
        handler.ignorableWhitespace = characters
        handler.cdataBlock = characters
        handler.serror = { context, error in
            guard let stream = StreamContext.from(context), let error, stream.state.pointee.firstError == nil
            else { return }
            stream.state.pointee.firstError = (
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
        defer { if let parser = state.pointee.parser { xmlFreeParserCtxt(parser) } }
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
            if state.pointee.parser == nil {
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
                state.pointee.parser = created
            }
            guard let parser = state.pointee.parser else { continue }
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
            if let handlerError = state.pointee.handlerError { return .failure(handlerError) }
            // libxml2 halts (its state the end of the document) without marking the document malformed
            // when it cannot go on, such as at bytes that cannot be read in the declared encoding: a
            // document that ends before its last block, or inside an element, is not complete.
            let halted =
                parser.pointee.instate == XML_PARSER_EOF && (block != nil || state.pointee.openElements > 0)
            if parser.pointee.wellFormed == 0 || halted || (block == nil && parser.pointee.instate != XML_PARSER_EOF) {
                let error = state.pointee.firstError
                let message =
                    error.map { "not well-formed XML: \($0.message)" }
                    ?? (halted
                        ? "not well-formed XML: reading stopped here, before the end of the document (at bytes that cannot be read in its declared encoding?)"
                        : "not well-formed XML")
                return .failure(
                    .malformed(
                        Diagnostic(
                            .error,
                            at: SourceLocation(
                                path: path,
                                line: error.map(\.line) ?? (halted ? state.pointee.line : nil),
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

/// A growing buffer of bytes, copied in whole pieces; released by its owner.
private struct TextBuffer {
    private var start: UnsafeMutablePointer<UInt8>?
    private(set) var count = 0
    private var capacity = 0

    /// The bytes, valid until the next change.
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: start, count: count) }

    mutating func append(_ piece: UnsafeBufferPointer<UInt8>) {
        guard let source = piece.baseAddress, piece.count > 0 else { return }
        if count + piece.count > capacity {
            let grown = max(256, 2 * (count + piece.count))
            let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
            if let start {
                larger.update(from: start, count: count)
                start.deallocate()
            }
            start = larger
            capacity = grown
        }
        guard let start else { return }
        (start + count).update(from: source, count: piece.count)
        count += piece.count
    }

    /// Empties the buffer, keeping its memory: the bytes handed out stay readable until the next append.
    mutating func removeAll() { count = 0 }

    mutating func release() {
        start?.deallocate()
        (start, count, capacity) = (nil, 0, 0)
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
