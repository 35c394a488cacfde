/// One line of a claim file, normalised from whichever format it came in.
///
/// Every format (the project's CSV, Vektis AW319, iWmo WMO323) becomes this: who received the care, under
/// which regime, from whom, what, when, and for how much, with the line's own reference and, for a
/// credit, the reference of the line it corrects.
public struct ClaimLine: Hashable, Sendable {
    /// The line's own reference, unique per member, regime and provider.
    public var claimID: String
    /// The member who received the care.
    public var member: MemberID
    /// The regime the claim is made under.
    public var regime: Regime
    /// The party that pays the claim, as written in the claim (a party id, UZOVI number or municipality code).
    public var payer: String
    /// The provider, as written in the claim (a party id or AGB code).
    public var provider: String
    /// The category of care.
    public var category: CategoryCode
    /// The product (service) code.
    public var product: ProductCode
    /// The Wlz care profile (ZZP) the line is claimed under, when the format carries one (AW319 field 413).
    public var careProfile: CareProfileCode?
    /// The days the service covers, both included.
    public var service: DatePeriod
    /// The amount, zero or more; ``side`` says whether it is charged or credited.
    public var amount: Cents
    /// Whether the line charges (debit) or corrects (credit) an amount.
    public var side: Side
    /// For a credit: the reference of the line it corrects.
    public var corrects: String?
    /// The volume delivered, when the format carries one (WMO323 GeleverdVolume and Eenheid, AW319 fields
    /// 418 and 419).
    public var volume: Volume?
    /// The day the financier received the line, when the format says.
    ///
    /// The project's CSV gives it in its `received_date` column, WMO323 as the message's Dagtekening
    /// (BerichtIdentificatie), AW319 as the invoice date of field 0117. The standards' dates are the
    /// provider's, the day it sent the claims, and stand for the day they were received. A contract with a
    /// run-out counts only the lines received by its cut-off.
    public var received: CalendarDate?
    /// Where the line came from: its file and line.
    ///
    /// Lines held in memory need none: the entry point for them,
    /// ``Contract/settle(members:claims:observations:year:rebasedOn:acceptingIncomplete:chance:completion:incentives:)``,
    /// numbers them by their position.
    public var source: LineSource
    /// What the financier answered, when it did: the approved part and the reasons for the rest.
    public var answer: FinancierAnswer?

    public init(
        claimID: String,
        member: MemberID,
        regime: Regime,
        payer: String,
        provider: String,
        category: CategoryCode,
        product: ProductCode,
        service: DatePeriod,
        amount: Cents,
        side: Side,
        corrects: String? = nil,
        careProfile: CareProfileCode? = nil,
        volume: Volume? = nil,
        received: CalendarDate? = nil,
        source: LineSource = LineSource(file: 0, line: 0),
        answer: FinancierAnswer? = nil
    ) {
        self.claimID = claimID
        self.member = member
        self.regime = regime
        self.payer = payer
        self.provider = provider
        self.category = category
        self.product = product
        self.service = service
        self.amount = amount
        self.side = side
        self.corrects = corrects
        self.careProfile = careProfile
        self.volume = volume
        self.received = received
        self.source = source
        self.answer = answer
    }

    /// A delivered volume: a count of units, with the unit's code as the claim format writes it (for
    /// WMO323 `04` is an hour and `14` a day; for AW319 the code of field 419).
    public struct Volume: Hashable, Sendable {
        /// The number of units, zero or more; the line's side gives its sign.
        public var count: Int64
        /// The unit's code in the claim's own format.
        public var unit: String

        public init(count: Int64, unit: String) {
            self.count = count
            self.unit = unit
        }
    }

    /// Debit or credit.
    public enum Side: String, Hashable, Sendable, CaseIterable {
        /// Charges the amount.
        case debit = "D"
        /// Takes back (part of) the amount of the line it corrects.
        case credit = "C"
    }

    /// The amount with its sign: positive for a debit, negative for a credit.
    public var signedAmount: Cents {
        side == .debit ? amount : Cents(-amount.rawValue)
    }
}

/// Where an input line came from: the file (by its position in the settlement's list of inputs) and the
/// 1-based line number.
public struct LineSource: Hashable, Comparable, Sendable {
    /// The position of the file in the list of input files.
    public var file: Int
    /// The line in the file, from 1.
    public var line: Int

    public init(file: Int, line: Int) {
        self.file = file
        self.line = line
    }

    public static func < (lhs: LineSource, rhs: LineSource) -> Bool {
        (lhs.file, lhs.line) < (rhs.file, rhs.line)
    }
}
