import CapitationCore
import ClaimFormats
import Testing

/// AW319 files written by ``AW319Writer`` from claims built by hand, one for each message of the table,
/// between them every kind of record and every choice of the writer.
enum AW319HandBuiltFile: String, CaseIterable, CustomStringConvertible {
    /// Message 187 from an institution: a deceased person with an indication, with a care profile month,
    /// its partial credit, treatment under a function, and comments on the person and a claim; a person
    /// abroad with an indication.
    case wlz
    /// Message 428 from a practice: district nursing by the hour and by the month, its credit, and
    /// first-line stay by the day.
    case districtNursing
    /// Message 430 through a service bureau, which is paid.
    case sensoryImpaired

    var description: String { rawValue }

    static func date(_ text: String) throws -> CalendarDate { try CalendarDate(parsing: text) }

    static func period(_ start: String, _ end: String) throws -> DatePeriod {
        guard let period = DatePeriod(start: try date(start), end: try date(end)) else {
            preconditionFailure("\(start) after \(end)")
        }
        return period
    }

    static let firstBSN = "111222333"
    static let secondBSN = "123456782"

    /// A claim line of the file's regime for `member`.
    static func line(
        _ reference: String,
        _ member: String,
        regime: Regime,
        payer: String,
        category: CategoryCode,
        product: ProductCode,
        amount: Int64,
        volume: ClaimLine.Volume,
        careProfile: CareProfileCode? = nil,
        corrects: String? = nil
    ) throws -> ClaimLine {
        ClaimLine(
            claimID: reference,
            member: MemberID(member),
            regime: regime,
            payer: payer,
            provider: "47470001",
            category: category,
            product: product,
            service: try period("2026-03-01", "2026-03-31"),
            amount: Cents(amount),
            side: corrects == nil ? .debit : .credit,
            corrects: corrects,
            careProfile: careProfile,
            volume: volume,
            source: LineSource(file: 0, line: 0)
        )
    }

    func bytes() throws -> [UInt8] {
        var bytes: [UInt8] = []
        var writer = AW319Writer()
        let first = try #require(BSN(utf8: Self.firstBSN.utf8))
        let second = try #require(BSN(utf8: Self.secondBSN.utf8))
        let march = try Self.period("2026-03-01", "2026-03-31")
        let invoiceDate = try Self.date("2026-04-03")
        switch self {
        case .wlz:
            try writer.header(
                AW319Header(
                    messageCode: 187,
                    uzovi: "9664",
                    institution: "47470001",
                    period: march,
                    invoiceNumber: "2026187-0311",
                    invoiceDate: invoiceDate
                ),
                into: &bytes
            )
            try writer.person(
                AW319Person(
                    bsn: first,
                    uzovi: "9664",
                    birthDate: try Self.date("1938-05-17"),
                    sex: .female,
                    name: "Brünink",
                    initials: "MÉ",
                    address: .netherlands(postcode: "7101AB", houseNumber: 12, addition: "bis"),
                    isDeceased: true,
                    indication: AW319Person.Indication(body: "0901", client: "CIZ-4711", request: 4711, decision: 4712)
                ),
                into: &bytes
            )
            try writer.comment("Verblijf met behandeling", into: &bytes)
            let month = ClaimLine.Volume(count: 31, unit: "14")
            let care = { (reference: String, amount: Int64, corrects: String?) throws -> ClaimLine in
                try Self.line(
                    reference,
                    Self.firstBSN,
                    regime: .wlz,
                    payer: "9664",
                    category: "055",
                    product: "Z754",
                    amount: amount,
                    volume: month,
                    careProfile: "754",
                    corrects: corrects
                )
            }
            try writer.claim(try care("WLZ-0001", 612_345, nil), into: &bytes)
            try writer.comment("Maart 2026", into: &bytes)
            try writer.comment("tweede regel", into: &bytes)
            try writer.claim(try care("WLZ-0002", 19_753, "WLZ-0001"), into: &bytes)
            let treatment = try Self.line(
                "WLZ-0003",
                Self.firstBSN,
                regime: .wlz,
                payer: "9664",
                category: "055",
                product: "H126",
                amount: 8_000,
                volume: ClaimLine.Volume(count: 4, unit: "04")
            )
            try writer.claim(treatment, function: "63", into: &bytes)
            try writer.person(
                AW319Person(
                    bsn: second,
                    uzovi: "9664",
                    birthDate: try Self.date("1941-11-02"),
                    sex: .male,
                    name: "de Vries",
                    initials: "JH",
                    address: .abroad(country: "DE", postcode: "46395"),
                    indication: AW319Person.Indication(body: "0000", client: "C2", request: 1, decision: 2)
                ),
                into: &bytes
            )
            var stay = try care("WLZ-0004", 821_500, nil)
            stay.member = MemberID(Self.secondBSN)
            stay.careProfile = "755"
            stay.product = "Z755"
            try writer.claim(stay, into: &bytes)
        case .districtNursing:
            try writer.header(
                AW319Header(
                    messageCode: 428,
                    uzovi: "3311",
                    provider: "01012345",
                    practice: "01023456",
                    institution: "47470001",
                    payTo: AW319Codes.payPractice,
                    period: march,
                    invoiceNumber: "WV-2026-03",
                    invoiceDate: invoiceDate
                ),
                into: &bytes
            )
            try writer.person(
                AW319Person(
                    bsn: first,
                    uzovi: "3311",
                    birthDate: try Self.date("1938-05-17"),
                    sex: .female,
                    name: "Jansen",
                    initials: "M",
                    address: .netherlands(postcode: "7101ab", houseNumber: 0)
                ),
                into: &bytes
            )
            let nursing = { (reference: String, amount: Int64, volume: ClaimLine.Volume, corrects: String?) in
                try Self.line(
                    reference,
                    Self.firstBSN,
                    regime: .zvw,
                    payer: "3311",
                    category: "065",
                    product: "1004",
                    amount: amount,
                    volume: volume,
                    corrects: corrects
                )
            }
            try writer.claim(try nursing("WV-0001", 306_000, .init(count: 40, unit: "04"), nil), into: &bytes)
            try writer.claim(try nursing("WV-0002", 7_650, .init(count: 1, unit: "04"), "WV-0001"), into: &bytes)
            try writer.claim(try nursing("WV-0003", 250_000, .init(count: 1, unit: "31"), nil), into: &bytes)
            try writer.comment("Eerstelijnsverblijf na ontslag", into: &bytes)
            try writer.person(
                AW319Person(
                    bsn: second,
                    uzovi: "3311",
                    birthDate: try Self.date("1941-11-02"),
                    sex: .male,
                    name: "Smit",
                    initials: "P",
                    address: .netherlands(postcode: "7102CD", houseNumber: 3)
                ),
                into: &bytes
            )
            let stay = try Self.line(
                "ELV-0001",
                Self.secondBSN,
                regime: .zvw,
                payer: "3311",
                category: "068",
                product: "2001",
                amount: 406_000,
                volume: ClaimLine.Volume(count: 14, unit: "14")
            )
            try writer.claim(stay, into: &bytes)
        case .sensoryImpaired:
            try writer.header(
                AW319Header(
                    messageCode: 430,
                    messageKind: "T",
                    uzovi: "3311",
                    serviceBureau: "98000123",
                    institution: "47470002",
                    payTo: AW319Codes.payServiceBureau,
                    period: march,
                    invoiceNumber: "ZG1",
                    invoiceDate: invoiceDate
                ),
                into: &bytes
            )
            try writer.person(
                AW319Person(
                    bsn: first,
                    uzovi: "3311",
                    birthDate: try Self.date("1938-05-17"),
                    sex: .female,
                    name: "Jansen",
                    initials: "M",
                    address: .netherlands(postcode: "7101AB", houseNumber: 12)
                ),
                into: &bytes
            )
            let care = try Self.line(
                "ZG-0001",
                Self.firstBSN,
                regime: .zvw,
                payer: "3311",
                category: "066",
                product: "ZG01",
                amount: 12_345,
                volume: ClaimLine.Volume(count: 1, unit: "81")
            )
            try writer.claim(care, into: &bytes)
        }
        try writer.trailer(into: &bytes)
        return bytes
    }
}
