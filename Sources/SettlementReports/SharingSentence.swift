import CapitationCore

/// What the payment model made of a settlement's result, said in the report's language from the figures the
/// document records: which rule applied, with its rates and amounts, or why nothing was shared.
public enum SharingSentence: Sendable {
    /// The sentence, without its first capital and full stop: `the savings rate meets the minimum savings
    /// rate of 2 %; the providers earn 32.333 % (50 % × quality score 0.64666) of € 18,046.20: € 5,834.88, …`.
    public static func text(_ document: SettlementDocument, _ locale: ReportLocale) -> String {
        let sharing = document.sharing
        let dutch = locale == .dutch
        let euros = locale.euros
        let savingsMinimum = (document.minimumSavingsRate?.percent).map(locale.percent) ?? "?"
        let lossMinimum = (document.minimumLossRate?.percent).map(locale.percent) ?? "?"
        switch sharing.outcome {
        case .feeForService:
            return dutch
                ? "betaling per prestatie: de financiers betalen de declaraties; er wordt niets gedeeld"
                : "fee-for-service: the financiers pay the claims; nothing is shared"
        case .capitationResult:
            if sharing.payout > .zero {
                return dutch
                    ? "de zorgaanbieders houden \(euros(sharing.payout)) van de besparing"
                    : "the providers keep \(euros(sharing.payout)) of the savings"
            }
            if sharing.lossPayment > .zero {
                return dutch
                    ? "de zorgaanbieders dragen \(euros(sharing.lossPayment)) van het verlies"
                    : "the providers bear \(euros(sharing.lossPayment)) of the loss"
            }
            return dutch ? "het resultaat van de zorgaanbieders is nul" : "the providers' result is zero"
        case .savingsShared:
            let base = sharing.sharedBase ?? document.totals.savings
            let rate = (sharing.finalSharingRate).map(locale.percent) ?? "?"
            var text =
                dutch
                ? "de besparing haalt de minimale besparingsdrempel van \(savingsMinimum); de zorgaanbieders verdienen "
                    + "\(rate) (\(quality(document, locale))) van \(euros(base)): \(euros(sharing.earned))"
                : "the savings rate meets the minimum savings rate of \(savingsMinimum); the providers earn \(rate) "
                    + "(\(quality(document, locale))) of \(euros(base)): \(euros(sharing.earned))"
            if sharing.capped, let cap = sharing.cap {
                text += dutch ? ", begrensd op \(euros(cap))" : ", capped at \(euros(cap))"
            }
            if !sharing.paymentReduction.isZero {
                text +=
                    dutch
                    ? ", min een betalingskorting van \(euros(sharing.paymentReduction))"
                    : ", less a payment reduction of \(euros(sharing.paymentReduction))"
            }
            return text + (dutch ? "; uitbetaling \(euros(sharing.payout))" : "; payout \(euros(sharing.payout))")
        case .lossShared:
            let rate = sharing.lossSharingRate.map(locale.percent) ?? "?"
            return dutch
                ? "het verlies haalt de minimale verliesdrempel van \(lossMinimum); de zorgaanbieders dragen \(rate) van "
                    + "het verlies"
                : "the loss rate meets the minimum loss rate of \(lossMinimum); the providers bear \(rate) of the loss"
        case .savingsBelowMinimum:
            let rate = document.totals.savingsRate.map(locale.rateAsPercent) ?? "?"
            return dutch
                ? "het besparingspercentage van \(rate) haalt de minimale besparingsdrempel van \(savingsMinimum) "
                    + "niet: er wordt niets gedeeld"
                : "the savings rate of \(rate) does not meet the minimum savings rate of \(savingsMinimum): nothing "
                    + "is shared"
        case .lossBelowMinimum:
            return dutch
                ? "het verlies haalt de minimale verliesdrempel van \(lossMinimum) niet: er wordt geen verlies gedeeld"
                : "the loss rate does not meet the minimum loss rate of \(lossMinimum): no losses are shared"
        case .lossNotShared:
            return dutch
                ? "er is geen besparing, en een eenzijdig contract deelt geen verlies"
                : "there are no savings, and a one-sided contract shares no losses"
        case .breakEven:
            return dutch
                ? "budget en uitgaven zijn gelijk: er wordt niets gedeeld"
                : "budget and expenditure are equal: nothing is shared"
        }
    }

    /// How quality set the final sharing rate: `50 % × quality score 0.64666`.
    private static func quality(_ document: SettlementDocument, _ locale: ReportLocale) -> String {
        let dutch = locale == .dutch
        let rate = document.sharing.sharingRate.map(locale.percent) ?? "?"
        let passed = document.quality?.gatePassed ?? false
        let failed = dutch ? "de kwaliteitsdrempel is niet gehaald" : "the quality gate failed"
        switch document.sharing.quality {
        case .multiply?:
            guard passed else { return failed }
            let score = document.quality.map { locale.decimal($0.score) } ?? "?"
            return dutch ? "\(rate) × kwaliteitsscore \(score)" : "\(rate) × quality score \(score)"
        case .gate?:
            guard passed else { return failed }
            return dutch ? "\(rate), de kwaliteitsdrempel is gehaald" : "\(rate), the quality gate passed"
        case QualityApplication.none?:
            return dutch ? "kwaliteit telt niet mee" : "quality does not apply"
        case nil:
            // A document of format 1 that does not say: a failed gate is what the figures show.
            guard document.quality?.gatePassed == false else {
                return dutch ? "kwaliteit telt niet mee" : "quality does not apply"
            }
            return failed
        }
    }
}
