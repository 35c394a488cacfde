import CapitationCore
import ClaimFormats
import FuzzDriver

/// One input to the AW319 reader: the header, the records and the check against the trailer, read whole and
/// again in blocks of 61 and of 7 bytes (which split records anywhere, as the blocks of a settlement's files
/// do, so that records are parsed in chunks with the insured person carried over and the tallies merged),
/// which must give the same lines, notes or refusal.
func fuzzOne(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    let whole = readClaims(bytes, as: .aw319, blockBytes: max(1, bytes.count))
    for size in [61, 7] {
        precondition(
            readClaims(bytes, as: .aw319, blockBytes: size) == whole,
            "the records read differently in blocks of \(size) bytes"
        )
    }
    return 0
}

runFuzzer { data, count in fuzzOne(data, count) }
