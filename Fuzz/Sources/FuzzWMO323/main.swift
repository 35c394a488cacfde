import CapitationCore
import ClaimFormats
import FuzzDriver

/// One input to the WMO323 reader, handed over in blocks of 61 bytes so that elements and text break
/// across blocks: the message's clients become claim lines and the totals are checked, or the reader
/// throws a located error.
func fuzzOne(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    var offset = 0
    var claims: WMO323Claims?
    var lines = 0
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
                case .client(let client): claims?.lines(of: client) { _ in lines += 1 }
                }
            }
        )
        try claims?.check()
    } catch {
        precondition(!error.diagnostics.isEmpty, "a refusal without a message")
    }
    return 0
}

runFuzzer { data, count in fuzzOne(data, count) }
