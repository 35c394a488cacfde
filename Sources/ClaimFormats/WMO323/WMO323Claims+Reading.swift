package import CapitationCore

extension WMO323Claims {
    /// What a message says besides its lines: the header of a declaration that an answer was found for,
    /// and notes on the file.
    package struct Findings: Sendable {
        /// The header, when ``read(path:file:next:verdict:answersExpected:record:invalid:clientRead:)`` found an
        /// answer to the declaration.
        package var answered: WMO323Header?
        package var notes: [ClaimFileNote] = []
    }

    /// Reads a WMO323 message streamed block by block, one service at a time: checks its header, settles
    /// its services on the municipality's answer when there is one, hands every service's line to `record`
    /// or, when it cannot be read, to `invalid` as soon as the service ends, calls `clientRead` after each
    /// client, and checks the message's totals at its end.
    ///
    /// The lines handed over are those of a message that may still prove unusable (a broken structure
    /// later on, totals that do not add up): a caller keeps them only when this returns.
    ///
    /// A service with nothing wrong is read from its bytes (``plainRecord(_:client:record:)``), any other
    /// as a ``WMO323Service`` of strings, which says what is wrong.
    ///
    /// - Parameters:
    ///   - path: The file's path, for messages.
    ///   - file: The file's position among the settlement's inputs, for each line's source.
    ///   - next: The next block of the file, `nil` at its end.
    ///   - verdict: The municipality's answer to a declaration with this header, if any is among the inputs.
    ///   - answersExpected: Whether any declaration is answered, so that one that is not is noted.
    ///   - record: Takes each readable service's line, its texts valid during the call, in the order of
    ///     the message.
    ///   - invalid: Takes each unreadable service's line, in the order of the message.
    ///   - clientRead: Called after each client's lines.
    /// - Returns: The header of the declaration when an answer to it was found, and notes on the file.
    /// - Throws: ``InputError`` when the message is unusable, or what `next` or `clientRead` throw.
    package static func read(
        path: String,
        file: Int,
        next: () throws(InputError) -> [UInt8]?,
        verdict: (WMO323Header) -> WMO325Verdict?,
        answersExpected: Bool,
        record: (ClaimRecord) -> Void,
        invalid: (RejectedLine) -> Void,
        clientRead: () throws(InputError) -> Void
    ) throws(InputError) -> Findings {
        var claims: WMO323Claims?
        var findings = Findings()
        try WMO323Reader.scan(path: path, next: next) { (step, scanner) throws(InputError) in
            switch step {
            case .header:
                let header = scanner.header
                claims = try WMO323Claims(header: header, path: path, file: file)
                if let answer = verdict(header) {
                    claims?.verdict = answer
                    findings.answered = header
                } else if answersExpected {
                    findings.notes.append(
                        .declarationWithoutAnswer(declaration: header.identification, messageDate: header.messageDate)
                    )
                }
            case .service:
                guard claims?.plainRecord(scanner.service, client: scanner.client, record: record) == false
                else { return }
                let client = scanner.client.bsnText
                let (member, problems) = WMO323Claims.member(client, line: scanner.client.line)
                switch claims?.claim(scanner.service.service, client: client, member: member, problems: problems) {
                case .line(let line): ClaimRecord.with(line, record)
                case .invalid(let line): invalid(line)
                case nil: break
                }
            case .client:
                try clientRead()
            }
        }
        try claims?.check()
        return findings
    }
}
