import CapitationCore
import ClaimFormats

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Each regime's care in its own standard, as ``NativeCoding`` assigns it.
///
/// One AW319 file per message and provider (`claims/aw319-zvw-coop.asc`); one WMO323 message per provider
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
    private let wmo323: WMO323Messages

    init(folder: String, period: DatePeriod) throws(SyntheticDataError) {
        self.folder = folder
        self.period = period
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
                file = "claims/aw319-\(line.regime.rawValue.lowercased())-\(line.provider).asc"
                if aw319[file] == nil {
                    aw319[file] = try AW319File(
                        path: folder + "/" + file,
                        header: header(messageCode: messageCode, regime: line.regime, provider: line.provider)
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
            if let aw319 = aw319[file], let regime = lines.first?.0.regime {
                try aw319.write(person(member, bsn: bsn, regime: regime), lines)
            }
        }
        if !wmoLines.isEmpty { try wmo323.write(member, wmoLines) }
    }

    func close() throws(SyntheticDataError) -> [String] {
        var names = try csv.close()
        for (name, file) in aw319 {
            try file.close()
            names.append(name)
        }
        names += try wmo323.close()
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
