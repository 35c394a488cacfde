import CapitationCore

/// One generated person: who they are, when they are enrolled and alive, and what they carry.
struct SyntheticMember {
    /// The member number written in the roster, the claims and the indicators: `P00042`, or a BSN.
    var id: String
    /// The person's code in claim references (`Z-P00042-3`), never a BSN: references appear in outputs.
    var reference: String
    var birthDate: CalendarDate
    var sex: Sex
    var postcode: String
    var municipality: String
    var insurer: String
    var enrolledFrom: CalendarDate?
    var enrolledTo: CalendarDate?
    var deathDate: CalendarDate?
    var markers: [String]
    /// The nursing-home profile held at the start of the year, or taken up on `admission`.
    var careProfile: CareProfile?
    var admission: CalendarDate?
    /// Whether the contract's criteria are meant to admit the person (age, area and insurer).
    var meetsCriteria: Bool

    var hasDementia: Bool { markers.contains("dementia") }
    var frailty: Int { markers.contains("frailty-high") ? 2 : (markers.contains("frailty-mid") ? 1 : 0) }
    var livesAlone: Bool { markers.contains("living-alone") }
}

/// A Wlz care profile for a nursing-home stay, with its daily tariff.
struct CareProfile {
    var code: String
    var label: String
    var dailyCents: Int

    static let profiles = [
        CareProfile(code: "753", label: "ZZP 4VV", dailyCents: 19_000),
        CareProfile(code: "754", label: "ZZP 5VV", dailyCents: 25_500),
        CareProfile(code: "755", label: "ZZP 6VV", dailyCents: 26_500),
        CareProfile(code: "756", label: "ZZP 7VV", dailyCents: 30_000),
    ]
}

extension SyntheticMember {
    /// Age bands of people aged 75 and over, with their share in ‰, the share of women in ‰, and the annual
    /// probability of dying in ‰: a population shaped like the Dutch 75+ (CBS, rounded).
    static let bands:
        [(ages: ClosedRange<Int>, share: Int, female: Int, mortality: Int, dementia: Int, frail: Int, nursingHome: Int)] =
            [
                (75...79, 390, 520, 25, 40, 60, 20),
                (80...84, 270, 560, 50, 90, 100, 50),
                (85...89, 190, 620, 100, 180, 160, 120),
                (90...94, 110, 700, 190, 300, 250, 250),
                (95...101, 40, 780, 320, 300, 250, 250),
            ]

    /// Draws person number `index` of a roster for `year`; a few in a hundred do not meet the criteria.
    static func draw(_ index: Int, year: Int, random: inout SeededRandom) -> SyntheticMember {
        let band = random.pick(bands.map { ($0, $0.share) })
        var age = random.int(band.ages)
        var meetsCriteria = true
        var postcode = String(7100 + random.int(0...99))
        var insurer = "3311"
        switch random.int(0...999) {
        case 0..<20:
            age = random.int(72...74)
            meetsCriteria = false
        case 20..<30:
            postcode = String(7200 + random.int(0...99))
            meetsCriteria = false
        case 30..<40:
            insurer = "3399"
            meetsCriteria = false
        default:
            break
        }
        let sex: Sex =
            random.chance(perMille: 2) ? .unspecified : (random.chance(perMille: band.female) ? .female : .male)
        let birthDate = date(year - age - 1, dayOfYear: random.int(1...365))
        var markers: [String] = []
        let dementia = random.chance(perMille: band.dementia)
        if dementia { markers.append("dementia") }
        if random.chance(perMille: sex == .male ? 280 : 550) { markers.append("living-alone") }
        if random.chance(perMille: band.frail) {
            markers.append("frailty-high")
        } else if random.chance(perMille: 180) {
            markers.append("frailty-mid")
        }
        let code = memberCode(index)
        var member = SyntheticMember(
            id: code,
            reference: code,
            birthDate: birthDate,
            sex: sex,
            postcode: postcode + ["AB", "CD", "EF", "GH", "JK"][random.int(0...4)],
            municipality: postcode.hasPrefix("72") ? "0296" : "0294",
            insurer: insurer,
            enrolledFrom: nil,
            enrolledTo: nil,
            deathDate: nil,
            markers: markers,
            careProfile: nil,
            admission: nil,
            meetsCriteria: meetsCriteria
        )
        if random.chance(perMille: band.nursingHome * (dementia ? 2 : 1)) {
            member.careProfile = CareProfile.profiles[dementia ? random.int(1...3) : random.int(0...2)]
        } else if random.chance(perMille: 15 + 20 * member.frailty + (dementia ? 30 : 0)) {
            member.careProfile = CareProfile.profiles[dementia ? 1 : random.int(0...2)]
            member.admission = date(year, dayOfYear: random.int(1...365))
        }
        if random.chance(perMille: band.mortality) {
            member.deathDate = date(year, dayOfYear: random.int(1...365))
        }
        switch random.int(0...999) {
        case 0..<20: member.enrolledFrom = date(year, dayOfYear: random.int(2...365))
        case 20..<40: member.enrolledTo = date(year, dayOfYear: random.int(1...364))
        default: break
        }
        return member
    }

    /// The pseudonym of person number `index`: `P` and the number, written with at least six digits
    /// (`P000042`, `P1600000`), so that every person has their own.
    static func memberCode(_ index: Int) -> String {
        let number = String(index)
        return "P" + String(repeating: "0", count: max(0, 6 - number.count)) + number
    }

    /// The synthetic BSN of person number `index` (0 through 999,999): 9 digits from 900,000,00x that pass
    /// the elfproef.
    ///
    /// The person's number is the first seven digits; the eighth is 0, or 1 when no ninth digit would
    /// make the elfproef hold with 0 (a step of the eighth digit moves the weighted sum by 2, so one of
    /// the two always works); the ninth is the check digit.
    static func bsn(_ index: Int) -> BSN {
        for eighth in 0...1 {
            let prefix = (9_000_000 + index) * 10 + eighth
            if let check = BSN.checkDigit(prefix: prefix), let bsn = BSN(number: prefix * 10 + check) { return bsn }
        }
        preconditionFailure("person \(index) has no synthetic BSN")
    }

    /// The date of day `dayOfYear` (1-based) of `year`, within the year.
    static func date(_ year: Int, dayOfYear: Int) -> CalendarDate {
        guard let first = CalendarDate(year: year, month: 1, day: 1),
            let date = first.adding(days: min(dayOfYear, CalendarDate.isLeapYear(year) ? 366 : 365) - 1)
        else { preconditionFailure("year \(year) out of range") }
        return date
    }

    /// The days of `period` on which the member is enrolled and alive.
    func window(in period: DatePeriod) -> DatePeriod? {
        let first = max(period.start, enrolledFrom ?? period.start)
        let last = [period.end, enrolledTo, deathDate].compactMap { $0 }.min() ?? period.end
        return DatePeriod(start: first, end: last)
    }

    /// The roster row.
    var rosterRow: String {
        [
            id, birthDate.description, sex.rawValue, postcode, municipality, insurer, enrolledFrom?.description ?? "",
            enrolledTo?.description ?? "", deathDate?.description ?? "", markers.joined(separator: ";"),
        ].joined(separator: ",")
    }
}
