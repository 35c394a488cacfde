extension String {
    /// The text with control characters written visibly (`\u{0}`, `\u{1B}`), so that a message or an
    /// output never carries raw control bytes from a corrupt input; tab, line feed and carriage return too.
    package var visiblyEscapingControlCharacters: String { escapingControlCharacters(keepingLineFeeds: false) }

    /// The text with control characters written visibly, except line feeds, which separate the lines of
    /// a message.
    package func escapingControlCharacters(keepingLineFeeds: Bool) -> String {
        func escapes(_ scalar: Unicode.Scalar) -> Bool {
            scalar.isControlCharacter && !(keepingLineFeeds && scalar == "\n")
        }
        // Printable ASCII, nearly all text, holds none. Read from the string's own bytes: through its
        // `utf8` view each byte is an index step.
        var text = self
        if text.withUTF8({ $0.allSatisfy { $0 >= 0x20 && $0 < 0x7F } }) { return self }
        guard unicodeScalars.contains(where: escapes) else { return self }
        var escaped = ""
        for scalar in unicodeScalars {
            if escapes(scalar) {
                escaped += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}

extension Unicode.Scalar {
    /// C0 and C1 control characters and DEL.
    fileprivate var isControlCharacter: Bool { value < 0x20 || (value >= 0x7F && value < 0xA0) }
}
