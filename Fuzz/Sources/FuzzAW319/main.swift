import CapitationCore
import ClaimFormats
import FuzzDriver

/// One input to the AW319 reader: the header, the records read whole and again in two chunks split at a
/// record end (the tallies merged, as the runner does), which must agree, and the check against the
/// trailer, which passes or throws a located error.
func fuzzOne(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    bytes.withUnsafeBufferPointer { buffer in
        guard let (parser, offset, record) = try? AW319Parser.header(of: buffer, path: "fuzz.asc", file: 0)
        else { return }
        let body = UnsafeBufferPointer(rebasing: buffer[offset...])
        var whole: [String] = []
        let tally = parser.parse(body, firstRecord: record, insured: nil) { whole.append("\($0)") }
        do throws(InputError) {
            try parser.check(tally)
        } catch {
            precondition(!error.diagnostics.isEmpty, "a refusal without a message")
        }
        guard let split = body.firstIndex(of: UInt8(ascii: "\n")).map({ $0 + 1 }), split < body.count else {
            return
        }
        let first = UnsafeBufferPointer(rebasing: body[..<split])
        var parts: [String] = []
        var merged = parser.parse(first, firstRecord: record, insured: nil) { parts.append("\($0)") }
        let insured = parser.lastInsured(in: first, firstRecord: record)
        let second = parser.parse(
            UnsafeBufferPointer(rebasing: body[split...]),
            firstRecord: record + 1,
            insured: insured
        ) { parts.append("\($0)") }
        merged.merge(second)
        precondition(whole == parts, "the records read differently when split at a record end")
        precondition(merged.claims == tally.claims && merged.amount == tally.amount, "the tallies differ")
    }
    return 0
}

runFuzzer { data, count in fuzzOne(data, count) }
