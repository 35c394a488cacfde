import CapitationCore

/// One generated claim line.
struct SyntheticLine {
    var claimID: String
    var member: String
    var regime: Regime
    var provider: String
    var category: String
    var product: String
    var start: CalendarDate
    var end: CalendarDate
    var cents: Int
    var side: ClaimLine.Side = .debit
    var corrects: String?
    /// Whether the line is meant to be accepted (in scope, in the period, in the population, well formed).
    var countsAgainstBudget: Bool
    /// A deliberately malformed field, written in place of the amount or the start date.
    var malformedAmount: String?
    var malformedStart: String?
    /// What the financier answered: the line refused, or approved in part.
    var answer: SyntheticAnswer?
    /// The day the financier receives the line (see ``SyntheticClaims``).
    var received: CalendarDate?

    var payer: String {
        switch regime {
        case .zvw: "insurer-a"
        case .wmo: "municipality"
        case .wlz: "zk"
        }
    }

    var csvRow: String {
        let amount = malformedAmount ?? "\(cents / 100).\(cents % 100 < 10 ? "0" : "")\(cents % 100)"
        return [
            claimID, member, regime.rawValue, payer, provider, category, product, malformedStart ?? start.description,
            end.description, amount, side.rawValue, corrects ?? "", received?.description ?? "",
        ].joined(separator: ",")
    }
}

/// Draws the care a member uses in a year, as claim lines, with a small share of deliberately faulty lines
/// of every rejection kind.
///
/// Prices and volumes are illustrative 2026 figures: a GP consultation 13.50 and a quarterly registration
/// fee 24.70; district nursing 76.50 an hour; first-line stay 290 and geriatric rehabilitation 330 a day;
/// household help 33 and support 62 an hour; day care 64 a day; nursing homes 190–300 a day by care
/// profile (ZZP 4VV–7VV). Use rises with frailty and dementia.
///
/// Each line is received some months after its service ends, on a day of the month that depends on the
/// regime, drawn from a stream of its own (so that the care drawn does not depend on it):
/// - Wmo: monthly declarations, received on the fifth of the month after the service's month, as the
///   WMO323 messages are dated;
/// - Wlz: monthly, on the tenth of the next month (85 %), the month after (12 %) or the one after that (3 %);
/// - Zvw: a long tail, on the twelfth of the month 1 (50 %), 2 (20 %), 3 (10 %), 4 to 6 (12 %), 7 to 12
///   (7 %) or 13 to 18 (1 %) months after the service's month: Dutch insurers take claims up to a year
///   after the care, some longer.
///
/// A credit or a second copy of a line is received a month after the line itself.
struct SyntheticClaims {
    let member: SyntheticMember
    let period: DatePeriod
    var random: SeededRandom
    /// The draws of the days lines are received.
    var receipts: SeededRandom
    /// The price level against the performance year, in millionths: baseline years are cheaper.
    let priceMillionths: Int
    /// The lines per month of periodic care (district nursing, help at home, nursing homes), in thousandths:
    /// 1,000 bills each month on one line; more splits a month into parts by days, less bills consecutive
    /// months together.
    let linesPerMonthPerMille: Int
    private(set) var lines: [SyntheticLine] = []
    /// The lines of periodic care drawn (before faults) that ``linesPerMonthPerMille`` scales: all but the Wmo.
    private(set) var periodicLines = 0
    private var sequence = 0

    init(
        member: SyntheticMember,
        period: DatePeriod,
        random: SeededRandom,
        receipts: SeededRandom,
        priceMillionths: Int = 1_000_000,
        linesPerMonthPerMille: Int = 1_000
    ) {
        self.member = member
        self.period = period
        self.random = random
        self.receipts = receipts
        self.priceMillionths = priceMillionths
        self.linesPerMonthPerMille = linesPerMonthPerMille
    }

    /// Draws every line of the member's year.
    mutating func draw() -> [SyntheticLine] {
        // Care before moving in, after moving out or after death goes elsewhere; a few such claims still
        // arrive and are rejected as outside the population.
        guard let active = member.window(in: period) else { return lines }
        let frailty = member.frailty
        let dementia = member.hasDementia
        let inNursingHome = member.careProfile != nil && member.admission == nil

        // Zvw: GP, district nursing, first-line stay, rehabilitation, paramedical care; hospital (out of scope).
        for quarter in quarters(of: active) {
            add(.zvw, "hap-\(1 + random.int(0...4))", "huisarts", "13001", on: quarter, cents: 2_470)
        }
        for _ in 0..<(random.int(1...4) + 2 * frailty + (dementia ? 2 : 0)) {
            let day = randomDay(in: active)
            add(.zvw, "hap-\(1 + random.int(0...4))", "huisarts", "13003", from: day, to: day, cents: 1_350)
        }
        if !inNursingHome, random.chance(perMille: min(900, 80 + 150 * frailty + (dementia ? 200 : 0))) {
            let hours = random.int(6...40) * (1 + frailty)
            periodic(.zvw, "coop", "wijkverpleging", "WV01", over: months(of: active, startingRandomly: true)) {
                hours * 7_650 * $0.dayCount / 30
            }
        }
        if random.chance(perMille: 20 + 50 * (frailty == 2 ? 1 : 0)) {
            stay(.zvw, "grz-oost", "elv", "ELV1", days: random.int(7...42), dailyCents: 29_000, within: active)
        }
        if random.chance(perMille: 15 + 30 * (frailty == 2 ? 1 : 0)) {
            stay(.zvw, "grz-oost", "grz", "GRZ1", days: random.int(14...56), dailyCents: 33_000, within: active)
        }
        if random.chance(perMille: 250) {
            for quarter in quarters(of: active) where random.chance(perMille: 600) {
                add(
                    .zvw,
                    "fysio-\(1 + random.int(0...2))",
                    "paramedisch",
                    "PM1",
                    on: quarter,
                    cents: random.int(3...9) * 3_800
                )
            }
        }
        if random.chance(perMille: 220 + 80 * frailty) {
            for _ in 0..<random.int(1...3) {
                let day = randomDay(in: active)
                let stay = min(day.adding(days: random.int(0...6)) ?? day, active.end)
                add(
                    .zvw,
                    "ziekenhuis-1",
                    "ziekenhuis",
                    "DBC\(random.int(100...999))",
                    from: day,
                    to: stay,
                    cents: random.int(1_200...9_000) * 100,
                    inScope: false
                )
            }
        }

        // Wmo: help and support at home; debt counselling (out of scope).
        if !inNursingHome {
            if random.chance(perMille: min(850, 180 + 150 * frailty + (member.livesAlone ? 100 : 0))) {
                let hours = random.int(6...16)
                periodic(.wmo, "coop", "huishoudelijke-hulp", "HH1", over: months(of: active, startingRandomly: false))
                {
                    hours * 3_300 * $0.dayCount / 30
                }
            }
            if random.chance(perMille: 40 + (dementia ? 200 : 0)) {
                let hours = random.int(4...12)
                periodic(.wmo, "coop", "begeleiding", "BG1", over: months(of: active, startingRandomly: true)) {
                    hours * 6_200 * $0.dayCount / 30
                }
            }
            if random.chance(perMille: 30 + (dementia ? 180 : 0)) {
                let days = random.int(4...12)
                periodic(.wmo, "coop", "dagbesteding", "DB1", over: months(of: active, startingRandomly: true)) {
                    days * 6_400 * $0.dayCount / 30
                }
            }
            if random.chance(perMille: 15 + (dementia ? 40 : 0)) {
                stay(.wmo, "coop", "respijtzorg", "RS1", days: random.int(3...14), dailyCents: 14_000, within: active)
            }
        }
        if random.chance(perMille: 80) {
            let day = randomDay(in: active)
            add(
                .wmo,
                "hulpmiddelencentrum",
                "hulpmiddelen",
                "HM1",
                from: day,
                to: day,
                cents: random.int(250...3_500) * 100
            )
        }
        if random.chance(perMille: 20) {
            let day = randomDay(in: active)
            add(
                .wmo,
                "bouwbedrijf-oost",
                "woningaanpassing",
                "WA1",
                from: day,
                to: day,
                cents: random.int(800...9_000) * 100
            )
        }
        if random.chance(perMille: 5) {
            let day = randomDay(in: active)
            add(
                .wmo,
                "schuldhulp-oost",
                "schuldhulp",
                "SH1",
                from: day,
                to: day,
                cents: random.int(200...900) * 100,
                inScope: false
            )
        }

        // Wlz: nursing homes by care profile; a full package at home; personal budgets (out of scope).
        if let profile = member.careProfile {
            let from = max(active.start, member.admission ?? active.start)
            if let stay = DatePeriod(start: from, end: active.end) {
                let home = "vvt-\(1 + random.int(0...2))"
                periodic(.wlz, home, "verpleeghuis", profile.code, over: months(of: stay, startingRandomly: false)) {
                    profile.dailyCents * $0.dayCount
                }
            }
        } else if random.chance(perMille: 10 + 10 * frailty) {
            periodic(.wlz, "coop", "vpt", "VPT5", over: months(of: active, startingRandomly: true)) {
                17_000 * $0.dayCount
            }
        }
        if random.chance(perMille: 5) {
            for quarter in quarters(of: active) {
                add(.wlz, "svb", "pgb", "PGB1", on: quarter, cents: random.int(3_000...9_000) * 100, inScope: false)
            }
        }
        for index in lines.indices { lines[index].received = receipt(of: lines[index]) }
        injectFaults()
        for index in lines.indices where lines[index].received == nil {
            lines[index].received = receipt(of: lines[index])
        }
        return lines
    }

    /// The day the financier receives `line`: see the type's documentation.
    private mutating func receipt(of line: SyntheticLine) -> CalendarDate {
        let (months, day): (Int, Int)
        switch line.regime {
        case .wmo:
            (months, day) = (1, 5)
        case .wlz:
            (months, day) = (receipts.pick([(1, 85), (2, 12), (3, 3)]), 10)
        case .zvw:
            let band = receipts.pick([(1...1, 50), (2...2, 20), (3...3, 10), (4...6, 12), (7...12, 7), (13...18, 1)])
            (months, day) = (receipts.int(band), 12)
        }
        return Self.day(day, months: months, after: line.end)
    }

    /// Day `day` of the month `months` after the month of `date`.
    static func day(_ day: Int, months: Int, after date: CalendarDate) -> CalendarDate {
        let index = date.year * 12 + (date.month - 1) + months
        guard let result = CalendarDate(year: index / 12, month: index % 12 + 1, day: day) else {
            preconditionFailure("day \(day) of a month is a date")
        }
        return result
    }

    /// A month after `date`, on the same day of the month (which is at most the 12th here).
    private static func monthLater(_ date: CalendarDate?) -> CalendarDate? {
        date.map { day($0.day, months: 1, after: $0) }
    }

    /// Credits, duplicates and malformed lines (none of the Wmo), each rare, and care claimed after death.
    private mutating func injectFaults() {
        let original = lines
        for line in original where line.countsAgainstBudget {
            if random.chance(perMille: 15) {
                // A partial or full credit of the line.
                var credit = line
                credit.claimID = nextID(line.regime)
                credit.side = .credit
                credit.corrects = line.claimID
                credit.cents = line.cents * random.int(1...10) / 10
                credit.received = Self.monthLater(line.received)
                lines.append(credit)
            } else if random.chance(perMille: 4) {
                var duplicate = line
                duplicate.countsAgainstBudget = false
                duplicate.received = Self.monthLater(line.received)
                lines.append(duplicate)
            } else if random.chance(perMille: 1) {
                var broken = line
                broken.claimID = nextID(line.regime)
                broken.countsAgainstBudget = false
                if random.chance(perMille: 500) {
                    broken.malformedAmount = "\(line.cents / 100),\(line.cents % 100)"
                } else {
                    broken.malformedStart = "\(period.start.year)-02-30"
                }
                // Wmo care is declared in iWmo messages, which the municipality's intake checks against the
                // schema before anything is processed: a malformed Wmo line never reaches its records.
                if line.regime != .wmo { lines.append(broken) }
            } else if random.chance(perMille: 3) {
                var late = line
                late.claimID = nextID(line.regime)
                late.countsAgainstBudget = false
                late.start = SyntheticMember.date(period.start.year - 1, dayOfYear: random.int(1...300))
                late.end = late.start
                late.received = nil
                lines.append(late)
            }
        }
        if random.chance(perMille: 5), let any = original.first {
            var orphan = any
            orphan.claimID = nextID(any.regime)
            orphan.side = .credit
            orphan.corrects = "NO-SUCH-LINE"
            orphan.countsAgainstBudget = false
            orphan.received = nil
            lines.append(orphan)
        }
        if let death = member.deathDate, death < period.end, random.chance(perMille: 300),
            let after = death.adding(days: random.int(1...20)), after <= period.end
        {
            add(
                .zvw,
                "coop",
                "wijkverpleging",
                "WV01",
                from: after,
                to: after,
                cents: 7_650 * random.int(2...8),
                inScope: false
            )
        }
    }

    private mutating func nextID(_ regime: Regime) -> String {
        sequence += 1
        let prefix: String
        switch regime {
        case .zvw: prefix = "Z"
        case .wmo: prefix = "W"
        case .wlz: prefix = "L"
        }
        return "\(prefix)-\(member.reference)-\(sequence)"
    }

    private mutating func add(
        _ regime: Regime,
        _ provider: String,
        _ category: String,
        _ product: String,
        from start: CalendarDate,
        to end: CalendarDate,
        cents: Int,
        inScope: Bool = true
    ) {
        let id = nextID(regime)
        let counts =
            inScope && member.meetsCriteria && period.contains(start)
            && (member.window(in: period)?.contains(start) ?? false)
        lines.append(
            SyntheticLine(
                claimID: id,
                member: member.id,
                regime: regime,
                provider: provider,
                category: category,
                product: product,
                start: start,
                end: end,
                cents: max(1, cents * priceMillionths / 1_000_000),
                countsAgainstBudget: counts
            )
        )
    }

    private mutating func add(
        _ regime: Regime,
        _ provider: String,
        _ category: String,
        _ product: String,
        on span: DatePeriod,
        cents: Int,
        inScope: Bool = true
    ) {
        add(regime, provider, category, product, from: span.start, to: span.end, cents: cents, inScope: inScope)
    }

    /// Claims periodic care over consecutive `months`, each month costing `cents` of its days: one line a
    /// month, or as many as ``linesPerMonthPerMille`` asks, the amount split by days so that the parts of a
    /// month add up to it exactly.
    ///
    /// Wmo care is always one line a month, as iWmo declares it.
    private mutating func periodic(
        _ regime: Regime,
        _ provider: String,
        _ category: String,
        _ product: String,
        over months: [DatePeriod],
        cents: (DatePeriod) -> Int
    ) {
        let rate = linesPerMonthPerMille
        let before = lines.count
        // Wmo care is declared once a month per product (iWmo): its lines do not follow the rate.
        defer { if regime != .wmo { periodicLines += lines.count - before } }
        if rate == 1_000 {
            for month in months { add(regime, provider, category, product, on: month, cents: cents(month)) }
        } else if rate > 1_000 {
            for month in months {
                let drawn = min(month.dayCount, rate / 1_000 + (random.chance(perMille: rate % 1_000) ? 1 : 0))
                let parts = regime == .wmo ? 1 : drawn
                let total = cents(month)
                var billed = 0
                for part in 0..<parts {
                    let first = month.dayCount * part / parts
                    let last = month.dayCount * (part + 1) / parts
                    let upTo = total * last / month.dayCount
                    if let start = month.start.adding(days: first), let end = month.start.adding(days: last - 1) {
                        add(regime, provider, category, product, from: start, to: end, cents: upTo - billed)
                    }
                    billed = upTo
                }
            }
        } else {
            var open: (span: DatePeriod, cents: Int)?
            for month in months {
                if let current = open, !random.chance(perMille: rate), regime != .wmo,
                    let joined = DatePeriod(start: current.span.start, end: month.end)
                {
                    open = (joined, current.cents + cents(month))
                    continue
                }
                if let current = open {
                    add(regime, provider, category, product, on: current.span, cents: current.cents)
                }
                open = (month, cents(month))
            }
            if let current = open { add(regime, provider, category, product, on: current.span, cents: current.cents) }
        }
    }

    private mutating func stay(
        _ regime: Regime,
        _ provider: String,
        _ category: String,
        _ product: String,
        days: Int,
        dailyCents: Int,
        within window: DatePeriod
    ) {
        let start = randomDay(in: window)
        let end = min(start.adding(days: days - 1) ?? start, window.end)
        guard regime == .wmo else {
            add(
                regime,
                provider,
                category,
                product,
                from: start,
                to: end,
                cents: dailyCents * (end.days(since: start) + 1)
            )
            return
        }
        // Wmo care is declared per calendar month (iWmo): a stay over a month's end is one line per month.
        var from = start
        while from <= end {
            let monthEnd =
                CalendarDate(
                    year: from.year,
                    month: from.month,
                    day: CalendarDate.daysIn(month: from.month, year: from.year)
                )
                ?? end
            let to = min(monthEnd, end)
            add(regime, provider, category, product, from: from, to: to, cents: dailyCents * (to.days(since: from) + 1))
            guard let next = to.adding(days: 1) else { break }
            from = next
        }
    }

    private mutating func randomDay(in window: DatePeriod) -> CalendarDate {
        window.start.adding(days: random.int(0...(window.dayCount - 1))) ?? window.start
    }

    /// The calendar months of `window`, each clipped to it; optionally from a random month on.
    private mutating func months(of window: DatePeriod, startingRandomly: Bool) -> [DatePeriod] {
        var result: [DatePeriod] = []
        var year = window.start.year
        var month = window.start.month
        while let first = CalendarDate(year: year, month: month, day: 1), first <= window.end {
            if let last = CalendarDate(year: year, month: month, day: CalendarDate.daysIn(month: month, year: year)),
                let span = DatePeriod(start: max(first, window.start), end: min(last, window.end))
            {
                result.append(span)
            }
            month += 1
            if month > 12 {
                month = 1
                year += 1
            }
        }
        guard startingRandomly, result.count > 1 else { return result }
        return Array(result.dropFirst(random.int(0...(result.count - 1))))
    }

    private mutating func quarters(of window: DatePeriod) -> [DatePeriod] {
        let months = months(of: window, startingRandomly: false)
        return stride(from: 0, to: months.count, by: 3).compactMap { index in
            DatePeriod(start: months[index].start, end: months[min(index + 2, months.count - 1)].end)
        }
    }
}

/// A financier's answer to a generated line: the cents approved (0 refuses it), the reason codes and the
/// reason in words.
struct SyntheticAnswer {
    var approvedCents: Int
    var codes: [String]
    var reason: String

    /// Draws the financier's answer to each line of a member that counts against the budget, from its own
    /// stream so that no other draw changes: about 1.5 % of the municipality's lines refused by its WMO325
    /// answer (tariff not the contract tariff, 0611; volume over the allocation, 9322); of the insurer's and
    /// care office's, about 1 % refused and 1 % approved in part (80–95 %).
    static func draw(for lines: inout [SyntheticLine], random: inout SeededRandom) {
        // A line with a duplicate is left unanswered (an answer names a reference, and would answer both),
        // and so is a line with a credit (the budgets are calibrated on what is paid, line by line).
        var references: [String: Int] = [:]
        for line in lines where line.side == .debit { references[line.claimID, default: 0] += 1 }
        for line in lines where line.side == .credit { references[line.corrects ?? "", default: 0] += 1 }
        for index in lines.indices where lines[index].countsAgainstBudget && lines[index].side == .debit {
            guard references[lines[index].claimID] == 1 else { continue }
            let cents = lines[index].cents
            if lines[index].regime == .wmo {
                guard random.chance(perMille: 15) else { continue }
                lines[index].answer =
                    random.chance(perMille: 500)
                    ? SyntheticAnswer(approvedCents: 0, codes: ["0611"], reason: "")
                    : SyntheticAnswer(approvedCents: 0, codes: ["9322"], reason: "")
            } else if random.chance(perMille: 10) {
                lines[index].answer = SyntheticAnswer(
                    approvedCents: 0,
                    codes: ["T1"],
                    reason: "tarief hoger dan het contracttarief"
                )
            } else if random.chance(perMille: 10) {
                lines[index].answer = SyntheticAnswer(
                    approvedCents: cents * random.int(80...95) / 100,
                    codes: ["V1"],
                    reason: "volume hoger dan geïndiceerd"
                )
            }
        }
    }

    /// The row of `claims/answers.csv` answering `line`, whose provider the claim file writes as `provider`.
    func csvRow(_ line: SyntheticLine, provider: String) -> String {
        let euros = "\(approvedCents / 100).\(approvedCents % 100 < 10 ? "0" : "")\(approvedCents % 100)"
        return [line.claimID, provider, line.side.rawValue, euros, codes.joined(separator: " "), reason]
            .joined(separator: ",")
    }
}
