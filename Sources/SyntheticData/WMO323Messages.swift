import CapitationCore
import ClaimFormats

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A provider's Wmo lines as iWmo 3.2 WMO323 declarations: one message per provider and calendar month,
/// as a municipality receives them, each obeying the iWmo rules (``WMO323Rules``).
///
/// - A debit is declared in the message of the month its service lies in (a service of an earlier year in
///   the period's first month, as a late declaration); the generator's Wmo care never crosses a month.
/// - A credit travels in a later message than the debit it corrects (rule TR316): the month after its
///   service's month. So does a second debit of the same reference (a duplicate) or of the same service
///   (TR416), which the municipality's answer or the settlement then deals with.
/// - The declaration of month M is dated the fifth of month M + 1; messages are named
///   `claims/wmo323-PROVIDER-YYYY-MM.xml`, with BerichtIdentificatie `WYYYYMMNNNN` and DeclaratieNummer
///   `DYYYYMMNNNN` (NNNN the last four digits of the provider's AGB code), unique per provider.
/// - ToewijzingNummer is the person's number times 100 plus the product category: one assignment per
///   person and category.
/// - ProductTarief is the amount per unit of volume when that is whole cents; otherwise the service is
///   declared in euros (unit 83), see ``WMO323Service/pricing(amount:volume:unit:)``.
/// - Each message gets the municipality's WMO325 answer (`claims/wmo325-PROVIDER-YYYY-MM.xml`, dated 14 days
///   after the declaration): `8001` when it approves everything, otherwise the services it refuses with
///   their return codes.
final class WMO323Messages {
    private let folder: String
    private let period: DatePeriod
    private var messages: [String: Message] = [:]

    init(folder: String, period: DatePeriod) {
        self.folder = folder
        self.period = period
    }

    /// Writes the Wmo lines of `member`, each to the message of its provider and month.
    func write(_ member: SyntheticMember, _ lines: [(SyntheticLine, NativeCoding)]) throws(SyntheticDataError) {
        var byMessage: [String: [WMO323Service]] = [:]
        var refusals: [String: [String: [String]]] = [:]
        var order: [String] = []
        var debits: Set<String> = []
        var services: Set<String> = []
        for (line, coding) in lines {
            let assignment = Self.assignment(member, category: coding.category)
            var month = max(YearMonth(line.start), YearMonth(period.start))
            let serviceKey = [line.start.description, coding.category, coding.product, assignment, line.provider]
                .joined(separator: "|")
            if line.side == .credit {
                month = month.next
            } else if !debits.insert(line.provider + "|" + line.claimID).inserted
                || !services.insert(serviceKey).inserted
            {
                month = month.next
            }
            let name = "claims/wmo323-\(line.provider)-\(month.description).xml"
            if messages[name] == nil {
                messages[name] = try Message(folder: folder, name: name, header: header(line.provider, month))
            }
            if byMessage[name] == nil { order.append(name) }
            if let answer = line.answer, answer.approvedCents == 0 {
                refusals[name, default: [:]][line.claimID] = answer.codes
            }
            let volume = DatePeriod(start: line.start, end: line.end).map(coding.volume) ?? 1
            let priced = WMO323Service.pricing(amount: Int64(line.cents), volume: Int64(volume), unit: coding.unit)
            byMessage[name, default: []].append(
                WMO323Service(
                    reference: line.claimID,
                    previousReference: line.side == .credit ? line.corrects : nil,
                    assignment: assignment,
                    category: coding.category,
                    product: coding.product,
                    start: line.start.description,
                    end: line.end.description,
                    volume: priced.volume,
                    unit: priced.unit,
                    tariff: priced.tariff,
                    amount: String(line.cents),
                    side: line.side.rawValue
                )
            )
        }
        for name in order {
            try messages[name]?.write(
                WMO323Client(bsn: member.id, services: byMessage[name] ?? []),
                refusals: refusals[name] ?? [:]
            )
        }
    }

    /// Finishes every message and its answer; returns their names.
    func close() throws(SyntheticDataError) -> [String] {
        var names: [String] = []
        for (name, message) in messages {
            names.append(name)
            names.append(try message.close())
        }
        return names.sorted()
    }

    private func header(_ provider: String, _ month: YearMonth) -> WMO323Header {
        let agb = NativeCoding.agb(provider)
        let stamp = "\(month.year)\(month.month < 10 ? "0" : "")\(month.month)\(agb.suffix(4))"
        let start = CalendarDate(year: month.year, month: month.month, day: 1) ?? period.start
        let end =
            CalendarDate(
                year: month.year,
                month: month.month,
                day: CalendarDate.daysIn(month: month.month, year: month.year)
            ) ?? period.end
        let next = month.next
        let sent = CalendarDate(year: next.year, month: next.month, day: 5) ?? end
        return WMO323Header(
            sender: agb,
            receiver: NativeCoding.municipality,
            identification: "W" + stamp,
            messageDate: sent.description,
            declarationNumber: "D" + stamp,
            periodStart: start.description,
            periodEnd: end.description,
            declarationDate: sent.description,
            totalAmount: "0",
            totalSide: "D"
        )
    }

    /// ToewijzingNummer: the digits of the person's code times 100 plus the category.
    static func assignment(_ member: SyntheticMember, category: String) -> String {
        let number = Int(member.reference.filter(\.isNumber)) ?? 0
        return String(number * 100 + (Int(category) ?? 0))
    }

}

/// A calendar month.
private struct YearMonth: Comparable {
    var year: Int
    var month: Int

    init(_ date: CalendarDate) {
        year = date.year
        month = date.month
    }

    var next: YearMonth {
        var result = self
        if month == 12 {
            result.year += 1
            result.month = 1
        } else {
            result.month += 1
        }
        return result
    }

    /// `YYYY-MM`.
    var description: String { "\(year)-\(month < 10 ? "0" : "")\(month)" }

    static func < (lhs: YearMonth, rhs: YearMonth) -> Bool {
        lhs.year != rhs.year ? lhs.year < rhs.year : lhs.month < rhs.month
    }
}

/// One WMO323 message being written.
///
/// Its header carries the total of every service, which is known only at the end, so the clients are
/// written to a hidden file first and copied after the header when the message is closed. The message is
/// checked against the iWmo rules as it is written; one that breaks them is an error, never a file.
private final class Message {
    private let folder: String
    private let name: String
    private let path: String
    private let bodyPath: String
    /// The services the municipality refuses, by client, with their codes.
    private var refused: [WMO325Answer.Client] = []
    /// Σ debit − Σ credit of the refused services.
    private var refusedTotal: Int64 = 0
    private let body: BufferedFileWriter
    private var header: WMO323Header
    private var rules = WMO323Rules()
    /// Σ debit − Σ credit in cents.
    private var total: Int64 = 0
    private var bytes: [UInt8] = []

    init(folder: String, name: String, header: WMO323Header) throws(SyntheticDataError) {
        self.folder = folder
        self.name = name
        path = folder + "/" + name
        let file = name.split(separator: "/").last.map(String.init) ?? name
        bodyPath = folder + "/claims/." + file + ".body"
        body = try BufferedFileWriter(bodyPath)
        self.header = header
    }

    func write(_ client: WMO323Client, refusals: [String: [String]]) throws(SyntheticDataError) {
        var refusedServices: [WMO325Answer.Service] = []
        for service in client.services {
            let amount = Int64(service.amount) ?? 0
            let signed = service.side == ClaimLine.Side.credit.rawValue ? -amount : amount
            total += signed
            if let codes = refusals[service.reference] {
                refusedServices.append(WMO325Answer.Service(declared: service, codes: codes))
                refusedTotal += signed
            }
        }
        if !refusedServices.isEmpty {
            refused.append(WMO325Answer.Client(bsn: client.bsn, services: refusedServices, codes: [WJ001.noRemark]))
        }
        rules.add(client)
        WMO323Writer.client(client, into: &bytes)
        try body.bytes(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    /// Writes the message and the municipality's answer to it; returns the answer's name.
    func close() throws(SyntheticDataError) -> String {
        try body.close()
        header.totalAmount = String(total.magnitude)
        header.totalSide = total < 0 ? "C" : "D"
        let violations = rules.violations(of: header)
        guard violations.isEmpty else {
            unlink(bodyPath)
            throw SyntheticDataError(
                "the WMO323 message \(path) would break the iWmo rules: "
                    + violations.map(\.description).joined(separator: "; ")
            )
        }
        let output = try BufferedFileWriter(path)
        WMO323Writer.begin(header, into: &bytes)
        try output.bytes(bytes)
        try output.append(contentsOf: bodyPath)
        bytes.removeAll()
        WMO323Writer.end(into: &bytes)
        try output.bytes(bytes)
        try output.close()
        unlink(bodyPath)
        return try writeAnswer()
    }

    private func writeAnswer() throws(SyntheticDataError) -> String {
        let answered = CalendarDate(iso: header.messageDate)?.adding(days: 14)?.description ?? header.messageDate
        let awarded = total - refusedTotal
        let answer = WMO325Answer(
            sender: header.receiver,
            receiver: header.sender,
            identification: "A" + header.identification.dropFirst(),
            messageDate: answered,
            declarationIdentification: header.identification,
            declarationMessageDate: header.messageDate,
            declaration: WMO325Answer.Declaration(
                number: header.declarationNumber,
                declaredAmount: header.totalAmount,
                declaredSide: header.totalSide,
                awardedAmount: String(awarded.magnitude),
                awardedSide: awarded < 0 ? "C" : "D",
                clients: refused,
                codes: refused.isEmpty ? [WJ001.approvedInFull] : [WJ001.noRemark]
            )
        )
        let answerName = name.replacing("claims/wmo323-", with: "claims/wmo325-")
        let output = try BufferedFileWriter(folder + "/" + answerName)
        try output.bytes(WMO325Writer.answer(answer))
        try output.close()
        return answerName
    }
}

extension CalendarDate {
    /// A date written `YYYY-MM-DD`, or `nil`.
    fileprivate init?(iso text: String) {
        guard let date = try? CalendarDate(parsing: text) else { return nil }
        self = date
    }
}
