import CapitationCore
import ContractXML
import FuzzDriver

/// One input to the contract loader: it loads the contract or throws a located ``ContractLoadError``;
/// anything else (a trap, a crash, a hang) is a finding.
func fuzzOne(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    do {
        let loaded = try ContractLoader().load(bytes: bytes, path: "fuzz.xml")
        _ = loaded.contract.id
    } catch {
        // A refusal must say where and what.
        precondition(!error.diagnostics.isEmpty, "a refusal without a message")
    }
    return 0
}

runFuzzer { data, count in fuzzOne(data, count) }
