public import CapitationCore

/// What a WMO325 answer decides for the services of its declaration, checked on its own: the declaration
/// refused as a whole, approved in full, or refused service by service (see ``WMO325Answer``).
///
/// ``WMO323Claims`` applies it to the declaration's services as they are read, and then checks that the
/// answer fits the declaration: its number, its totals, and that every service it refuses was declared.
public struct WMO325Verdict: Sendable {
    /// The answer file, by its path and position among the settlement's inputs.
    public let path: String
    public let file: Int
    public let answer: WMO325Answer
    /// When the whole declaration is refused: the codes that refuse it.
    public let refusedInFull: [String]?
    /// The services refused one by one, by ReferentieNummer.
    public let refused: [String: Refusal]

    /// A service refused on its own.
    public struct Refusal: Sendable {
        /// The client's Bsn in the answer.
        public var bsn: String
        /// The service's codes, and its client's when the client was refused as a whole.
        public var codes: [String]
        /// Its signed amount as the answer repeats it, when readable.
        public var amount: Cents?
        /// The line of the Prestatie in the answer.
        public var line: Int
    }

    /// Reads what `answer`, read from `path` (input `file`), decides.
    ///
    /// - Throws: ``InputError`` when the answer is not a WMO325 of iWmo 3.2, or contradicts itself: no
    ///   DeclaratieAntwoord although the Header refuses nothing, a declaration approved in full that lists
    ///   refusals, one refused as a whole whose TotaalToegekendBedrag is not 0, a service sent back without a
    ///   refusal, or a ReferentieNummer answered twice.
    public init(answer: WMO325Answer, path: String, file: Int) throws(InputError) {
        self.path = path
        self.file = file
        self.answer = answer
        var problems = ProblemCollector(path: path)
        func check(_ key: String, _ ok: Bool, _ message: @autoclosure () -> String) {
            if !ok { problems.add(line: answer.lines[key], message()) }
        }
        check(
            "Header/BerichtCode",
            answer.messageCode == WMO325Answer.messageCode,
            "BerichtCode is '\(answer.messageCode)'; a WMO325 declaration answer has \(WMO325Answer.messageCode)"
        )
        check(
            "Header/BerichtVersie",
            answer.version == "3" && answer.subversion == "2",
            "the answer is iWmo version \(answer.version).\(answer.subversion); this reader reads version 3.2"
        )
        let headerRefusal = answer.headerCodes.filter { $0 != WJ001.noRemark }
        var refusedInFull: [String]? = headerRefusal.isEmpty ? nil : headerRefusal
        var refused: [String: Refusal] = [:]
        if let declaration = answer.declaration {
            let approved = declaration.codes.contains(WJ001.approvedInFull)
            let declarationRefusal = declaration.codes.filter { $0 != WJ001.noRemark && $0 != WJ001.approvedInFull }
            if refusedInFull == nil, !declarationRefusal.isEmpty {
                refusedInFull = declarationRefusal
                check(
                    "DeclaratieAntwoord/TotaalToegekendBedrag/TotaalBedrag",
                    WMO323Claims.integer(declaration.awardedAmount) == 0,
                    "the declaration is refused with \(declarationRefusal.joined(separator: ", ")), but TotaalToegekendBedrag is \(declaration.awardedAmount), not 0"
                )
            }
            check(
                "DeclaratieAntwoord",
                !(approved && !declaration.clients.isEmpty),
                "the declaration is approved in full (8001), yet the answer lists refused services"
            )
            for client in declaration.clients {
                let clientCodes = client.codes.filter { $0 != WJ001.noRemark }
                for service in client.services {
                    let codes = service.codes.filter { $0 != WJ001.noRemark } + clientCodes
                    if codes.isEmpty {
                        problems.add(
                            line: service.declared.line,
                            "service \(service.declared.reference) is sent back without a refusal; an answer lists only the services it refuses (iWmo rule TR342)"
                        )
                    }
                    let amount = WMO323Claims.integer(service.declared.amount).map { cents in
                        service.declared.side == ClaimLine.Side.credit.rawValue ? Cents(-cents) : Cents(cents)
                    }
                    let refusal = Refusal(bsn: client.bsn, codes: codes, amount: amount, line: service.declared.line)
                    if refused.updateValue(refusal, forKey: service.declared.reference) != nil {
                        problems.add(
                            line: service.declared.line,
                            "service \(service.declared.reference) is answered twice in the same answer"
                        )
                    }
                }
            }
        } else if refusedInFull == nil {
            problems.add(
                line: answer.lines["Header/BerichtCode"],
                "the answer has no DeclaratieAntwoord, yet its Header refuses nothing (return code 0200)"
            )
        }
        if let error = problems.error { throw error }
        self.refusedInFull = refusedInFull
        self.refused = refusedInFull == nil ? refused : [:]
    }

    /// Whether the answer is to the declaration with `header`: the same sender and receiver the other way
    /// round, and the declaration's BerichtIdentificatie.
    public func answers(_ header: WMO323Header) -> Bool {
        answer.receiver == header.sender && answer.sender == header.receiver
            && answer.declarationIdentification == header.identification
            && answer.declarationMessageDate == header.messageDate
    }

    /// What the financier answered to the service with `reference`; `nil` when it was approved.
    public func financierAnswer(to reference: String) -> FinancierAnswer? {
        guard let codes = refusedInFull ?? refused[reference]?.codes else { return nil }
        return FinancierAnswer(
            approved: .zero,
            codes: codes,
            explanation: "WMO325 \(answer.identification): " + codes.map(WJ001.explain).joined(separator: ", "),
            meanings: Dictionary(codes.compactMap { code in WJ001.meaning(of: code).map { (code, $0) } }) { first, _ in
                first
            }
        )
    }
}
