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
        row(line, file: fileName(line.source.file < files.count ? files[line.source.file] : "?"))
    }

    /// A file's path as the column `source_file` writes it.
    static func fileName(_ path: String) -> String {
        escape(path.visiblyEscapingControlCharacters)
    }

    /// The row of `line`, whose file is named `file` as written in the row.
    static func row(_ line: RejectedLine, file: String) -> String {
        let claimID = escape(line.redactingMember(in: line.claimID ?? "").visiblyEscapingControlCharacters)
        let detail = escape(line.redactingMember(in: line.detail).visiblyEscapingControlCharacters)
        var row = ""
        row.reserveCapacity(file.utf8.count + claimID.utf8.count + detail.utf8.count + 64)
        row += file
        row += ","
        row += String(line.source.line)
        row += ","
        row += claimID
        row += ","
        row += line.regime?.rawValue ?? ""
        row += ","
        row += line.amount?.description ?? ""
        row += ","
        row += escape(line.reason.rawValue)
        row += ","
        row += detail
        row += "\n"
        return row
    }

    /// The field quoted when it needs to be (RFC 4180), its quotes doubled.
    static func escape(_ field: String) -> String {
        let quote = UInt8(ascii: "\"")
        var needsQuotes = false
        var quotes = 0
        for byte in field.utf8 {
            switch byte {
            case UInt8(ascii: ","), UInt8(ascii: "\n"), UInt8(ascii: "\r"): needsQuotes = true
            case quote: quotes += 1
            default: break
            }
        }
        guard needsQuotes || quotes > 0 else { return field }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(field.utf8.count + quotes + 2)
        bytes.append(quote)
        for byte in field.utf8 {
            bytes.append(byte)
            if byte == quote { bytes.append(quote) }
        }
        bytes.append(quote)
        return String(decoding: bytes, as: UTF8.self)
    }
}
