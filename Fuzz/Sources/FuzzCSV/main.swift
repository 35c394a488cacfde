import CapitationCore
import ClaimFormats
import FuzzDriver

/// One input to every CSV reader: the claims parser, read whole and again in two chunks split where a
/// record ends, which must give the same lines; the roster, indicator and totals readers, which return their
/// rows or throw a located error, and the answers reader.
func fuzzOne(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    bytes.withUnsafeBufferPointer { buffer in
        guard let (parser, offset, line) = try? ClaimsCSVParser.header(of: buffer, path: "fuzz.csv", file: 0)
        else { return }
        let body = UnsafeBufferPointer(rebasing: buffer[offset...])
        var whole: [String] = []
        parser.parse(body, firstLine: line) { whole.append(describe($0)) }
        // The runner splits files where a record ends (outside quotes); the halves must read as the whole.
        let half = UnsafeBufferPointer(rebasing: body[..<(body.count / 2)])
        guard let (split, linesBefore) = CSVRecordBoundary.lastRecordEnd(in: half) else { return }
        var parts: [String] = []
        parser.parse(UnsafeBufferPointer(rebasing: body[..<split]), firstLine: line) { parts.append(describe($0)) }
        parser.parse(UnsafeBufferPointer(rebasing: body[split...]), firstLine: line + linesBefore) {
            parts.append(describe($0))
        }
        precondition(whole == parts, "the claims read differently when split at a line end")
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

private func describe(_ claim: ParsedClaim) -> String {
    switch claim {
    case .line(let line): "\(line)"
    case .invalid(let rejected): "\(rejected)"
    }
}

runFuzzer { data, count in fuzzOne(data, count) }
