import CapitationCore
import ClaimFormats

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Each regime's care in its own standard, as `NativeCoding` assigns it.
///
/// One AW319 file per message, provider and month the insurer or care office receives the claims
/// (`claims/aw319-zvw-coop-2027-03.asc`, invoice dated the day the lines are received, field 0117), and more
/// when one would hold more records or cents than its trailer can count
/// (`claims/aw319-zvw-coop-2027-03-part-2.asc`, with an invoice of its own); one WMO323 message per provider
/// and calendar month, as a municipality receives them (`claims/wmo323-coop-2026-03.xml`), see
/// ``WMO323Messages``; and the rest in the project's CSV (`claims/zvw.csv`, …). Files are opened when
/// their first line comes.
///
/// Faulty lines are faulty in the standard's own terms: an impossible date (`20260230`) in field 414, a
/// decimal comma in field 429. The Wmo has none: a WMO323 message with such a value would fail the iWmo
/// schema and never reach the municipality (see ``SyntheticClaims``).
final class NativeClaimFiles: SyntheticClaimFiles {
    private let folder: String
    private let period: DatePeriod
    private let csv: CSVClaimFiles
    private var aw319: [String: AW319File] = [:]
    /// The number of files of each provider's AW319 file name, when more than one; and the names of the
    /// files closed because they were full.
    private var aw319Parts: [String: Int] = [:]
    private var closedAW319: [String] = []
    private let wmo323: WMO323Messages
    private let aw319Records: Int

    init(folder: String, period: DatePeriod, aw319Records: Int = AW319FileLimits.records) throws(SyntheticDataError) {
        self.folder = folder
        self.period = period
        self.aw319Records = min(max(2, aw319Records), AW319FileLimits.records)
        csv = try CSVClaimFiles(folder: folder, always: false)
        wmo323 = WMO323Messages(folder: folder, period: period)
    }

    func write(_ lines: some Collection<SyntheticLine>, of member: SyntheticMember) throws(SyntheticDataError) {
        guard let bsn = BSN(utf8: member.id.utf8) else {
            throw SyntheticDataError("person \(member.reference) has no BSN; the standards name people by BSN")
        }
        // A person's lines of one file go together, after their record: grouped in order of first line.
        var groups: [(file: String, lines: [(SyntheticLine, NativeCoding)])] = []
        var wmoLines: [(SyntheticLine, NativeCoding)] = []
        for line in lines {
            let coding = NativeCoding.of(category: line.category, product: line.product)
            let file: String
            switch coding.standard {
            case .csv:
                try csv.write(line)
                continue
            case .aw319(let messageCode):
                // The insurer's and care office's answers name the line by its provider's AGB code.
                if let answer = line.answer {
                    try csv.writeAnswer(answer.csvRow(line, provider: NativeCoding.agb(line.provider)))
                }
                let received = line.received ?? period.end
                file =
                    "claims/aw319-\(line.regime.rawValue.lowercased())-\(line.provider)-\(Self.month(received)).asc"
                if aw319[file] == nil {
                    aw319[file] = try AW319File(
                        path: folder + "/" + file,
                        header: header(
                            messageCode: messageCode,
                            regime: line.regime,
                            provider: line.provider,
                            invoiceDate: received
                        ),
                        recordLimit: aw319Records
                    )
                }
            case .wmo323:
                wmoLines.append((line, coding))
                continue
            }
            if let index = groups.firstIndex(where: { $0.file == file }) {
                groups[index].lines.append((line, coding))
            } else {
                groups.append((file, [(line, coding)]))
            }
        }
        for (file, lines) in groups {
            guard let current = aw319[file], let (first, coding) = lines.first else { continue }
            var output = current
            if !output.fits(lines.map(\.0)) {
                output = try nextPart(of: file, after: current, first: first, coding: coding)
            }
            let invoiceDate = first.received ?? period.end
            try output.write(person(member, bsn: bsn, regime: first.regime, invoiceDate: invoiceDate), lines)
        }
        if !wmoLines.isEmpty { try wmo323.write(member, wmoLines) }
    }

    /// Closes the full file `current` of AW319 file name `file` and opens its next part, which takes the
    /// place of `file` for the lines that follow.
    private func nextPart(
        of file: String,
        after current: AW319File,
        first: SyntheticLine,
        coding: NativeCoding
    ) throws(SyntheticDataError) -> AW319File {
        guard case .aw319(let messageCode) = coding.standard else { return current }
        let part = aw319Parts[file, default: 1] + 1
        // The invoice number (field 116) has twelve characters; a part number of three digits no longer fits.
        guard part < 100 else {
            throw SyntheticDataError(
                "more than 99 AW319 files of \(first.provider) for one message; generate fewer lines"
            )
        }
        try current.close()
        closedAW319.append(aw319Parts[file] == nil ? file : Self.partName(file, aw319Parts[file, default: 1]))
        aw319Parts[file] = part
        let received = first.received ?? period.end
        var header = header(
            messageCode: messageCode,
            regime: first.regime,
            provider: first.provider,
            invoiceDate: received
        )
        header.invoiceNumber =
            "\(Self.shortMonth(received))\(messageCode)\(NativeCoding.agb(first.provider).suffix(2))-\(part)"
        let next = try AW319File(
            path: folder + "/" + Self.partName(file, part),
            header: header,
            recordLimit: aw319Records
        )
        aw319[file] = next
        return next
    }

    /// The name of part `part` of AW319 file name `file`: the name itself for the first.
    private static func partName(_ file: String, _ part: Int) -> String {
        guard part > 1, file.hasSuffix(".asc") else { return file }
        return String(file.dropLast(4)) + "-part-\(part).asc"
    }

    func close() throws(SyntheticDataError) -> [String] {
        var names = try csv.close() + closedAW319
        for (name, file) in aw319 {
            try file.close()
            names.append(Self.partName(name, aw319Parts[name, default: 1]))
        }
        names += try wmo323.close()
        return names.sorted()
    }

    /// The header of a provider's file: an institution, paid as such (field 113 `04` with its AGB code
    /// in 112), one invoice per message and month of receipt, dated the day it is received.
    private func header(messageCode: Int, regime: Regime, provider: String, invoiceDate: CalendarDate) -> AW319Header {
        let agb = NativeCoding.agb(provider)
        return AW319Header(
            messageCode: messageCode,
            uzovi: NativeCoding.uzovi(regime),
            institution: agb,
            period: period,
            invoiceNumber: "\(Self.shortMonth(invoiceDate))\(messageCode)\(agb.suffix(4))",
            invoiceDate: invoiceDate
        )
    }

    /// `YYYY-MM` of `date`.
    private static func month(_ date: CalendarDate) -> String {
        "\(date.year)-\(date.month < 10 ? "0" : "")\(date.month)"
    }

    /// `YYMM` of `date`.
    private static func shortMonth(_ date: CalendarDate) -> String {
        "\(date.year % 100 < 10 ? "0" : "")\(date.year % 100)\(date.month < 10 ? "0" : "")\(date.month)"
    }

    /// The person's record: the roster's postcode with a house number of their own, dead or alive on the
    /// day the claims are sent, and in a Wlz file with the indication their care profile is claimed under.
    ///
    /// Field 208 has no code for an unspecified sex (only 1 and 2), so people of sex X are written as women,
    /// as the generated contract's risk models score them (`unspecifiedSexUses="F"`); the settlement takes
    /// sex from the roster, never from the claims.
    private func person(
        _ member: SyntheticMember,
        bsn: BSN,
        regime: Regime,
        invoiceDate: CalendarDate
    ) -> AW319Person {
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
}

/// What one AW319 file's trailer can count.
enum AW319FileLimits {
    /// Insured-person and claim records: fields 9902 and 9904 have six digits.
    static let records = 999_999
    /// Cents of the claims: the total, field 9907, has eleven digits.
    static let cents = 99_999_999_999
}

/// One AW319 file: its header when opened, each person's record before their claims, the trailer when
/// closed.
private final class AW319File {
    private let output: BufferedFileWriter
    private var writer = AW319Writer()
    private var bytes: [UInt8] = []
    /// The records counted in the trailer (insured persons and claims) and the cents of the claims.
    private var records = 0
    private var cents = 0
    private let recordLimit: Int

    /// Whether a person with `lines` still fits: the trailer can count their records and cents.
    ///
    /// Anyone fits an empty file.
    func fits(_ lines: [SyntheticLine]) -> Bool {
        records == 0
            || records + 1 + lines.count <= recordLimit
                && cents + lines.reduce(0) { $0 + Int($1.cents.magnitude) } <= AW319FileLimits.cents
    }

    init(path: String, header: AW319Header, recordLimit: Int) throws(SyntheticDataError) {
        self.recordLimit = recordLimit
        output = try BufferedFileWriter(path)
        do {
            try writer.header(header, into: &bytes)
        } catch {
            throw SyntheticDataError("cannot write the AW319 header of \(path): \(error)")
        }
        try flush()
    }

    func write(_ person: AW319Person, _ lines: [(SyntheticLine, NativeCoding)]) throws(SyntheticDataError) {
        records += 1 + lines.count
        cents += lines.reduce(0) { $0 + Int($1.0.cents.magnitude) }
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
