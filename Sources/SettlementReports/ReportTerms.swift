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
    func role(_ code: String) -> String {
        guard dutch else { return code }
        return [
            "insurer": "zorgverzekeraar", "municipality": "gemeente", "care-office": "zorgkantoor",
            "provider": "zorgaanbieder", "fund": "fonds",
        ][code] ?? code
    }

    /// `shared-savings` → `shared savings`, `gedeelde besparingen`.
    func model(_ code: String) -> String {
        let english = [
            "fee-for-service": "fee-for-service", "capitation": "capitation", "shared-savings": "shared savings",
        ]
        let dutchWords = [
            "fee-for-service": "betaling per prestatie", "capitation": "capitatie (populatiebekostiging)",
            "shared-savings": "gedeelde besparingen",
        ]
        return (dutch ? dutchWords[code] : english[code]) ?? code
    }

    /// `one` → `one-sided`, `eenzijdig`.
    func sides(_ code: String) -> String {
        switch code {
        case "one": locale.pick("one-sided", "eenzijdig")
        case "two": locale.pick("two-sided", "tweezijdig")
        default: code
        }
    }

    /// A rounding rule in words.
    func rounding(_ code: String) -> String {
        guard dutch else { return code }
        return [
            "half-even": "half naar even", "half-away-from-zero": "half van nul af", "toward-zero": "naar nul",
            "away-from-zero": "van nul af", "floor": "naar beneden", "ceiling": "naar boven",
        ][code] ?? code
    }

    /// Why a claim line does not count.
    func rejection(_ code: String) -> String {
        guard dutch else { return code }
        return [
            "invalid": "ongeldig", "received after the cut-off": "ontvangen na de peildatum",
            "refused by the financier": "geweigerd door de financier", "duplicate reference": "dubbele referentie",
            "credit without its debit": "creditregel zonder debetregel", "outside period": "buiten de periode",
            "outside population": "buiten de populatie", "out of scope": "buiten de scope",
        ][code] ?? code
    }

    /// Why someone on the roster is not in the population.
    func exclusion(_ code: String) -> String {
        guard dutch else { return code }
        return [
            "below minimum age": "jonger dan de minimumleeftijd", "above maximum age": "ouder dan de maximumleeftijd",
            "outside area": "buiten het gebied", "other insurer": "andere zorgverzekeraar",
            "not enrolled in period": "niet ingeschreven in de periode",
        ][code] ?? code
    }

    /// An indicator's unit.
    func unit(_ code: String) -> String {
        switch code {
        case "per-1000-person-years": locale.pick("per 1,000 person-years", "per 1.000 persoonsjaren")
        case "percent": locale.pick("percent", "procent")
        case "value": locale.pick("value", "waarde")
        default: code
        }
    }

    /// Which way an indicator is better.
    func better(_ code: String) -> String {
        switch code {
        case "lower": locale.pick("lower", "lager")
        case "higher": locale.pick("higher", "hoger")
        default: code
        }
    }

    /// How a minimum rate was set.
    func thresholdMode(_ code: String) -> String {
        guard dutch else { return code }
        return [
            "fixed": "vast", "table": "tabel", "confidence": "betrouwbaarheid",
            "same-as-savings": "gelijk aan de besparingsdrempel",
        ][code] ?? code
    }

    /// Why a payment is made: `lump sum: night care` → `vast bedrag: night care`.
    func transferReason(_ reason: String) -> String {
        guard dutch else { return reason }
        for (prefix, words) in [("lump sum: ", "vast bedrag: "), ("transfer: ", "overdracht: ")]
        where reason.hasPrefix(prefix) {
            return words + reason.dropFirst(prefix.count)
        }
        return [
            "shared savings": "gedeelde besparing", "shared losses": "gedeeld verlies",
            "capitation result": "capitatieresultaat",
        ][reason] ?? reason
    }

    /// What an input file is.
    func inputRole(_ code: String) -> String {
        guard dutch else { return code }
        return [
            "contract": "contract", "population": "populatie", "claims": "declaraties", "answers": "antwoorden",
            "indicators": "indicatoren", "provisional settlement": "voorlopige afrekening", "totals": "totalen",
        ][code] ?? code
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
    func pick(_ english: String, _ dutch: String) -> String { self == .dutch ? dutch : english }
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
}
