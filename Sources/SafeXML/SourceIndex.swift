/// Lines, columns and start tags of an XML document's source text.
///
/// libxml2 records one line per element (the line where its start tag ends) and no columns. To point at
/// the exact element and attribute, this index lexes the source once: every start tag in document order,
/// with the offset of its `<` and of each attribute name. The n-th start tag in the source is the n-th
/// element of the tree in document order, because contracts contain no entities that could add elements.
struct SourceIndex {
    /// One start tag: its qualified name, and where it and its attributes begin.
    struct StartTag {
        var name: String
        var offset: Int
        var attributeOffsets: [String: Int]
    }

    private let lineStarts: [Int]
    private let bytes: [UInt8]
    /// The start tags in document order.
    let startTags: [StartTag]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var lineStarts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            lineStarts.append(offset + 1)
        }
        self.lineStarts = lineStarts
        self.startTags = Self.lexStartTags(bytes)
    }

    /// The 1-based line and column (in characters) of a byte offset.
    func position(ofOffset offset: Int) -> (line: Int, column: Int) {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        let lineStart = lineStarts[low]
        let end = min(offset, bytes.count)
        // Count characters, not bytes: skip UTF-8 continuation bytes.
        var column = 1
        var index = lineStart
        while index < end {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return (low + 1, column)
    }

    /// The offset of the first occurrence of `marker`, or `nil`.
    func offset(of marker: String) -> Int? {
        let needle = Array(marker.utf8)
        var cursor = 0
        while cursor < bytes.count {
            if Self.matches(needle, in: bytes, at: cursor) { return cursor }
            cursor += 1
        }
        return nil
    }

    /// Whether `needle` occurs in `bytes` at `position`, compared in place.
    private static func matches(_ needle: [UInt8], in bytes: [UInt8], at position: Int) -> Bool {
        guard position + needle.count <= bytes.count else { return false }
        for (offset, byte) in needle.enumerated() where bytes[position + offset] != byte { return false }
        return true
    }

    private static func lexStartTags(_ bytes: [UInt8]) -> [StartTag] {
        var tags: [StartTag] = []
        var index = 0
        let count = bytes.count
        let comment = Array("<!--".utf8)
        let commentEnd = Array("-->".utf8)
        let cdata = Array("<![CDATA[".utf8)
        let cdataEnd = Array("]]>".utf8)
        let instruction = Array("<?".utf8)
        let instructionEnd = Array("?>".utf8)
        let declaration = Array("<!".utf8)
        let endTag = Array("</".utf8)
        let tagEnd = Array(">".utf8)
        func skip(past terminator: [UInt8], from position: Int) -> Int {
            var cursor = position
            while cursor < count {
                if matches(terminator, in: bytes, at: cursor) { return cursor + terminator.count }
                cursor += 1
            }
            return count
        }
        while index < count {
            guard bytes[index] == UInt8(ascii: "<") else {
                index += 1
                continue
            }
            if matches(comment, in: bytes, at: index) {
                index = skip(past: commentEnd, from: index + comment.count)
            } else if matches(cdata, in: bytes, at: index) {
                index = skip(past: cdataEnd, from: index + cdata.count)
            } else if matches(instruction, in: bytes, at: index) {
                index = skip(past: instructionEnd, from: index + instruction.count)
            } else if matches(declaration, in: bytes, at: index) || matches(endTag, in: bytes, at: index) {
                index = skip(past: tagEnd, from: index + 2)
            } else {
                let (tag, end) = lexStartTag(bytes, at: index)
                tags.append(tag)
                index = end
            }
        }
        return tags
    }

    /// Lexes the start tag at `start` (which holds `<`); returns it and the offset after its `>`.
    private static func lexStartTag(_ bytes: [UInt8], at start: Int) -> (StartTag, Int) {
        let count = bytes.count
        func isNameByte(_ byte: UInt8) -> Bool {
            !(byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
                || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/")
                || byte == UInt8(ascii: "="))
        }
        var index = start + 1
        let nameStart = index
        while index < count, isNameByte(bytes[index]) { index += 1 }
        var tag = StartTag(
            name: String(decoding: bytes[nameStart..<index], as: UTF8.self),
            offset: start,
            attributeOffsets: [:]
        )
        while index < count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ">") { return (tag, index + 1) }
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                index += 1
                while index < count, bytes[index] != byte { index += 1 }
                index += 1
            } else if isNameByte(byte) {
                let attributeStart = index
                while index < count, isNameByte(bytes[index]) { index += 1 }
                let name = String(decoding: bytes[attributeStart..<index], as: UTF8.self)
                if tag.attributeOffsets[name] == nil { tag.attributeOffsets[name] = attributeStart }
            } else {
                index += 1
            }
        }
        return (tag, count)
    }
}
