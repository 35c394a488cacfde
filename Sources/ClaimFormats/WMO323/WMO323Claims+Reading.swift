extension WMO323Claims {
    /// What a message says besides its lines: the header of a declaration that an answer was found for,
    /// and notes on the file.
    package struct Findings: Sendable {
        /// The header, when ``read(path:file:next:verdict:answersExpected:lines:clientRead:)`` found an
        /// answer to the declaration.
        package var answered: WMO323Header?
        package var notes: [String] = []
    }

    /// Reads a WMO323 message streamed block by block, one client at a time: checks its header, settles
    /// its services on the municipality's answer when there is one, hands every service's line to `lines`,
    /// calls `clientRead` after each client, and checks the message's totals at its end.
    ///
    /// - Parameters:
    ///   - path: The file's path, for messages.
    ///   - file: The file's position among the settlement's inputs, for each line's source.
    ///   - next: The next block of the file, `nil` at its end.
    ///   - verdict: The municipality's answer to a declaration with this header, if any is among the inputs.
    ///   - answersExpected: Whether any declaration is answered, so that one that is not is noted.
    ///   - lines: Takes each service's line, readable or not, in the order of the message.
    ///   - clientRead: Called after each client's lines.
    /// - Returns: The header of the declaration when an answer to it was found, and notes on the file.
    /// - Throws: ``InputError`` when the message is unusable, or what `next` or `clientRead` throw.
    package static func read(
        path: String,
        file: Int,
        next: () throws(InputError) -> [UInt8]?,
        verdict: (WMO323Header) -> WMO325Verdict?,
        answersExpected: Bool,
        lines: (ParsedClaim) -> Void,
        clientRead: () throws(InputError) -> Void
    ) throws(InputError) -> Findings {
        var claims: WMO323Claims?
        var findings = Findings()
        try WMO323Reader.read(path: path, next: next) { (part) throws(InputError) in
            switch part {
            case .header(let header):
                claims = try WMO323Claims(header: header, path: path, file: file)
                if let answer = verdict(header) {
                    claims?.verdict = answer
                    findings.answered = header
                } else if answersExpected {
                    findings.notes.append(
                        "no WMO325 answer to declaration \(header.identification) of \(header.messageDate) is among the claim files, so its services count as declared"
                    )
                }
            case .client(let client):
                claims?.lines(of: client, lines)
                try clientRead()
            }
        }
        try claims?.check()
        return findings
    }
}
