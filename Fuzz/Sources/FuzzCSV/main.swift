import CapitationCore
import ClaimFormats
import FuzzDriver

/// One input to every CSV reader: the claims, read whole and again in blocks of 61 and of 7 bytes (which
/// split records anywhere, as the blocks of a settlement's files do), which must give the same lines, notes
/// or refusal; the roster, indicator and totals readers, which return their rows or throw a located error,
/// and the answers reader.
func fuzzOne(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    let whole = readClaims(bytes, as: .capitationCSV, blockBytes: max(1, bytes.count))
    for size in [61, 7] {
        precondition(
            readClaims(bytes, as: .capitationCSV, blockBytes: size) == whole,
            "the claims read differently in blocks of \(size) bytes"
        )
    }
    readOrRefuse { () throws(InputError) in _ = try RosterReader.read(bytes, path: "fuzz.csv") }
    readOrRefuse { () throws(InputError) in _ = try IndicatorsReader.read(bytes, path: "fuzz.csv") }
    readOrRefuse { () throws(InputError) in _ = try TotalsReader.read(bytes, path: "fuzz.csv") }
    readOrRefuse { () throws(InputError) in _ = try AnswersReader.read(bytes, path: "fuzz.csv", file: 0) }
    return 0
}

/// Runs a reader, which must read its input or refuse it with a message.
private func readOrRefuse(_ read: () throws(InputError) -> Void) {
    do throws(InputError) {
        try read()
    } catch {
        precondition(!error.diagnostics.isEmpty, "a refusal without a message")
    }
}

runFuzzer { data, count in fuzzOne(data, count) }
