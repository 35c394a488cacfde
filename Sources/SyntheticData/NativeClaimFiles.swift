import CapitationCore
import ClaimFormats

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Each regime's care in its own standard, as ``NativeCoding`` assigns it.
///
/// One AW319 file per message and provider (`claims/aw319-zvw-coop.asc`), one WMO323 message per provider
/// (`claims/wmo323-coop.xml`), and the rest in the project's CSV (`claims/zvw.csv`, …). Files are opened
/// when their first line comes.
///
/// Faulty lines are faulty in the standard's own terms: an impossible date (`20260230`) in field 414 or
/// Begindatum, a decimal comma in field 429 or Bedrag.
final class NativeClaimFiles: SyntheticClaimFiles {
    private let folder: String
    private let period: DatePeriod
    private let csv: CSVClaimFiles
    private var aw319: [String: AW319File] = [:]
    private var wmo323: [String: WMO323File] = [:]

    init(folder: String, period: DatePeriod) throws(SyntheticDataError) {
        self.folder = folder
        self.period = period
        csv = try CSVClaimFiles(folder: folder, always: false)
    }

    func write(_ lines: some Collection<SyntheticLine>, of member: SyntheticMember) throws(SyntheticDataError) {
        guard let bsn = BSN(utf8: member.id.utf8) else {
            throw SyntheticDataError("person \(member.reference) has no BSN; the standards name people by BSN")
        }
        // A person's lines of one file go together, after their record: grouped in order of first line.
        var groups: [(file: String, lines: [(SyntheticLine, NativeCoding)])] = []
        for line in lines {
            let coding = NativeCoding.of(category: line.category, product: line.product)
            let file: String
            switch coding.standard {
            case .csv:
                try csv.write(line)
                continue
            case .aw319(let messageCode):
                file = "claims/aw319-\(line.regime.rawValue.lowercased())-\(line.provider).asc"
                if aw319[file] == nil {
                    aw319[file] = try AW319File(
                        path: folder + "/" + file,
                        header: header(messageCode: messageCode, regime: line.regime, provider: line.provider)
                    )
                }
            case .wmo323:
                file = WMO323File.name(line.provider)
                if wmo323[file] == nil { wmo323[file] = try wmo323File(line.provider) }
            }
            if let index = groups.firstIndex(where: { $0.file == file }) {
                groups[index].lines.append((line, coding))
            } else {
                groups.append((file, [(line, coding)]))
            }
        }
        for (file, lines) in groups {
            if let aw319 = aw319[file], let regime = lines.first?.0.regime {
                try aw319.write(person(member, bsn: bsn, regime: regime), lines)
            } else if let wmo323 = wmo323[file] {
                try wmo323.write(member, lines)
            }
        }
    }

    func close() throws(SyntheticDataError) -> [String] {
        var names = try csv.close()
        for (name, file) in aw319 {
            try file.close()
            names.append(name)
        }
        for (name, file) in wmo323 {
            try file.close()
            names.append(name)
        }
        return names.sorted()
    }

    /// The header of a provider's file: an institution, paid as such (field 113 `04` with its AGB code
    /// in 112), one invoice a year and message.
    private func header(messageCode: Int, regime: Regime, provider: String) -> AW319Header {
        let agb = NativeCoding.agb(provider)
        return AW319Header(
            messageCode: messageCode,
            uzovi: NativeCoding.uzovi(regime),
            institution: agb,
            period: period,
            invoiceNumber: "\(period.start.year)\(messageCode)-\(agb.suffix(4))",
            invoiceDate: invoiceDate
        )
    }

    /// The day the year's claims are sent: 12 January of the next year.
    private var invoiceDate: CalendarDate {
        CalendarDate(year: period.end.year + 1, month: 1, day: 12) ?? period.end
    }

    /// The person's record: the roster's postcode with a house number of their own, dead or alive on the
    /// day the claims are sent, and in a Wlz file with the indication their care profile is claimed under.
    ///
    /// Field 208 has no code for an unspecified sex (only 1 and 2), so people of sex X are written as women,
    /// as the generated contract's risk models score them (`unspecifiedSexUses="F"`); the settlement takes
    /// sex from the roster, never from the claims.
    private func person(_ member: SyntheticMember, bsn: BSN, regime: Regime) -> AW319Person {
        let sex: AW319Person.Sex = member.sex == .male ? .male : .female
        return AW319Person(
            bsn: bsn,
            uzovi: NativeCoding.uzovi(regime),
            birthDate: member.birthDate,
            sex: sex,
            name: "Deelnemer",
            initials: "X",
            address: .netherlands(postcode: member.postcode, houseNumber: NativeCoding.houseNumber(of: member)),
            isDeceased: member.deathDate.map { $0 <= invoiceDate } ?? false,
            indication: regime == .wlz ? NativeCoding.indication(of: member) : nil
        )
    }

    private func wmo323File(_ provider: String) throws(SyntheticDataError) -> WMO323File {
        let date = invoiceDate.description
        return try WMO323File(
            folder: folder,
            provider: provider,
            header: WMO323Header(
                sender: NativeCoding.agb(provider),
                receiver: NativeCoding.municipality,
                identification: "WMO-\(period.start.year)-0001",
                messageDate: date,
                declarationNumber: "D\(period.start.year)-0001",
                periodStart: period.start.description,
                periodEnd: period.end.description,
                declarationDate: date,
                totalAmount: "0",
                totalSide: "D"
            )
        )
    }
}

/// One AW319 file: its header when opened, each person's record before their claims, the trailer when
/// closed.
private final class AW319File {
    private let output: BufferedFileWriter
    private var writer = AW319Writer()
    private var bytes: [UInt8] = []

    init(path: String, header: AW319Header) throws(SyntheticDataError) {
        output = try BufferedFileWriter(path)
        do {
            try writer.header(header, into: &bytes)
        } catch {
            throw SyntheticDataError("cannot write the AW319 header of \(path): \(error)")
        }
        try flush()
    }

    func write(_ person: AW319Person, _ lines: [(SyntheticLine, NativeCoding)]) throws(SyntheticDataError) {
        do {
            try writer.person(person, into: &bytes)
            for (line, coding) in lines {
                let start = bytes.count
                try writer.claim(try claimLine(line, coding, member: person.bsn), into: &bytes)
                if let text = line.malformedStart {
                    patch(AW319Layout.field(414), String(text.filter { $0 != "-" }), record: start)
                }
                if let text = line.malformedAmount {
                    let field = AW319Layout.field(429)
                    let padded = String(repeating: "0", count: max(0, field.length - text.count)) + text
                    patch(field, String(padded.suffix(field.length)), record: start)
                }
            }
        } catch {
            throw SyntheticDataError("cannot write an AW319 record to \(output.path): \(error)")
        }
        try flush()
    }

    /// Overwrites `field` of the record starting at `record` with `text`, which has the field's length.
    private func patch(_ field: AW319Field, _ text: String, record: Int) {
        for (offset, byte) in zip(field.offsets, text.utf8) { bytes[record + offset] = byte }
    }

    private func claimLine(
        _ line: SyntheticLine,
        _ coding: NativeCoding,
        member: BSN
    ) throws(SyntheticDataError) -> ClaimLine {
        guard let service = DatePeriod(start: line.start, end: line.end) else {
            throw SyntheticDataError("claim \(line.claimID) ends before it starts")
        }
        return ClaimLine(
            claimID: line.claimID,
            member: MemberID(member.digits),
            regime: line.regime,
            payer: NativeCoding.uzovi(line.regime),
            provider: NativeCoding.agb(line.provider),
            category: CategoryCode(coding.category),
            product: ProductCode(coding.product),
            service: service,
            amount: Cents(Int64(line.cents)),
            side: line.side,
            corrects: line.corrects,
            careProfile: coding.careProfile.map { CareProfileCode(rawValue: $0) },
            volume: ClaimLine.Volume(count: Int64(coding.volume(of: service)), unit: coding.unit),
            source: LineSource(file: 0, line: 0)
        )
    }

    private func flush() throws(SyntheticDataError) {
        try output.bytes(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    func close() throws(SyntheticDataError) {
        do {
            try writer.trailer(into: &bytes)
        } catch {
            throw SyntheticDataError("cannot write the AW319 trailer of \(output.path): \(error)")
        }
        try flush()
        try output.close()
    }
}

/// One WMO323 message.
///
/// Its header carries the total of every service, which is known only at the end, so
/// the clients are written to a hidden file first and copied after the header when the message is closed.
private final class WMO323File {
    private let path: String
    private let bodyPath: String
    private let body: BufferedFileWriter
    private var header: WMO323Header
    /// Σ debit − Σ credit in cents.
    private var total = 0
    private var bytes: [UInt8] = []

    static func name(_ provider: String) -> String { "claims/wmo323-\(provider).xml" }

    init(folder: String, provider: String, header: WMO323Header) throws(SyntheticDataError) {
        path = folder + "/" + Self.name(provider)
        bodyPath = folder + "/.wmo323-\(provider).body"
        body = try BufferedFileWriter(bodyPath)
        self.header = header
    }

    func write(_ member: SyntheticMember, _ lines: [(SyntheticLine, NativeCoding)]) throws(SyntheticDataError) {
        var services: [WMO323Service] = []
        for (line, coding) in lines {
            total += line.side == .debit ? line.cents : -line.cents
            services.append(
                WMO323Service(
                    reference: line.claimID,
                    previousReference: line.side == .credit ? line.corrects : nil,
                    assignment: "\(member.reference)-\(coding.category)",
                    category: coding.category,
                    product: coding.product,
                    start: line.malformedStart ?? line.start.description,
                    end: line.end.description,
                    volume: String(DatePeriod(start: line.start, end: line.end).map(coding.volume) ?? 1),
                    unit: coding.unit,
                    amount: line.malformedAmount ?? String(line.cents),
                    side: line.side.rawValue
                )
            )
        }
        WMO323Writer.client(WMO323Client(bsn: member.id, services: services), into: &bytes)
        try body.bytes(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    func close() throws(SyntheticDataError) {
        try body.close()
        header.totalAmount = String(total.magnitude)
        header.totalSide = total < 0 ? "C" : "D"
        let output = try BufferedFileWriter(path)
        WMO323Writer.begin(header, into: &bytes)
        try output.bytes(bytes)
        try output.append(contentsOf: bodyPath)
        bytes.removeAll()
        WMO323Writer.end(into: &bytes)
        try output.bytes(bytes)
        try output.close()
        unlink(bodyPath)
    }
}
