import CapitationCore

/// The words a settlement report uses for the codes of `settlement.json` (a party's role, a rejection reason,
/// a payment model), in the report's language, with the terms the parties use.
///
/// A code this version does not know is shown as it is written.
struct ReportTerms {
    let locale: ReportLocale

    init(_ locale: ReportLocale) {
        self.locale = locale
    }

    private var dutch: Bool { locale == .dutch }

    /// `insurer` → `zorgverzekeraar`.
    func role(_ role: PartyRole) -> String {
        switch role {
        case .insurer: locale.pick("insurer", "zorgverzekeraar")
        case .municipality: locale.pick("municipality", "gemeente")
        case .careOffice: locale.pick("care-office", "zorgkantoor")
        case .provider: locale.pick("provider", "zorgaanbieder")
        case .fund: locale.pick("fund", "fonds")
        }
    }

    /// `shared-savings` → `shared savings`, `gedeelde besparing`.
    func model(_ model: SettlementDocument.Model) -> String {
        switch model {
        case .feeForService: locale.pick("fee-for-service", "betaling per prestatie")
        case .capitation: locale.pick("capitation", "capitatie (populatiebekostiging)")
        case .sharedSavings: locale.pick("shared savings", "gedeelde besparing")
        }
    }

    /// `one` → `one-sided`, `eenzijdig`.
    func sides(_ sides: SharedSavingsTerms.Sides) -> String {
        switch sides {
        case .one: locale.pick("one-sided", "eenzijdig")
        case .two: locale.pick("two-sided", "tweezijdig")
        }
    }

    /// A rounding rule in words.
    func rounding(_ rule: RoundingRule) -> String {
        switch rule {
        case .halfEven: locale.pick("half-even", "half naar even")
        case .halfAwayFromZero: locale.pick("half-away-from-zero", "half van nul af")
        case .towardZero: locale.pick("toward-zero", "naar nul")
        case .awayFromZero: locale.pick("away-from-zero", "van nul af")
        case .floor: locale.pick("floor", "naar beneden")
        case .ceiling: locale.pick("ceiling", "naar boven")
        }
    }

    /// Why a claim line does not count.
    func rejection(_ reason: RejectionReason) -> String {
        switch reason {
        case .invalid: locale.pick(reason.rawValue, "ongeldig")
        case .receivedAfterCutOff: locale.pick(reason.rawValue, "ontvangen na de peildatum")
        case .refusedByFinancier: locale.pick(reason.rawValue, "geweigerd door de financier")
        case .duplicate: locale.pick(reason.rawValue, "dubbele referentie")
        case .creditWithoutDebit: locale.pick(reason.rawValue, "creditregel zonder debetregel")
        case .outsidePeriod: locale.pick(reason.rawValue, "buiten de periode")
        case .outsidePopulation: locale.pick(reason.rawValue, "buiten de populatie")
        case .outOfScope: locale.pick(reason.rawValue, "buiten de scope")
        }
    }

    /// Why someone on the roster is not in the population.
    func exclusion(_ reason: IneligibilityReason) -> String {
        switch reason {
        case .belowMinimumAge: locale.pick(reason.rawValue, "jonger dan de minimumleeftijd")
        case .aboveMaximumAge: locale.pick(reason.rawValue, "ouder dan de maximumleeftijd")
        case .outsideArea: locale.pick(reason.rawValue, "buiten het gebied")
        case .otherInsurer: locale.pick(reason.rawValue, "andere zorgverzekeraar")
        case .notEnrolledInPeriod: locale.pick(reason.rawValue, "niet ingeschreven in de periode")
        }
    }

    /// An indicator's unit.
    func unit(_ unit: IndicatorUnit) -> String {
        switch unit {
        case .perThousandPersonYears: locale.pick("per 1,000 person-years", "per 1.000 persoonsjaren")
        case .percent: locale.pick("percent", "procent")
        case .value: locale.pick("value", "waarde")
        }
    }

    /// Which way an indicator is better.
    func better(_ direction: OutcomeIndicator.Direction) -> String {
        switch direction {
        case .lower: locale.pick("lower", "lager")
        case .higher: locale.pick("higher", "hoger")
        }
    }

    /// How a minimum rate was set.
    func thresholdMode(_ mode: SettlementDocument.ThresholdMode) -> String {
        switch mode {
        case .fixed: locale.pick("fixed", "vast")
        case .table: locale.pick("table", "tabel")
        case .confidence: locale.pick("confidence", "betrouwbaarheid")
        case .sameAsSavings: locale.pick("same-as-savings", "gelijk aan de besparingsdrempel")
        }
    }

    /// Why a payment is made: `lump sum: night care` → `vast bedrag: night care`.
    func transferReason(_ reason: SettlementDocument.TransferReason) -> String {
        switch reason {
        case .lumpSum(let label): locale.pick("lump sum: ", "vast bedrag: ") + label
        case .sharedSavings: locale.pick("shared savings", "gedeelde besparing")
        case .sharedLosses: locale.pick("shared losses", "gedeeld verlies")
        case .capitationResult: locale.pick("capitation result", "capitatieresultaat")
        case .agreed(let label): locale.pick("transfer: ", "overdracht: ") + label
        }
    }

    /// What an input file is.
    func inputRole(_ role: SettlementDocument.InputRole) -> String {
        switch role {
        case .contract: "contract"
        case .population: locale.pick("population", "populatie")
        case .claims: locale.pick("claims", "declaraties")
        case .answers: locale.pick("answers", "antwoorden")
        case .indicators: locale.pick("indicators", "indicatoren")
        case .totals: locale.pick("totals", "totalen")
        case .provisionalSettlement: locale.pick("provisional settlement", "voorlopige afrekening")
        }
    }

    /// `provisional` → `voorlopige`.
    func stage(_ stage: SettlementStage) -> String {
        switch stage {
        case .provisional: locale.pick("provisional", "voorlopige")
        case .final: locale.pick("final", "definitieve")
        }
    }

    func yes(_ flag: Bool) -> String { flag ? locale.pick("yes", "ja") : locale.pick("no", "nee") }
}

extension ReportLocale {
    /// `english` or `dutch`, in the language of the locale.
    public func pick(_ english: String, _ dutch: String) -> String { self == .dutch ? dutch : english }
}

/// The headings the Markdown report and the HTML page share.
enum SettlementHeadings {
    static func waterfall(_ locale: ReportLocale) -> String {
        locale.pick("From budget to each party's share", "Van budget naar het aandeel van elke partij")
    }

    static func regimes(_ locale: ReportLocale) -> String {
        locale.pick("Budget and expenditure per regime", "Budget en uitgaven per stelsel")
    }

    static func sharing(_ locale: ReportLocale) -> String {
        locale.pick("Sharing", "Gedeelde besparing of verlies")
    }

    /// The heading of the sharing section under `model`: under capitation the providers' result.
    static func sharing(_ locale: ReportLocale, model: SettlementDocument.Model) -> String {
        model == .capitation ? locale.pick("Sharing", "Resultaat van de zorgaanbieders") : sharing(locale)
    }
}
