/// The words of an evaluation's report, in English or Dutch, with amounts and numbers written for the
/// locale.
struct EvaluationText {
    let locale: ReportLocale

    init(_ locale: ReportLocale) {
        self.locale = locale
    }

    private var dutch: Bool { locale == .dutch }

    private func pick(_ english: String, _ dutch: String) -> String { self.dutch ? dutch : english }

    // MARK: Headings

    func title(_ contract: String) -> String { pick("Evaluation: ", "Evaluatie: ") + contract }
    var verdictHeading: String { pick("Verdict", "Oordeel") }
    var effectHeading: String { pick("Effect per person-year", "Effect per persoonsjaar") }
    var netHeading: String {
        pick("Gross and net effect for the financiers", "Bruto en netto effect voor de financiers")
    }
    var trendsHeading: String {
        pick("Risk-adjusted cost per person-year by year", "Risicogecorrigeerde kosten per persoonsjaar per jaar")
    }
    var intervalHeading: String { pick("The effect and its interval", "Het effect en zijn interval") }
    var peopleHeading: String { pick("People", "Mensen") }
    var meaningHeading: String { pick("What it does and does not say", "Wat het wel en niet zegt") }
    var stepsHeading: String { pick("Every calculation step", "Alle rekenstappen") }

    // MARK: Names

    var total: String { pick("total", "totaal") }
    var fieldlab: String { "fieldlab" }
    var comparison: String { pick("comparison", "vergelijking") }
    var counterfactual: String { pick("counterfactual", "contrafeitelijk") }
    var allFinanciers: String { pick("all financiers", "alle financiers") }
    var input: String { pick("input", "invoer") }
    var result: String { pick("result", "uitkomst") }

    func rowName(_ row: EffectRow) -> String { row.regime?.rawValue ?? total }

    /// `95 % interval`, `95 %-interval`.
    func interval(_ level: ExactDecimal) -> String {
        locale.rateAsPercent(level) + pick(" interval", "-interval")
    }

    /// `−€ 1.00 to −€ 0.50`.
    func range(_ range: ClosedRange<Cents>?) -> String {
        guard let range else { return "–" }
        return locale.euros(range.lowerBound) + pick(" to ", " tot ") + locale.euros(range.upperBound)
    }

    func percent(_ share: ExactDecimal?) -> String { share.map(locale.rateAsPercent) ?? "–" }

    // MARK: The first page

    /// The meta line: contract, years, weights.
    func meta(_ result: EvaluationResult) -> String {
        let years = result.baselineYears.map(String.init).joined(separator: ", ")
        let weights = result.weights.map(locale.decimal).joined(separator: " ")
        return pick(
            "Contract \(result.contract.id) version \(result.contract.version); performance year "
                + "\(result.performanceYear) against baseline years \(years) (weighted \(weights)); difference-in-"
                + "differences against a comparison population.",
            "Contract \(result.contract.id) versie \(result.contract.version); prestatiejaar "
                + "\(result.performanceYear) tegenover de basisjaren \(years) (gewicht \(weights)); verschil-in-"
                + "verschillen tegenover een vergelijkingspopulatie."
        )
    }

    /// The effect in one sentence.
    func effectSentence(
        _ result: EvaluationResult,
        row: EffectRow,
        interval: ClosedRange<Cents>?,
        level: ExactDecimal
    )
        -> String
    {
        let includesZero = interval.map { $0.contains(.zero) } ?? false
        let share =
            row.effectShare.map {
                pick(
                    " (\(locale.rateAsPercent($0)) of the counterfactual)",
                    " (\(locale.rateAsPercent($0)) van de contrafeitelijke kosten)"
                )
            } ?? ""
        let bounds = interval.map { ", \(self.interval(level)) \(range($0))" } ?? ""
        return pick(
            "The fieldlab's effect in \(result.performanceYear): \(locale.euros(row.effect)) per person-year"
                + share + bounds + (includesZero ? ", which includes zero" : "") + "; negative is a saving.",
            "Het effect van het fieldlab in \(result.performanceYear): \(locale.euros(row.effect)) per persoonsjaar"
                + share + bounds + (includesZero ? ", dat nul omvat" : "") + "; negatief is een besparing."
        )
    }

    /// Gross to net in one sentence.
    func netSentence(_ net: NetEffect, year: Int, interval: ClosedRange<Cents>?, level: ExactDecimal) -> String {
        let paid = (try? net.netEffect - net.grossEffect) ?? .zero
        let bounds = interval.map { " (\(self.interval(level)) \(range($0)))" } ?? ""
        let payments: String
        if paid == .zero {
            payments = pick(
                "the settlement made the financiers pay nothing, so their net effect is the same",
                "de afrekening liet de financiers niets betalen, dus hun netto effect is hetzelfde"
            )
        } else if paid > .zero {
            payments = pick(
                "after the \(locale.euros(paid)) the financiers paid under the settlement, their net effect is "
                    + locale.euros(net.netEffect),
                "na de \(locale.euros(paid)) die de financiers onder de afrekening betaalden, is hun netto effect "
                    + locale.euros(net.netEffect)
            )
        } else {
            let received = Cents(0 &- paid.rawValue)
            payments = pick(
                "with the \(locale.euros(received)) the financiers received under the settlement, their net effect "
                    + "is \(locale.euros(net.netEffect))",
                "met de \(locale.euros(received)) die de financiers onder de afrekening ontvingen, is hun netto "
                    + "effect \(locale.euros(net.netEffect))"
            )
        }
        return pick(
            "Over the fieldlab's people in \(year) that is a gross effect of \(locale.euros(net.grossEffect)); "
                + payments + bounds + ".",
            "Over de mensen van het fieldlab in \(year) is dat een bruto effect van \(locale.euros(net.grossEffect)); "
                + payments + bounds + "."
        )
    }

    /// How much of the settlement's savings the effect accounts for: when the settlement saved and the
    /// effect is a saving no larger, as a part of the savings; otherwise as the settlement's result, the
    /// effect and the benchmark's distance from the counterfactual, each with its direction.
    func savingsSentence(_ net: NetEffect) -> String {
        let savings = net.savings
        let effect = Cents(0 &- net.grossEffect.rawValue)
        let beyond = net.savingsBeyondEffect
        if effect >= .zero, beyond >= .zero {
            return pick(
                "Of the settlement's savings against the benchmark, \(locale.euros(savings)), the fieldlab's "
                    + "effect accounts for \(locale.euros(effect)); the other \(locale.euros(beyond)) moved "
                    + "everywhere (the benchmark against the counterfactual).",
                "Van de besparing van de afrekening ten opzichte van de benchmark, \(locale.euros(savings)), komt "
                    + "\(locale.euros(effect)) door het effect van het fieldlab; de overige \(locale.euros(beyond)) "
                    + "bewoog overal (de benchmark ten opzichte van de contrafeitelijke kosten)."
            )
        }
        func magnitude(_ amount: Cents) -> String { locale.euros(Cents(Int64(bitPattern: amount.rawValue.magnitude))) }
        let result =
            savings >= .zero
            ? pick("savings of ", "een besparing van ") + magnitude(savings)
            : pick("a loss of ", "een verlies van ") + magnitude(savings)
        let doing =
            effect >= .zero
            ? pick("a saving of ", "een besparing van ") + magnitude(effect)
            : pick("a cost of ", "een kostenstijging van ") + magnitude(effect)
        let side = beyond >= .zero ? pick("above", "boven") : pick("below", "onder")
        return pick(
            "Against the benchmark the settlement finds \(result); the fieldlab's effect is \(doing), and the "
                + "benchmark lies \(magnitude(beyond)) \(side) the counterfactual cost.",
            "Ten opzichte van de benchmark vindt de afrekening \(result); het effect van het fieldlab is "
                + "\(doing), en de benchmark ligt \(magnitude(beyond)) \(side) de contrafeitelijke kosten."
        )
    }

    // MARK: Explanations

    var effectCaption: String {
        pick(
            "Risk-adjusted cost per person-year and the effect",
            "Risicogecorrigeerde kosten per persoonsjaar en het effect"
        )
    }

    var netCaption: String { pick("Per financier", "Per financier") }

    var trendsCaption: String { pick("All regimes together", "Alle domeinen samen") }

    func effectExplanation(_ result: EvaluationResult) -> String {
        pick(
            "Risk-adjusted cost per person-year (the annual cost of a person of risk score 1: accepted, truncated, "
                + "in-scope cost × days in the year ÷ risk-weighted days), before (the baseline years, weighted, not "
                + "trended) and after (\(result.performanceYear)). Counterfactual = fieldlab before + comparison "
                + "after − comparison before; effect = fieldlab after − counterfactual. Amounts rounded once, "
                + "\(result.contract.rounding.rawValue), from the exact values.",
            "Risicogecorrigeerde kosten per persoonsjaar (de jaarkosten van iemand met risicoscore 1: geaccepteerde, "
                + "afgetopte kosten binnen de scope × dagen in het jaar ÷ risicogewogen dagen), vóór (de basisjaren, "
                + "gewogen, zonder trend) en na (\(result.performanceYear)). Contrafeitelijk = fieldlab vóór + "
                + "vergelijking na − vergelijking vóór; effect = fieldlab na − contrafeitelijk. Bedragen één keer "
                + "afgerond (\(result.contract.rounding.rawValue)) uit de exacte waarden."
        )
    }

    var effectHeader: [String] {
        dutch
            ? [
                "", "fieldlab vóór", "fieldlab na", "vergelijking vóór", "vergelijking na", "contrafeitelijk", "effect",
                "effect %",
            ]
            : [
                "", "fieldlab before", "fieldlab after", "comparison before", "comparison after", "counterfactual",
                "effect", "effect %",
            ]
    }

    var netExplanation: String {
        pick(
            "Gross effect: each regime's effect per person-year × the fieldlab's risk-weighted person-years in it "
                + "(its cost minus its counterfactual cost). Paid: what the financier paid under the settlement "
                + "less what it received (shared savings or losses, lump sums, agreed transfers). Net = gross + "
                + "paid; negative is a saving. Payments do not vary between resamples, so the net interval is the "
                + "gross interval moved by them.",
            "Bruto effect: het effect per persoonsjaar van elk domein × de risicogewogen persoonsjaren van het "
                + "fieldlab daarin (de kosten min de contrafeitelijke kosten). Betaald: wat de financier onder de "
                + "afrekening betaalde min wat zij ontving (gedeelde besparing of verliezen, vaste bedragen, "
                + "afgesproken overdrachten). Netto = bruto + betaald; negatief is een besparing. Betalingen "
                + "verschillen niet tussen trekkingen, dus het netto-interval is het bruto-interval verschoven met "
                + "die betalingen."
        )
    }

    var netHeader: [String] {
        dutch
            ? ["", "domeinen", "bruto effect", "betaald onder de afrekening", "netto effect"]
            : ["", "regimes", "gross effect", "paid under the settlement", "net effect"]
    }

    func netIntervalHeader(_ level: ExactDecimal) -> String {
        pick("net effect, ", "netto effect, ") + interval(level)
    }

    var bridgeCaption: String {
        pick(
            "From gross to net, and the settlement's savings beside the effect",
            "Van bruto naar netto, en de besparing van de afrekening naast het effect"
        )
    }

    var bridgeHeader: [String] { ["", pick("amount", "bedrag")] }

    var bridgeLabels:
        (
            gross: String, payout: String, losses: String, other: String, net: String, savings: String,
            effect: String, beyond: String
        )
    {
        dutch
            ? (
                "bruto effect", "+ gedeelde besparing betaald", "− gedeelde verliezen ontvangen",
                "+ overige betalingen (vaste bedragen, overdrachten)", "= netto effect voor de financiers",
                "besparing ten opzichte van de benchmark", "waarvan effect van het fieldlab",
                "waarvan overal bewogen (benchmark tegenover contrafeitelijk)"
            )
            : (
                "gross effect", "+ shared savings paid", "− shared losses collected",
                "+ other payments (lump sums, transfers)", "= net effect for the financiers",
                "savings against the benchmark", "of which the fieldlab's effect",
                "of which moved everywhere (benchmark against counterfactual)"
            )
    }

    func trendsExplanation(_ result: EvaluationResult) -> String {
        pick(
            "Both populations' risk-adjusted cost per person-year, all regimes together. Before "
                + "\(result.performanceYear) the lines should run parallel: the estimate assumes that without the "
                + "fieldlab its cost would have changed as the comparison population's did. The counterfactual "
                + "marks \(result.performanceYear).",
            "De risicogecorrigeerde kosten per persoonsjaar van beide populaties, alle domeinen samen. Vóór "
                + "\(result.performanceYear) horen de lijnen parallel te lopen: de schatting neemt aan dat de kosten "
                + "van het fieldlab zonder het fieldlab net zo waren veranderd als die van de vergelijkingspopulatie. "
                + "De contrafeitelijke kosten staan bij \(result.performanceYear)."
        )
    }

    var trendsHeader: [String] {
        dutch
            ? ["jaar", "fieldlab", "vergelijking", "verschil", "contrafeitelijk"]
            : ["year", "fieldlab", "comparison", "difference", "counterfactual"]
    }

    func yearLabel(_ year: Int, weight: ExactDecimal?) -> String {
        guard let weight else { return pick("\(year) (performance)", "\(year) (prestatiejaar)") }
        return pick(
            "\(year) (baseline, weight \(locale.decimal(weight)))",
            "\(year) (basisjaar, gewicht \(locale.decimal(weight)))"
        )
    }

    func intervalCaption(_ level: ExactDecimal) -> String {
        pick(
            "The effect per person-year with its \(interval(level)), per regime and in total; left of zero is a saving.",
            "Het effect per persoonsjaar met zijn \(interval(level)), per domein en in totaal; links van nul is een besparing."
        )
    }

    var peopleHeader: [String] { [pick("year", "jaar"), "fieldlab", comparison] }

    func meaning(_ result: EvaluationResult) -> String {
        let missing = result.intervals.missing
        return pick(
            "The intervals come from \(locale.count(result.intervals.resamples)) resamples (seed \(result.seed)) "
                + "that draw people of both populations with all their years, so the baseline's own uncertainty and "
                + "regression to the mean are inside them"
                + (missing > 0 ? "; \(missing) resamples had a year without people in a regime and are left out" : "")
                + ". The estimate assumes parallel trends: without the fieldlab, its population's cost would have "
                + "changed as the comparison population's did. A comparison population unlike the fieldlab's, or too "
                + "small, makes the effect uncertain in ways no interval shows. A settlement's savings are measured "
                + "against a benchmark; only the part the effect accounts for is the fieldlab's doing.",
            "De intervallen komen uit \(locale.count(result.intervals.resamples)) trekkingen (startwaarde "
                + "\(result.seed)) die mensen uit beide populaties trekken met al hun jaren, zodat de onzekerheid van "
                + "de nulmeting zelf en de regressie naar het gemiddelde erin zitten"
                + (missing > 0
                    ? "; \(missing) trekkingen hadden een jaar zonder mensen in een domein en tellen niet mee" : "")
                + ". De schatting neemt parallelle trends aan: zonder het fieldlab waren de kosten van zijn populatie "
                + "net zo veranderd als die van de vergelijkingspopulatie. Een vergelijkingspopulatie die niet op "
                + "die van het fieldlab lijkt, of die te klein is, maakt het effect onzeker op een manier die geen "
                + "interval laat zien. De besparing van een afrekening is gemeten tegen een benchmark; alleen het "
                + "deel dat het effect verklaart, komt door het fieldlab."
        )
    }
}
