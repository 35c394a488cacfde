public import ClaimFormats

/// Pseudonymises WMO323 messages.
///
/// Each client's Bsn is replaced by its pseudonym, and so is the Bsn wherever a service's references or
/// assignment number repeat it. The message is read through the hardened reader and written again by
/// `WMO323Writer`; its comments and layout are not kept.
public enum WMO323Pseudonymizer: Sendable {
    /// Streams the message whose bytes `next` returns to `write`, pseudonymised.
    ///
    /// - Throws: `InputError` when the message cannot be read, a Bsn is not nine digits, or `next` or
    ///   `write` throw.
    public static func rewrite(
        path: String,
        pseudonyms: inout BSNPseudonyms,
        next: () throws(InputError) -> [UInt8]?,
        write: ([UInt8]) throws(InputError) -> Void
    ) throws(InputError) {
        var problems = ProblemCollector(path: path)
        var output: [UInt8] = []
        try WMO323Reader.read(
            path: path,
            next: next,
            { (part) throws(InputError) in
                switch part {
                case .header(let header):
                    WMO323Writer.begin(header, into: &output)
                case .client(var client):
                    guard let pseudonym = pseudonyms.pseudonym(of: client.bsn.utf8) else {
                        problems.add(
                            line: client.line,
                            "the client's Bsn is not nine digits, so it cannot be pseudonymised"
                        )
                        return
                    }
                    let original = client.bsn
                    let replacement = String(decoding: pseudonym, as: UTF8.self)
                    client.bsn = replacement
                    for index in client.services.indices {
                        client.services[index].reference.replace(original, with: replacement)
                        client.services[index].previousReference?.replace(original, with: replacement)
                        client.services[index].assignment.replace(original, with: replacement)
                    }
                    WMO323Writer.client(client, into: &output)
                }
                if output.count >= 1 << 20 {
                    try write(output)
                    output.removeAll(keepingCapacity: true)
                }
            }
        )
        if let error = problems.error { throw error }
        WMO323Writer.end(into: &output)
        try write(output)
    }
}
