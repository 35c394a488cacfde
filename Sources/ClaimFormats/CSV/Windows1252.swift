import CapitationCore

/// Windows-1252, the superset of ISO 8859-1 that Dutch office software writes: bytes 0x80–0x9F are
/// punctuation and letters, every other byte is the Unicode code point of the same number.
enum Windows1252 {
    private static let high: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
        0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0x9D, 0x017E, 0x0178,
    ]

    /// The text the bytes spell in Windows-1252, with control characters written visibly.
    static func decode(_ bytes: [UInt8]) -> String {
        var text = ""
        for byte in bytes {
            let value = byte >= 0x80 && byte < 0xA0 ? high[Int(byte - 0x80)] : UInt32(byte)
            text.unicodeScalars.append(Unicode.Scalar(value) ?? "?")
        }
        return text.visiblyEscapingControlCharacters
    }
}
