public import CapitationCore

/// Turns the services of a WMO323 message into claim lines, after checking the header.
///
/// Every service (Prestatie) becomes a Wmo claim line: the member is the client's Bsn, the payer the
/// municipality (Ontvanger), the provider the sender's AGB code (Afzender), the category and product
/// ProductCategorie and ProductCode, the service ProductPeriode, the volume GeleverdVolume in Eenheid, the
/// amount IngediendBedrag with its DebetCredit, the reference ReferentieNummer and, for a credit, the
/// corrected line's VorigReferentieNummer. A service with an impossible value — a Bsn that fails the
/// elfproef, a date that does not exist, an amount that is not whole cents, a credit without
/// VorigReferentieNummer or a debit with one (iWmo condition CD060) — is an invalid line with its reason; the header's problems and a TotaalIngediendBedrag that differs from Σ debit − Σ credit of the
/// services make the whole message unusable.
public struct WMO323Claims: Sendable {
    public let header: WMO323Header
    public let path: String
    public let file: Int
    /// Σ debit − Σ credit of the services whose amount could be read; `nil` after an overflow.
    public internal(set) var total: Cents? = .zero
    /// Services whose amount or DebetCredit could not be read.
    public private(set) var unreadableAmounts = 0
    /// The municipality's answer to this declaration, when there is one: its services are then claimed
    /// with what it decided (see `ClaimLine/answer`), and ``check()`` checks that it fits.
    public var verdict: WMO325Verdict?
    /// The references of the services the answer refuses one by one that were found in the declaration,
    /// with the client they were found under.
    private var answered: [String: String] = [:]
    /// Σ debit − Σ credit of the services the answer refuses, as declared.
    private var refusedTotal: Cents? = .zero
    /// The bytes of the payer (Ontvanger) and, after its first ``payerBytes``, the provider (Afzender).
    let payerAndProvider: [UInt8]
    let payerBytes: Int
    /// The day the municipality received the services: the message's Dagtekening (BerichtIdentificatie),
    /// the day the declaration was delivered.
    let received: CalendarDate?

    /// The units of GeleverdVolume (list WMO757): minute, hour, day of 24 hours, part of a day (4 hours),
    /// pieces (output), euros, pieces (effort).
    public static let units: Set<String> = ["01", "04", "14", "16", "82", "83", "84"]

    /// Checks the header of a message.
    ///
    /// - Throws: ``InputError`` listing every problem of the header and the declaration's totals.
    public init(header: WMO323Header, path: String, file: Int) throws(InputError) {
        self.header = header
        self.path = path
        self.file = file
        payerAndProvider = Array(header.receiver.utf8) + Array(header.sender.utf8)
        payerBytes = header.receiver.utf8.count
        received = Self.date(header.messageDate)
        var problems = ProblemCollector(path: path)
        func check(_ key: String, _ ok: Bool, _ message: @autoclosure () -> String) {
            if !ok { problems.add(line: header.lines[key], message()) }
        }
        check(
            "Header/BerichtCode",
            header.messageCode == WMO323.messageCode,
            "BerichtCode is '\(header.messageCode)'; a WMO323 declaration has \(WMO323.messageCode)"
        )
        check(
            "Header/BerichtVersie",
            header.version == "3" && header.subversion == "2",
            "the message is iWmo version \(header.version).\(header.subversion); this reader reads version 3.2"
        )
        check(
            "Header/Afzender",
            Self.isDigits(header.sender, count: 8),
            "Afzender '\(header.sender)' is not an AGB code (8 digits)"
        )
        check(
            "Header/Ontvanger",
            Self.isDigits(header.receiver, count: 4),
            "Ontvanger '\(header.receiver)' is not a municipality code (4 digits)"
        )
        let dates = [
            ("Header/BerichtIdentificatie/Dagtekening", header.messageDate),
            ("Declaratie/DeclaratiePeriode/Begindatum", header.periodStart),
            ("Declaratie/DeclaratiePeriode/Einddatum", header.periodEnd),
            ("Declaratie/DeclaratieDagtekening", header.declarationDate),
        ]
        for (key, text) in dates {
            check(key, Self.date(text) != nil, "\(Self.name(key)) '\(text)' is not a date in the form YYYY-MM-DD")
        }
        if let start = Self.date(header.periodStart), let end = Self.date(header.periodEnd) {
            check(
                "Declaratie/DeclaratiePeriode/Einddatum",
                start <= end,
                "the DeclaratiePeriode ends on \(end), before it starts on \(start)"
            )
        }
        check(
            "Declaratie/TotaalIngediendBedrag/TotaalBedrag",
            Self.integer(header.totalAmount) != nil,
            "TotaalBedrag '\(header.totalAmount)' is not an amount in whole cents"
        )
        check(
            "Declaratie/TotaalIngediendBedrag/DebetCredit",
            ClaimLine.Side(rawValue: header.totalSide) != nil,
            "the DebetCredit of TotaalIngediendBedrag is '\(header.totalSide)'; it must be D or C"
        )
        if let error = problems.error { throw error }
    }

    /// The claim lines of `client`'s services, valid or not, in order; adds their amounts to the total.
    public mutating func lines(of client: WMO323Client, _ emit: (ParsedClaim) -> Void) {
        let (member, problems) = Self.member(client.bsn, line: client.line)
        for service in client.services {
            emit(claim(service, client: client.bsn, member: member, problems: problems))
        }
    }

    /// The member of a client whose Bsn is `bsn` (on `line`), or the problems of the Bsn that make each of
    /// their services invalid.
    static func member(_ bsn: String, line: Int) -> (member: BSN?, problems: [String]) {
        if let member = BSN(utf8: bsn.utf8) { return (member, []) }
        return (
            nil,
            [
                BSN.nineDigitNumber(bsn.utf8) == nil
                    ? "the client's Bsn on line \(line) is not nine digits"
                    : "the client's Bsn on line \(line) fails the elfproef, so it is not a valid BSN"
            ]
        )
    }

    /// The claim line of `service` of the client whose Bsn is `client` (`member` when valid, with the
    /// `problems` of the Bsn otherwise), valid or not; adds its amount to the total, and settles it on the
    /// municipality's answer when there is one.
    mutating func claim(_ service: WMO323Service, client: String, member: BSN?, problems: [String]) -> ParsedClaim {
        var parsed = line(service, client: client, member: member, problems: problems)
        if let answer = answer(
            to: service.reference,
            of: client,
            amount: Self.integer(service.amount),
            side: ClaimLine.Side(rawValue: service.side)
        ), case .line(var claim) = parsed {
            claim.answer = answer
            parsed = .line(claim)
        }
        return parsed
    }

    /// What the answer decided on the service `reference` of the client whose Bsn is `client`, declared
    /// for `amount` on `side` (`nil` where unreadable): `nil` when the answer says nothing of it (or there is
    /// no answer); the answer, refused in full or with its codes, otherwise, noted for ``check()``.
    mutating func answer(
        to reference: String,
        of client: String,
        amount: Int64?,
        side: ClaimLine.Side?
    )
        -> FinancierAnswer?
    {
        guard let verdict, verdict.refusedInFull != nil || verdict.refused[reference] != nil else { return nil }
        if verdict.refusedInFull == nil { answered[reference] = client }
        if let amount, let side {
            refusedTotal = refusedTotal.flatMap { try? $0 + (side == .debit ? Cents(amount) : Cents(-amount)) }
        } else {
            refusedTotal = nil
        }
        return verdict.financierAnswer(to: reference)
    }

    /// Checks TotaalIngediendBedrag against the services read, and the answer, when there is one, against
    /// the declaration.
    ///
    /// - Throws: ``InputError`` when the total differs, or the answer does not fit the declaration: another
    ///   DeclaratieNummer or TotaalIngediendBedrag, a refused service that was not declared or was declared
    ///   for another client, or a TotaalToegekendBedrag that is not the declared total less the services
    ///   refused.
    public func check() throws(InputError) {
        guard unreadableAmounts == 0, let total, let amount = Self.integer(header.totalAmount),
            let side = ClaimLine.Side(rawValue: header.totalSide)
        else { return try checkAnswer(declared: nil) }
        let declared = side == .debit ? Cents(amount) : Cents(-amount)
        guard declared != total else { return try checkAnswer(declared: declared) }
        throw InputError(diagnostics: [
            Diagnostic(
                .error,
                at: SourceLocation(path: path, line: header.lines["Declaratie/TotaalIngediendBedrag/TotaalBedrag"]),
                "TotaalIngediendBedrag is \(declared), but the services add up to \(total) (Σ debit − Σ credit)"
            )
        ])
    }

    private func checkAnswer(declared: Cents?) throws(InputError) {
        guard let verdict else { return }
        var problems = ProblemCollector(path: verdict.path)
        let lines = verdict.answer.lines
        let name = "declaration \(header.declarationNumber) (\(path))"
        for (reference, refusal) in verdict.refused.sorted(by: { $0.value.line < $1.value.line }) {
            guard let bsn = answered[reference] else {
                problems.add(line: refusal.line, "the answer refuses service \(reference), which is not in \(name)")
                continue
            }
            if bsn != refusal.bsn {
                problems.add(
                    line: refusal.line,
                    "the answer refuses service \(reference) of another client than \(name) declares it for"
                )
            }
        }
        guard let declaration = verdict.answer.declaration else {
            if let error = problems.error { throw error }
            return
        }
        if declaration.number != header.declarationNumber {
            problems.add(
                line: lines["DeclaratieAntwoord/DeclaratieNummer"],
                "the answer is to DeclaratieNummer '\(declaration.number)', but the message it names, \(path), declares '\(header.declarationNumber)'"
            )
        }
        let answeredTotal = Self.signed(declaration.declaredAmount, declaration.declaredSide)
        if let declared, answeredTotal != declared {
            problems.add(
                line: lines["DeclaratieAntwoord/TotaalIngediendBedrag/TotaalBedrag"],
                "the answer's TotaalIngediendBedrag is \(answeredTotal.map(\.description) ?? declaration.declaredAmount), but \(name) declares \(declared)"
            )
        }
        if let declared, let refusedTotal, verdict.refusedInFull == nil,
            let awarded = Self.signed(declaration.awardedAmount, declaration.awardedSide),
            let expected = try? declared - refusedTotal, awarded != expected
        {
            problems.add(
                line: lines["DeclaratieAntwoord/TotaalToegekendBedrag/TotaalBedrag"],
                "the answer's TotaalToegekendBedrag is \(awarded), but \(name) declares \(declared) of which the answer refuses \(refusedTotal), leaving \(expected)"
            )
        }
        if let error = problems.error { throw error }
    }

    /// An amount in cents with its DebetCredit, signed.
    static func signed(_ amount: String, _ side: String) -> Cents? {
        guard let cents = integer(amount), let side = ClaimLine.Side(rawValue: side) else { return nil }
        return side == .debit ? Cents(cents) : Cents(-cents)
    }

    private mutating func line(
        _ service: WMO323Service,
        client: String,
        member: BSN?,
        problems clientProblems: [String]
    ) -> ParsedClaim {
        var problems = clientProblems
        let source = LineSource(file: file, line: service.line)
        let side = ClaimLine.Side(rawValue: service.side)
        if side == nil { problems.append("the DebetCredit of IngediendBedrag is '\(service.side)'; it must be D or C") }
        let amount = Self.integer(service.amount).map(Cents.init)
        if amount == nil { problems.append("Bedrag '\(service.amount)' is not an amount in whole cents") }
        if let amount, let side {
            total = total.flatMap { try? $0 + (side == .debit ? amount : Cents(-amount.rawValue)) }
        } else {
            unreadableAmounts += 1
        }
        if service.reference.isEmpty || service.reference.count > 20 {
            problems.append("ReferentieNummer '\(service.reference)' must have 1 to 20 characters")
        }
        if service.category.count != 2 {
            problems.append("ProductCategorie '\(service.category)' must have 2 characters")
        }
        if service.product.isEmpty || service.product.count > 5 {
            problems.append("ProductCode '\(service.product)' must have 1 to 5 characters")
        }
        let start = Self.date(service.start)
        let end = Self.date(service.end)
        if start == nil {
            problems.append("the Begindatum of ProductPeriode '\(service.start)' is not a date in the form YYYY-MM-DD")
        }
        if end == nil {
            problems.append("the Einddatum of ProductPeriode '\(service.end)' is not a date in the form YYYY-MM-DD")
        }
        var period: DatePeriod?
        if let start, let end {
            period = DatePeriod(start: start, end: end)
            if period == nil { problems.append("the ProductPeriode ends on \(end), before it starts on \(start)") }
        }
        let volume = Self.integer(service.volume)
        if volume == nil { problems.append("GeleverdVolume '\(service.volume)' is not a whole number of 0 or more") }
        if !Self.units.contains(service.unit) {
            problems.append(
                "Eenheid '\(service.unit)' is not one of \(Self.units.sorted().joined(separator: ", "))"
            )
        }
        if let tariff = service.tariff, Self.integer(tariff) == nil {
            problems.append("ProductTarief '\(tariff)' is not an amount in whole cents")
        }
        if side == .credit, service.previousReference?.isEmpty ?? true {
            problems.append("a credit (DebetCredit C) must name the line it corrects in VorigReferentieNummer")
        }
        // iWmo 3.2 condition CD060: VorigReferentieNummer is filled for a credit, "anders leeg laten".
        if side == .debit, let previous = service.previousReference, !previous.isEmpty {
            problems.append(
                "a debit (DebetCredit D) names no corrected line, but VorigReferentieNummer is '\(previous.abbreviatedForMessage)' (iWmo condition CD060)"
            )
        }
        guard problems.isEmpty, let member, let side, let amount, let period, let volume else {
            return .invalid(
                RejectedLine(
                    source: source,
                    claimID: service.reference.isEmpty ? nil : service.reference,
                    regime: .wmo,
                    amount: amount.map { side == .credit ? Cents(-$0.rawValue) : $0 },
                    reason: .invalid,
                    detail: "Prestatie: " + problems.joined(separator: "; "),
                    member: client
                )
            )
        }
        return .line(
            ClaimLine(
                claimID: service.reference,
                member: MemberID(member.digits),
                regime: .wmo,
                payer: header.receiver,
                provider: header.sender,
                category: CategoryCode(service.category),
                product: ProductCode(service.product),
                service: period,
                amount: amount,
                side: side,
                corrects: side == .credit ? service.previousReference : nil,
                volume: ClaimLine.Volume(count: volume, unit: service.unit),
                received: received,
                source: source
            )
        )
    }

    /// A whole number of 0 or more written as 1 to 15 digits.
    static func integer(_ text: String) -> Int64? {
        guard (1...15).contains(text.utf8.count), text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int64(text)
    }

    static func date(_ text: String) -> CalendarDate? {
        try? CalendarDate(parsing: text)
    }

    static func isDigits(_ text: String, count: Int) -> Bool {
        text.utf8.count == count && text.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    private static func name(_ key: String) -> String {
        let parts = key.split(separator: "/")
        return parts.count >= 2 ? "the \(parts[parts.count - 1]) of \(parts[parts.count - 2])" : key
    }
}
