import CapitationCore

/// `rejected-claims.csv`: every rejected claim line with where it came from and why.
///
/// Columns: `source_file,line,claim_id,regime,amount,reason,detail`; `amount` is the signed amount in
/// euros (negative for a credit). It names no member, so it carries no BSN; a line's member written into
/// its own reference or detail is replaced by asterisks. Control characters of a corrupt line are written
/// visibly (`\u{0}`), never raw.
enum RejectedClaimsCSV {
    static let header = "source_file,line,claim_id,regime,amount,reason,detail\n"

    static func row(_ line: RejectedLine, files: [String]) -> String {
        var bytes: [UInt8] = []
        append(line, file: fileName(line.source.file < files.count ? files[line.source.file] : "?"), to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A file's path as the column `source_file` writes it.
    static func fileName(_ path: String) -> [UInt8] {
        var bytes: [UInt8] = []
        appendEscaped(path.visiblyEscapingControlCharacters, to: &bytes)
        return bytes
    }

    /// Appends the row of `line`, whose file is named `file` as written in the row, to `bytes`.
    static func append(_ line: RejectedLine, file: [UInt8], to bytes: inout [UInt8]) {
        let comma = UInt8(ascii: ",")
        bytes.append(contentsOf: file)
        bytes.append(comma)
        if line.source.line < 0 { bytes.append(UInt8(ascii: "-")) }
        Cents.appendDecimal(UInt64(line.source.line.magnitude), to: &bytes)
        bytes.append(comma)
        appendVisiblyEscaped(line.redactingMember(in: line.claimID ?? ""), to: &bytes)
        bytes.append(comma)
        if let regime = line.regime { bytes.append(contentsOf: regime.rawValue.utf8) }
        bytes.append(comma)
        line.amount?.appendDescription(to: &bytes)
        bytes.append(comma)
        appendEscaped(line.reason.rawValue, to: &bytes)
        bytes.append(comma)
        appendVisiblyEscaped(line.redactingMember(in: line.detail), to: &bytes)
        bytes.append(UInt8(ascii: "\n"))
    }

    /// The field quoted when it needs to be (RFC 4180), its quotes doubled.
    static func escape(_ field: String) -> String {
        var bytes: [UInt8] = []
        appendEscaped(field, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `field` with its control characters written visibly, quoted when it needs to be, to `bytes`.
    ///
    /// Nearly every reference and detail is printable ASCII without a comma or a quote, and is appended as
    /// it is after one pass over its bytes; any other is escaped as ``appendEscaped(_:to:)`` does with
    /// `visiblyEscapingControlCharacters` first.
    static func appendVisiblyEscaped(_ field: String, to bytes: inout [UInt8]) {
        var text = field
        let isPlain = text.withUTF8 { text in
            // Without early exit, so that the bytes are taken many at a time.
            var special: UInt8 = 0
            for byte in text {
                special |=
                    (byte &- 0x20 >= 0x5F ? 1 : 0) | (byte == UInt8(ascii: ",") ? 1 : 0)
                    | (byte == UInt8(ascii: "\"") ? 1 : 0)
            }
            guard special == 0 else { return false }
            bytes.append(contentsOf: text)
            return true
        }
        if !isPlain { appendEscaped(field.visiblyEscapingControlCharacters, to: &bytes) }
    }

    /// Appends `field`, quoted when it needs to be (RFC 4180) with its quotes doubled, to `bytes`.
    static func appendEscaped(_ field: String, to bytes: inout [UInt8]) {
        var field = field
        field.withUTF8 { field in
            let quote = UInt8(ascii: "\"")
            var needsQuotes = false
            for byte in field {
                switch byte {
                case UInt8(ascii: ","), UInt8(ascii: "\n"), UInt8(ascii: "\r"), quote: needsQuotes = true
                default: continue
                }
                break
            }
            guard needsQuotes else { return bytes.append(contentsOf: field) }
            bytes.append(quote)
            for byte in field {
                bytes.append(byte)
                if byte == quote { bytes.append(quote) }
            }
            bytes.append(quote)
        }
    }
}
