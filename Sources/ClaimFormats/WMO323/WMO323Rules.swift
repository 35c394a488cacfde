import CapitationCore

/// The iWmo 3.2 rules a WMO323 declaration must obey beyond its XSD, checked within one message.
///
/// These are the rules of control level 2 (*berichtinhoud*): a municipality that finds one of them broken
/// answers with return code 0001 and treats the whole declaration as never sent (invulinstructie IV087).
/// The writers check every message they write against them; the readers do not, since a settlement reads
/// what was declared and a financier's answer says what was paid.
///
/// It also checks the XSD's limits on the values a writer chooses (identifications, references, assignment
/// numbers), so that a message the writers accept also validates against the official schema.
///
/// Fed client by client, so that a message can be checked while it is streamed:
/// ``add(_:)`` for each client, then ``violations(of:)`` with the header.
public struct WMO323Rules: Sendable {
    /// A broken rule: its code in the iWmo rules and what is wrong.
    public struct Violation: Hashable, Sendable, CustomStringConvertible {
        public var rule: String
        public var message: String
        public var description: String { "\(rule): \(message)" }
    }

    private var problems: [Violation] = []
    private var references: Set<String> = []
    private var previousReferences: Set<String> = []
    private var debitReferences: Set<String> = []
    private var creditedReferences: [String] = []
    /// ProductPeriode, ProductCategorie, ProductCode and ToewijzingNummer of every debit (TR416).
    private var debitKeys: Set<String> = []
    private var latestProductEnd: CalendarDate?
    private var earliestProductStart: CalendarDate?
    /// Σ debit − Σ credit of the services (TR358).
    private var total: Int64 = 0
    private var totalOverflowed = false

    /// The first day of the iWmo 3.2 era: no period may start before it (CS100).
    static let earliest = CalendarDate(year: 2021, month: 1, day: 1)

    public init() {}

    /// Checks the services of one client.
    public mutating func add(_ client: WMO323Client) {
        for service in client.services { add(service) }
    }

    private mutating func report(_ rule: String, _ message: String) {
        // A message with a systematic fault would otherwise list it for every service.
        if problems.count < 100 { problems.append(Violation(rule: rule, message: message)) }
    }

    private mutating func add(_ service: WMO323Service) {
        let reference = service.reference
        if reference.isEmpty || reference.utf8.count > 20 {
            report("XSD", "ReferentieNummer '\(reference)' is not 1 to 20 characters long")
        }
        if let previous = service.previousReference, previous.isEmpty || previous.utf8.count > 20 {
            report("XSD", "VorigReferentieNummer '\(previous)' is not 1 to 20 characters long")
        }
        if !Self.isNumber(service.assignment, upTo: 9) {
            report(
                "XSD",
                "ToewijzingNummer '\(service.assignment)' of \(reference) is not a number of at most 9 digits"
            )
        }
        if service.product.isEmpty || service.product.utf8.count > 5 {
            report("XSD", "ProductCode '\(service.product)' of \(reference) is not 1 to 5 characters long")
        }
        if !WMO323Claims.units.contains(service.unit) {
            report("XSD", "Eenheid '\(service.unit)' of \(reference) is not in list WMO757")
        }
        for (name, value) in [("GeleverdVolume", service.volume), ("Bedrag", service.amount)]
        where !Self.isNumber(value, upTo: 8) {
            report("XSD", "\(name) '\(value)' of \(reference) is not a whole number of at most 8 digits")
        }
        if let tariff = service.tariff, !Self.isNumber(tariff, upTo: 8) {
            report("XSD", "ProductTarief '\(tariff)' of \(reference) is not a whole number of at most 8 digits")
        }
        if !references.insert(reference).inserted {
            report("TR101", "ReferentieNummer \(reference) is declared twice in the message")
        }
        let amount = Int64(service.amount)
        let isCredit = service.side == ClaimLine.Side.credit.rawValue
        switch (isCredit, service.previousReference) {
        case (true, nil):
            report("CD060", "the credit \(reference) has no VorigReferentieNummer")
        case (false, .some):
            report("CD060", "the debit \(reference) has a VorigReferentieNummer")
        case (true, .some(let previous)):
            creditedReferences.append(previous)
            if !previousReferences.insert(previous).inserted {
                report("TR315", "VorigReferentieNummer \(previous) is credited twice in the message")
            }
        case (false, nil):
            debitReferences.insert(reference)
            let key = [service.start, service.end, service.category, service.product, service.assignment]
            if !debitKeys.insert(key.joined(separator: "\u{1F}")).inserted {
                report(
                    "TR416",
                    "\(reference) is a second debit of product \(service.category)/\(service.product) for \(service.start)–\(service.end) on assignment \(service.assignment)"
                )
            }
        }
        if amount == 0, isCredit {
            report("CS325", "\(reference) has an amount of 0 marked as a credit; 0 is a debit")
        }
        if let amount {
            let (sum, overflow) = total.addingReportingOverflow(isCredit ? -amount : amount)
            total = sum
            totalOverflowed = totalOverflowed || overflow
        }
        if service.unit == "83" {
            if service.tariff != nil {
                report("CD087", "\(reference) is declared in euros (unit 83) with a ProductTarief")
            }
            if service.volume != service.amount {
                report("CS339", "\(reference) is declared in euros (unit 83) but its volume differs from its amount")
            }
        } else if service.tariff == nil {
            report("CD087", "\(reference) has no ProductTarief; only a service in euros (unit 83) may leave it out")
        }
        guard let start = WMO323Claims.date(service.start), let end = WMO323Claims.date(service.end) else { return }
        if start.year != end.year || start.month != end.month {
            report("CS337", "the ProductPeriode of \(reference), \(start)–\(end), is not within one calendar month")
        }
        if let earliest = Self.earliest, start < earliest {
            report("CS100", "the ProductPeriode of \(reference) starts before 2021-01-01")
        }
        latestProductEnd = max(latestProductEnd ?? end, end)
        earliestProductStart = min(earliestProductStart ?? start, start)
    }

    /// Every broken rule of the message with `header`, whose clients were all added.
    public func violations(of header: WMO323Header) -> [Violation] {
        var result = problems
        func check(_ rule: String, _ ok: Bool, _ message: @autoclosure () -> String) {
            if !ok { result.append(Violation(rule: rule, message: message())) }
        }
        let identification = header.identification
        check(
            "XSD",
            !identification.isEmpty && identification.utf8.count <= 12
                && identification.utf8.contains { $0 != 0x20 && $0 != 0x09 },
            "Identificatie '\(identification)' is not 1 to 12 characters long"
        )
        let number = header.declarationNumber
        check(
            "XSD",
            !number.isEmpty && number.utf8.count <= 12
                && number.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) },
            "DeclaratieNummer '\(number)' is not 1 to 12 letters and digits"
        )
        check(
            "XsdVersie",
            header.baseSchemaVersion == WMO323.schemaVersion && header.messageSchemaVersion == WMO323.schemaVersion,
            "XsdVersie is \(header.baseSchemaVersion)/\(header.messageSchemaVersion); an iWmo 3.2 WMO323 copies the schemas' versions \(WMO323.schemaVersion)/\(WMO323.schemaVersion)"
        )
        for credited in creditedReferences where debitReferences.contains(credited) {
            result.append(
                Violation(rule: "TR316", message: "\(credited) is declared and credited in the same message")
            )
        }
        if let start = WMO323Claims.date(header.periodStart), let end = WMO323Claims.date(header.periodEnd) {
            let wholeMonth =
                start.day == 1 && start.year == end.year && start.month == end.month
                && end.day == CalendarDate.daysIn(month: end.month, year: end.year)
            check(
                "CS340",
                wholeMonth,
                "the DeclaratiePeriode \(start)–\(end) is not exactly one calendar month"
            )
            if let earliest = Self.earliest {
                check("CS100", start >= earliest, "the DeclaratiePeriode starts before 2021-01-01")
            }
            if let latestProductEnd {
                check(
                    "TR319",
                    latestProductEnd <= end,
                    "a ProductPeriode ends on \(latestProductEnd), after the DeclaratiePeriode ends on \(end)"
                )
            }
            if let declared = WMO323Claims.date(header.declarationDate),
                let messageDate = WMO323Claims.date(header.messageDate)
            {
                check(
                    "TR137",
                    declared >= start && declared <= messageDate,
                    "DeclaratieDagtekening \(declared) is not between the period's start \(start) and the message's Dagtekening \(messageDate)"
                )
            }
        }
        let side = total < 0 ? ClaimLine.Side.credit.rawValue : ClaimLine.Side.debit.rawValue
        check(
            "TR358",
            !totalOverflowed && header.totalAmount == String(total.magnitude) && header.totalSide == side,
            "TotaalIngediendBedrag is \(header.totalAmount) \(header.totalSide); the services add up to \(total.magnitude) \(side)"
        )
        return result
    }
}

extension WMO323Rules {
    /// Whether `text` is a number of 1 to `digits` digits.
    static func isNumber(_ text: String, upTo digits: Int) -> Bool {
        !text.isEmpty && text.utf8.count <= digits && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}

extension WMO323Rules {
    /// The rules a whole message in `bytes` breaks, read as the readers read it.
    ///
    /// - Throws: ``InputError`` when the message cannot be read at all.
    public static func violations(ofMessage bytes: [UInt8], path: String) throws(InputError) -> [Violation] {
        var rules = WMO323Rules()
        var header: WMO323Header?
        var done = false
        try WMO323Reader.read(path: path) { () throws(InputError) -> [UInt8]? in
            defer { done = true }
            return done ? nil : bytes
        } _: { (part) throws(InputError) in
            switch part {
            case .header(let read): header = read
            case .client(let client): rules.add(client)
            }
        }
        return header.map(rules.violations(of:)) ?? []
    }
}
