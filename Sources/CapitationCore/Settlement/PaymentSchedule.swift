/// Capitation as a payment mechanism: the monthly prospective payments each financier makes to the
/// providers, and the year-end reconciliation against them (the two layers of ACO REACH).
///
/// Each month the financier pays, for every member in the population on the month's first day (the
/// period's first day in its first month), the regime's per-capita amount (trended with the forecast and
/// discounted as the budget is, before a retrospective trend adjustment, which only the year end knows) ×
/// the member's risk score × the month's share of the period; under a growth cap the
/// scores are scaled as the budget's are. A month's share is the part of it inside the period (days in
/// the period ÷ days of the month) ÷ the period's months counted so: 1/12 for each month of a year. Each month's payment is rounded
/// once. At year end the providers are owed the care they bore (accepted claims after truncation) plus
/// their result under the contract (their part of the savings, or minus their part of a loss); the
/// reconciliation is what is owed minus what was paid ahead.
public struct PaymentSchedule: Hashable, Sendable {
    public var financiers: [FinancierSchedule]

    package init(
        financiers: [FinancierSchedule]
    ) {
        self.financiers = financiers
    }
}

/// One financier's prospective payments and year-end reconciliation, for the regime it finances.
public struct FinancierSchedule: Hashable, Sendable {
    public var financier: PartyID
    public var regime: Regime
    public var months: [MonthlyPayment]
    /// The sum of the monthly payments.
    public var prospective: Cents
    /// The regime's capitation budget (exposure to the day, before lump sums), for comparison.
    public var capitationBudget: Cents
    /// The regime's accepted claims after truncation: the care the providers bore.
    public var claimsBorne: Cents
    /// The providers' result from this financier: what it pays them of the savings (positive) or what
    /// they pay it of a loss (negative).
    public var providersResult: Cents
    /// Claims borne plus the providers' result.
    public var due: Cents
    /// Due minus prospective: positive, the financier pays the providers; negative, the providers repay.
    public var reconciliation: Cents

    package init(
        financier: PartyID,
        regime: Regime,
        months: [MonthlyPayment],
        prospective: Cents,
        capitationBudget: Cents,
        claimsBorne: Cents,
        providersResult: Cents,
        due: Cents,
        reconciliation: Cents
    ) {
        self.financier = financier
        self.regime = regime
        self.months = months
        self.prospective = prospective
        self.capitationBudget = capitationBudget
        self.claimsBorne = claimsBorne
        self.providersResult = providersResult
        self.due = due
        self.reconciliation = reconciliation
    }
}

/// One month's prospective payment.
public struct MonthlyPayment: Hashable, Sendable {
    /// The day on which membership is counted: the month's first day in the period.
    public var counted: CalendarDate
    /// The days of the month inside the period.
    public var days: Int
    /// Members in the population on that day.
    public var members: Int
    /// Their risk scores summed (each weighs 1 without a risk model), rounded to six decimals.
    public var riskWeightedMembers: ExactDecimal
    public var amount: Cents

    package init(
        counted: CalendarDate,
        days: Int,
        members: Int,
        riskWeightedMembers: ExactDecimal,
        amount: Cents
    ) {
        self.counted = counted
        self.days = days
        self.members = members
        self.riskWeightedMembers = riskWeightedMembers
        self.amount = amount
    }
}
