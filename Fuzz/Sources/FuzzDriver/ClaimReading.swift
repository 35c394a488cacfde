import ClaimFormats

/// What reading `bytes` as a claim file of `format` in blocks of `blockBytes` gives, as text to compare:
/// its lines and notes, or its refusal, which must say why.
public func readClaims(_ bytes: [UInt8], as format: ClaimFileFormat, blockBytes: Int) -> String {
    do throws(InputError) {
        let contents = try ClaimFileContents(reading: bytes, as: format, path: "fuzz", file: 0, blockBytes: blockBytes)
        return "\(contents.claims)\n\(contents.notes)"
    } catch {
        precondition(!error.diagnostics.isEmpty, "a refusal without a message")
        return "refused: \(error.diagnostics)"
    }
}
