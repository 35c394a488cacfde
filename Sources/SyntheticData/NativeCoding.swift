import CapitationCore
import ClaimFormats

/// How a generated line is written when each regime's care comes in its own standard, and the codes the
/// contract's scope then names.
///
/// District nursing and first-line stay (ELV) go to the insurer as Vektis AW319 message 428, under the
/// prestatiecodelijsten 065 (wijkverpleging) and 068 (eerstelijnsverblijf); nursing-home care and the full
/// package at home (VPT) to the care office as AW319 message 187, under the Wlz list 055 with the care
/// profile (ZZP) in field 413; household help, support, short stay and day care to the municipality as
/// iWmo WMO323 (product categories 01, 02, 04 and 07 of list WMO020). The rest stays in the project's CSV,
/// as insurers, municipalities and the SVB export it from their own systems: GP care, rehabilitation,
/// paramedical and hospital care, aids, home adaptations, debt counselling and personal budgets. The
/// codes are illustrative, written as the standards require.
struct NativeCoding: Equatable {
    enum Standard: Equatable {
        case csv
        case aw319(messageCode: Int)
        case wmo323
    }

    var standard: Standard
    /// The prestatiecodelijst (AW319), ProductCategorie (WMO323) or the CSV's category.
    var category: String
    /// The prestatiecode, ProductCode or the CSV's product.
    var product: String
    var careProfile: String?
    /// The unit of the volume: days (`14`) count the service's days, anything else counts one.
    var unit: String

    static let days = "14"

    /// The volume of a service over `period`: its days when the unit is days, otherwise one.
    func volume(of period: DatePeriod) -> Int {
        unit == Self.days ? period.dayCount : 1
    }

    /// The coding of a line of `category` and `product` as the CSV writes them.
    static func of(category: String, product: String) -> NativeCoding {
        switch category {
        case "wijkverpleging":
            NativeCoding(
                standard: .aw319(messageCode: 428),
                category: AW319Codes.districtNursingList,
                product: "1004",
                unit: "00"
            )
        case "elv":
            NativeCoding(
                standard: .aw319(messageCode: 428),
                category: AW319Codes.firstLineStayList,
                product: "2001",
                unit: days
            )
        case "verpleeghuis":
            NativeCoding(
                standard: .aw319(messageCode: 187),
                category: AW319Codes.wlzList,
                product: "Z" + product,
                careProfile: product,
                unit: days
            )
        case "vpt":
            NativeCoding(
                standard: .aw319(messageCode: 187),
                category: AW319Codes.wlzList,
                product: "V754",
                careProfile: "754",
                unit: days
            )
        case "huishoudelijke-hulp": NativeCoding(standard: .wmo323, category: "01", product: "01A01", unit: "82")
        case "begeleiding": NativeCoding(standard: .wmo323, category: "02", product: "02A01", unit: "82")
        case "respijtzorg": NativeCoding(standard: .wmo323, category: "04", product: "04A01", unit: days)
        case "dagbesteding": NativeCoding(standard: .wmo323, category: "07", product: "07A01", unit: "82")
        default: NativeCoding(standard: .csv, category: category, product: product, unit: "")
        }
    }

    /// The AGB code of a generated provider (8 digits).
    static func agb(_ provider: String) -> String {
        switch provider {
        case "coop": "73730001"
        case "grz-oost": "73730002"
        case "vvt-1": "47470001"
        case "vvt-2": "47470002"
        case "vvt-3": "47470003"
        default: "99999999"
        }
    }

    /// The UZOVI number of the insurer (Zvw) or the care office (Wlz), as in the generated contract.
    static func uzovi(_ regime: Regime) -> String {
        regime == .wlz ? "9664" : "3311"
    }

    /// The municipality code the Wmo claims are sent to.
    static let municipality = "0294"

    /// The number in a person's code (`P00042` is 42), unique among the people of a generated year.
    static func number(of member: SyntheticMember) -> Int {
        Int(member.reference.dropFirst()) ?? 0
    }

    /// The house number at the person's postcode, 1 through 180, from their number: postcodes hold a
    /// street or part of one, so numbers are small.
    static func houseNumber(of member: SyntheticMember) -> Int {
        1 + number(of: member) * 37 % 180
    }

    /// The indication body of the generated Wlz indications (field 224): region 09, body 01, illustrative.
    static let indicationBody = "0901"

    /// The Wlz indication that a person's care profile (field 413) is claimed under: their code as the
    /// client number at the indication body, and request and decision numbers of their own.
    static func indication(of member: SyntheticMember) -> AW319Person.Indication {
        let number = number(of: member)
        return AW319Person.Indication(
            body: indicationBody,
            client: member.reference,
            request: 100_000_000 + number,
            decision: 200_000_000 + number
        )
    }
}
