import CapitationCore
import ClaimFormats
import FuzzDriver

/// One input to the WMO323 reader, handed over in blocks of 61 bytes so that elements and text break
/// across blocks: the message's clients become claim lines and the totals are checked, or the reader
/// throws a located error.
///
/// The input is also read as a settlement reads it, where a service with nothing wrong is read from its
/// bytes: the lines and the outcome must be the same. And it is read as a WMO325 answer, whose verdict is
/// then taken.
func fuzzOne(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    fuzzAnswer(bytes)
    var offset = 0
    var claims: WMO323Claims?
    var lines: [ParsedClaim] = []
    var failure: [Diagnostic]?
    do throws(InputError) {
        try WMO323Reader.read(
            path: "fuzz.xml",
            next: { () throws(InputError) -> [UInt8]? in
                guard offset < bytes.count else { return nil }
                let end = min(bytes.count, offset + 61)
                defer { offset = end }
                return Array(bytes[offset..<end])
            },
            { (part) throws(InputError) in
                switch part {
                case .header(let header): claims = try WMO323Claims(header: header, path: "fuzz.xml", file: 0)
                case .client(let client): claims?.lines(of: client) { lines.append($0) }
                }
            }
        )
        try claims?.check()
    } catch {
        precondition(!error.diagnostics.isEmpty, "a refusal without a message")
        failure = error.diagnostics
    }
    // A file of no bytes holds no lines for a settlement (its completeness checks report it) but is no
    // message to the reader.
    guard !bytes.isEmpty else { return 0 }
    do throws(InputError) {
        let settled = try ClaimFileContents(reading: bytes, as: .wmo323, path: "fuzz.xml", file: 0, blockBytes: 61)
        precondition(failure == nil, "read as settled, refused as strings")
        precondition(settled.claims == lines, "read as settled to other lines than as strings")
    } catch {
        precondition(error.diagnostics == failure, "refused as settled with other problems than as strings")
    }
    return 0
}

/// Reads `bytes` as a WMO325 answer in blocks of 61 bytes: it is read and judged, or refused with a
/// located error.
func fuzzAnswer(_ bytes: [UInt8]) {
    var offset = 0
    do throws(InputError) {
        let answer = try WMO325Reader.read(path: "fuzz.xml") { () throws(InputError) -> [UInt8]? in
            guard offset < bytes.count else { return nil }
            let end = min(bytes.count, offset + 61)
            defer { offset = end }
            return Array(bytes[offset..<end])
        }
        let verdict = try WMO325Verdict(answer: answer, path: "fuzz.xml", file: 0)
        _ = verdict.financierAnswer(to: "x")
    } catch {
        precondition(!error.diagnostics.isEmpty, "a refusal without a message")
    }
}

runFuzzer { data, count in fuzzOne(data, count) }
