public import CapitationCore
import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Generates a complete, realistic settlement folder for a fieldlab of people aged 75 and over:
/// `contract.xml`, `population.csv`, `claims/` (one CSV file per regime, or each regime's care in its own
/// standard), `indicators.csv` and `indicators/survey.csv`.
///
/// The same members and seed always give the same bytes. Members are drawn one at a time from their own
/// seeded stream and their lines written at once, so memory does not grow with the number of lines. The
/// contract's per-capita amounts are calibrated on the generated claims, so that the Zvw saves about 2 %,
/// the Wmo overspends about 1 % and the Wlz saves about 5 % of its budget.
public struct SyntheticFieldlab: Sendable {
    public var members: Int
    public var seed: UInt64
    public var year: Int
    /// The number of baseline years written to `baseline/YEAR/` before the performance year.
    public var baselineYears: Int
    /// About how many claim lines the performance year should have; `nil` for the natural number (about
    /// 15 a member), in which providers bill periodic care once a month.
    public var claimLines: Int?
    /// The claims' formats; members are named by synthetic BSNs in ``SyntheticClaimFormat/native``.
    public var format: SyntheticClaimFormat

    /// The people the synthetic BSNs of `SyntheticMember/bsn(_:)` can name, roster and unlisted alike.
    public static let maximumNativeMembers = 1_000_000

    /// The claimants who are on no roster, for a roster of `members`: one in 500, at least one.
    static func unlisted(_ members: Int) -> Int { max(1, members / 500) }

    /// Whether `members` and their unlisted claimants all get a synthetic BSN.
    public static func hasBSNs(forMembers members: Int) -> Bool {
        members + unlisted(members) <= maximumNativeMembers
    }

    /// The growth of prices and volumes from one year to the next, in percent: the contract's dated
    /// trends, and what baseline years' prices are deflated by.
    public static let annualTrendPercent = "3.0"

    /// The most insured-person and claim records of one AW319 file, beyond which a provider's claims go on
    /// in a file of their own: 999,999, the most the trailer counts; fewer to see it happen in a small
    /// folder.
    package var aw319Records = AW319FileLimits.records
    /// The people of a comparison population, none when 0.
    ///
    /// Written to `comparison/` and `comparison/baseline/YEAR/` for each baseline year: drawn alike from
    /// streams of their own, living outside the fieldlab's area (postcodes 7300–7399, municipality 0297),
    /// named `C000000`, … (synthetic BSNs after the fieldlab's in native folders).
    public var comparisonMembers = 0
    /// A true effect injected into the fieldlab's performance year, in hundredths of a percent.
    ///
    /// `-500` is −5 %: every claim line's amount (and an amount approved in part) is multiplied by
    /// 1 + effect and rounded down to the cent, so that a credit never exceeds its debit. The contract's
    /// budgets are calibrated on the amounts without it, and the roster, the baseline years and the
    /// comparison population are those written without it. In native folders the amounts' own standards
    /// follow: a Wmo amount that no longer divides by its volume is declared in euros (unit 83), and AW319
    /// files split where their new totals say.
    public var trueEffectHundredthsPercent = 0
    /// The run-out the contract settles after, provisionally and finally; `nil` for a contract settled once.
    ///
    /// The claims are the same either way: every line says when it was received.
    public var runOut: RunOut?

    public init(
        members: Int,
        seed: UInt64,
        year: Int,
        baselineYears: Int = 0,
        claimLines: Int? = nil,
        format: SyntheticClaimFormat = .csv
    ) {
        self.members = members
        self.format = format
        self.seed = seed
        self.year = year
        self.baselineYears = baselineYears
        self.claimLines = claimLines
    }

    /// The lines per month of periodic care, in thousandths, that give about ``claimLines`` lines.
    ///
    /// A pilot of the first 2,000 members, drawn as they will be, measures how many lines a member has
    /// outside periodic care and how many periodic lines at one a month; periodic care is then billed
    /// finer or coarser to make up the rest. Between 0.1 and 30 lines a month.
    func linesPerMonthPerMille(in period: DatePeriod) -> Int {
        guard let target = claimLines else { return 1_000 }
        let pilot = min(members, 2_000)
        var periodic = 0
        var other = 0
        for index in 0..<pilot {
            var random = SeededRandom(seed: seed, stream: index, salt: 0)
            let member = SyntheticMember.draw(index, year: period.start.year, random: &random)
            var generator = claimGenerator(
                of: member,
                index,
                period: period,
                salt: 0,
                priceMillionths: 1_000_000,
                billing: 1_000
            )
            let count = generator.draw().count
            periodic += generator.periodicLines
            other += count - generator.periodicLines
        }
        guard periodic > 0 else { return 1_000 }
        // target ≈ members × (other + periodic × rate) ÷ pilot
        let wanted = (target * pilot / members - other) * 1_000 / periodic
        return min(30_000, max(100, wanted))
    }

    /// What was generated.
    public struct Summary: Sendable {
        public var rosterRows: Int
        public var claimLines: Int
        public var indicatorEvents: Int
        public var files: [String]
    }

    /// Writes the settlement folder into `folder`, creating it if needed.
    ///
    /// - Throws: ``SyntheticDataError`` when a file cannot be written.
    public func write(to folder: String) throws(SyntheticDataError) -> Summary {
        guard
            let period = DatePeriod(
                start: SyntheticMember.date(year, dayOfYear: 1),
                end: SyntheticMember.date(year, dayOfYear: 366)
            )
        else {
            throw SyntheticDataError("year \(year) is out of range")
        }
        if format == .native,
            !Self.hasBSNs(forMembers: members)
                || comparisonMembers > 0
                    && members + Self.unlisted(members) + comparisonMembers + Self.unlisted(comparisonMembers)
                        > Self.maximumNativeMembers
        {
            throw SyntheticDataError(
                "native claims name people by synthetic BSNs, of which there are \(Self.maximumNativeMembers); \(members) members and their unlisted claimants need more"
            )
        }
        try Self.makeFolders(folder, ["", "claims", "indicators"])
        let events = try BufferedFileWriter(folder + "/indicators.csv")
        try events.line("member_id,indicator,date")
        var calibration = Calibration(referenceDate: period.start)
        var summary = Summary(rosterRows: 0, claimLines: 0, indicatorEvents: 0, files: [])
        var eventCounts = Dictionary(uniqueKeysWithValues: Self.eventIndicators.map { ($0, 0) })
        let billing = linesPerMonthPerMille(in: period)
        let claimFiles = try writeYear(
            folder,
            period: period,
            salt: 0,
            priceMillionths: 1_000_000,
            billing: billing,
            effect: trueEffectHundredthsPercent,
            summary: &summary
        ) {
            member,
            random throws(SyntheticDataError) in
            try writeEvents(of: member, period: period, to: events, counts: &eventCounts, random: &random)
            if member.meetsCriteria, let window = member.window(in: period) {
                try calibration.add(member, days: window.dayCount)
            }
        } calibrate: { line in
            calibration.add(line)
        }
        // An indicator measured with no events says so, so that zero events reads as a measurement.
        for indicator in Self.eventIndicators where eventCounts[indicator] == 0 {
            try events.line(",\(indicator),\(IndicatorObservations.noEventsDate)")
        }
        try events.close()
        summary.indicatorEvents = eventCounts.values.reduce(0, +)
        var baselineFiles: [String] = []
        var price = 1_000_000
        for back in 0..<max(0, baselineYears) {
            let earlier = year - back - 1
            price = price * 1_000 / 1_030
            guard
                let earlierPeriod = DatePeriod(
                    start: SyntheticMember.date(earlier, dayOfYear: 1),
                    end: SyntheticMember.date(earlier, dayOfYear: 366)
                )
            else { throw SyntheticDataError("year \(earlier) is out of range") }
            let path = folder + "/baseline/\(earlier)"
            try Self.makeFolders(folder, ["baseline", "baseline/\(earlier)", "baseline/\(earlier)/claims"])
            var ignored = Summary(rosterRows: 0, claimLines: 0, indicatorEvents: 0, files: [])
            let files = try writeYear(
                path,
                period: earlierPeriod,
                salt: UInt64(earlier),
                priceMillionths: price,
                billing: billing,
                summary: &ignored
            ) {
                _,
                _ throws(SyntheticDataError) in
            } calibrate: { _ in
            }
            summary.claimLines += ignored.claimLines
            baselineFiles += ["baseline/\(earlier)/population.csv"] + files.map { "baseline/\(earlier)/" + $0 }
        }

        let comparisonFiles = try writeComparison(folder, period: period, billing: billing, summary: &summary)

        let survey = try BufferedFileWriter(folder + "/indicators/survey.csv")
        try survey.line("indicator,value,respondents")
        var random = SeededRandom(seed: seed, stream: -1)
        for _ in 0..<3 { try survey.line("experienced-control,\(random.int(70...77)),\(random.int(150...400))") }
        try survey.close()

        let contract = try BufferedFileWriter(folder + "/contract.xml")
        try contract.line(
            try SyntheticContract(
                year: year,
                members: members,
                calibration: calibration,
                baselineYears: baselineYears,
                format: format,
                runOut: runOut
            ).xml()
        )
        try contract.close()
        summary.files =
            ["contract.xml", "population.csv"] + claimFiles + ["indicators.csv", "indicators/survey.csv"]
            + baselineFiles + comparisonFiles
        return summary
    }

    /// Writes the comparison population's performance year to `folder/comparison/` and its baseline years
    /// to `folder/comparison/baseline/YEAR/`, priced as the fieldlab's years; returns the files written.
    private func writeComparison(
        _ folder: String,
        period: DatePeriod,
        billing: Int,
        summary: inout Summary
    ) throws(SyntheticDataError) -> [String] {
        guard comparisonMembers > 0 else { return [] }
        let cohort = Cohort.comparison(members: comparisonMembers, fieldlabMembers: members)
        var files: [String] = []
        var price = 1_000_000
        for back in -1..<max(0, baselineYears) {
            let year = self.year - back - 1
            if back >= 0 { price = price * 1_000 / 1_030 }
            guard
                let yearPeriod = DatePeriod(
                    start: SyntheticMember.date(year, dayOfYear: 1),
                    end: SyntheticMember.date(year, dayOfYear: 366)
                )
            else { throw SyntheticDataError("year \(year) is out of range") }
            let relative = back < 0 ? "comparison" : "comparison/baseline/\(year)"
            try Self.makeFolders(
                folder,
                back < 0
                    ? ["comparison", "comparison/claims"]
                    : ["comparison/baseline", relative, relative + "/claims"]
            )
            var written = Summary(rosterRows: 0, claimLines: 0, indicatorEvents: 0, files: [])
            let claims = try writeYear(
                folder + "/" + relative,
                period: yearPeriod,
                salt: back < 0 ? 0 : UInt64(year),
                priceMillionths: price,
                billing: billing,
                cohort: cohort,
                summary: &written
            ) {
                _,
                _ throws(SyntheticDataError) in
            } calibrate: { _ in
            }
            summary.claimLines += written.claimLines
            files += [relative + "/population.csv"] + claims.map { relative + "/" + $0 }
        }
        return files
    }

    /// Writes the roster and claims of one year to `folder`, and returns the claim files written.
    ///
    /// Members are drawn from streams salted with `salt`, prices scaled by `priceMillionths` ÷ 10⁶. `perMember` sees each real member with its
    /// random stream; `calibrate` each line that counts against the budget.
    private func writeYear(
        _ folder: String,
        period: DatePeriod,
        salt: UInt64,
        priceMillionths: Int,
        billing: Int,
        cohort: Cohort? = nil,
        effect: Int = 0,
        summary: inout Summary,
        perMember: (SyntheticMember, inout SeededRandom) throws(SyntheticDataError) -> Void,
        calibrate: (SyntheticLine) -> Void
    ) throws(SyntheticDataError) -> [String] {
        let cohort = cohort ?? Cohort.fieldlab(members: members)
        let roster = try BufferedFileWriter(folder + "/population.csv")
        let claims: any SyntheticClaimFiles =
            switch format {
            case .csv: try CSVClaimFiles(folder: folder, always: true)
            case .native: try NativeClaimFiles(folder: folder, period: period, aw319Records: aw319Records)
            }
        try roster.line(
            "member_id,birth_date,sex,postcode,municipality,insurer,enrolled_from,enrolled_to,death_date,markers"
        )
        let year = period.start.year
        let members = cohort.members
        let salt = salt ^ cohort.salt
        let ghosts = Self.unlisted(members)
        for index in 0..<(members + ghosts) {
            var random = SeededRandom(seed: seed, stream: index, salt: salt)
            var member = SyntheticMember.draw(index, year: year, random: &random)
            let isGhost = index >= members
            if cohort.isComparison {
                member.reference = "C" + member.reference.dropFirst()
                member.id = member.reference
                member.postcode = "73" + member.postcode.dropFirst(2)
                member.municipality = "0297"
            }
            if isGhost {
                member.reference = (cohort.isComparison ? "R" : "Q") + member.reference.dropFirst()
                member.id = member.reference
                member.meetsCriteria = false
            }
            if format == .native { member.id = SyntheticMember.bsn(cohort.bsnOffset + index).digits }
            if !isGhost {
                try roster.line(member.rosterRow)
                summary.rosterRows += 1
            }
            var generator = claimGenerator(
                of: member,
                index,
                period: period,
                salt: salt,
                priceMillionths: priceMillionths,
                billing: billing
            )
            var drawn = generator.draw()
            if !isGhost {
                var answering = SeededRandom(seed: seed, stream: index, salt: 0xA45 ^ salt)
                SyntheticAnswer.draw(for: &drawn, random: &answering)
            }
            let lines = isGhost ? drawn.prefix(3) : drawn[...]
            if effect == 0 {
                try claims.write(lines, of: member)
            } else {
                try claims.write(lines.map { Self.raised($0, byHundredthsPercent: effect) }, of: member)
            }
            summary.claimLines += lines.count
            // The budgets are calibrated on what the financiers paid.
            for var line in lines where line.countsAgainstBudget && line.answer?.approvedCents != 0 {
                if let approved = line.answer?.approvedCents { line.cents = approved }
                calibrate(line)
            }
            if !isGhost { try perMember(member, &random) }
        }
        try roster.close()
        return try claims.close()
    }

    /// `line` with its amount, and an amount approved in part, times 1 + `effect` ÷ 10,000, rounded down.
    static func raised(_ line: SyntheticLine, byHundredthsPercent effect: Int) -> SyntheticLine {
        var raised = line
        func times(_ cents: Int) -> Int {
            let product = cents * (10_000 + effect)
            // Rounded down, also below zero.
            return product >= 0 ? product / 10_000 : -((-product + 9_999) / 10_000)
        }
        raised.cents = times(line.cents)
        if let approved = line.answer?.approvedCents, approved > 0 { raised.answer?.approvedCents = times(approved) }
        return raised
    }

    /// The claims generator of roster member `index`, from its own stream.
    private func claimGenerator(
        of member: SyntheticMember,
        _ index: Int,
        period: DatePeriod,
        salt: UInt64,
        priceMillionths: Int,
        billing: Int
    ) -> SyntheticClaims {
        SyntheticClaims(
            member: member,
            period: period,
            random: SeededRandom(seed: seed, stream: index, salt: 0xC1A1 ^ salt),
            receipts: SeededRandom(seed: seed, stream: index, salt: 0x2EC1 ^ salt),
            priceMillionths: priceMillionths,
            linesPerMonthPerMille: billing
        )
    }

    private static func makeFolders(_ folder: String, _ subfolders: [String]) throws(SyntheticDataError) {
        for sub in subfolders {
            let path = sub.isEmpty ? folder : folder + "/" + sub
            if mkdir(path, 0o755) != 0 && errno != EEXIST { throw SyntheticDataError("cannot create \(path)") }
        }
    }

    /// The event indicators of the generated contract, in the order they are drawn.
    static let eventIndicators = ["acute-admissions", "wlz-inflow"]

    /// Writes the member's acute admissions (about 0.3 a year, more when frail or with dementia) and
    /// admission to Wlz care in the period, and counts them per indicator.
    private func writeEvents(
        of member: SyntheticMember,
        period: DatePeriod,
        to writer: BufferedFileWriter,
        counts: inout [String: Int],
        random: inout SeededRandom
    ) throws(SyntheticDataError) {
        guard let window = member.window(in: period) else { return }
        let monthly = 20 + 10 * member.frailty + (member.hasDementia ? 10 : 0)
        for _ in 0..<12 where random.chance(perMille: monthly) {
            let day = window.start.adding(days: random.int(0...(window.dayCount - 1))) ?? window.start
            try writer.line("\(member.id),acute-admissions,\(day)")
            counts["acute-admissions", default: 0] += 1
        }
        if let admission = member.admission, window.contains(admission) {
            try writer.line("\(member.id),wlz-inflow,\(admission)")
            counts["wlz-inflow", default: 0] += 1
        }
    }
}

/// Whose year ``SyntheticFieldlab`` writes: the fieldlab's people or its comparison population.
struct Cohort {
    var members: Int
    /// Mixed into the salt of every draw, so that the comparison population's people are others.
    var salt: UInt64
    /// Synthetic BSNs in native folders start at this index.
    var bsnOffset: Int
    var isComparison: Bool

    static func fieldlab(members: Int) -> Cohort {
        Cohort(members: members, salt: 0, bsnOffset: 0, isComparison: false)
    }

    /// The comparison population of `members` people beside a fieldlab of `fieldlabMembers`.
    static func comparison(members: Int, fieldlabMembers: Int) -> Cohort {
        Cohort(
            members: members,
            salt: 0xC0_4D_9A_12_50_0F_00_00,
            bsnOffset: fieldlabMembers + SyntheticFieldlab.unlisted(fieldlabMembers),
            isComparison: true
        )
    }
}

/// What the contract's per-capita amounts are calibrated on: accepted cost and risk-weighted days.
struct Calibration {
    let referenceDate: CalendarDate
    var cost: [Regime: Int] = [:]
    var communityDays = ExactDecimal.zero
    var wlzDays = ExactDecimal.zero
    var exposureDays = 0

    init(referenceDate: CalendarDate) {
        self.referenceDate = referenceDate
    }

    mutating func add(_ line: SyntheticLine) {
        cost[line.regime, default: 0] += line.side == .debit ? line.cents : -line.cents
    }

    mutating func add(_ member: SyntheticMember, days: Int) throws(SyntheticDataError) {
        do {
            let age = member.birthDate.age(on: referenceDate)
            let markers = member.markers.map(RiskMarkerID.init(rawValue:))
            let community = try SyntheticContract.community.score(sex: member.sex, age: age, markers: markers)
            let wlz = try SyntheticContract.wlz.score(sex: member.sex, age: age, markers: markers)
            communityDays = try communityDays + community.normalised * ExactDecimal(days)
            wlzDays = try wlzDays + wlz.normalised * ExactDecimal(days)
            exposureDays += days
        } catch {
            throw SyntheticDataError("cannot score a generated member: \(error)")
        }
    }
}
