import CapitationCore

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
    var verdictHeading: String { pick("Verdict", "Conclusie") }
    var warningsHeading: String { pick("Warnings", "Waarschuwingen") }
    var effectHeading: String { pick("Effect per person-year", "Effect per persoonsjaar") }
    var netHeading: String {
        pick("Gross and net effect for the financiers", "Bruto- en netto-effect voor de financiers")
    }
    var trendsHeading: String {
        pick("Risk-adjusted cost per person-year by year", "Risicogecorrigeerde kosten per persoonsjaar, naar jaar")
    }
    var intervalHeading: String { pick("The effect and its interval", "Het effect en zijn interval") }
    var peopleHeading: String { pick("People", "Aantal personen") }
    var meaningHeading: String { pick("What it does and does not say", "Wat het wel en niet zegt") }
    var stepsHeading: String { pick("Every calculation step", "Alle rekenstappen") }

    // MARK: Names

    var total: String { pick("total", "totaal") }
    var fieldlab: String { "fieldlab" }
    var comparison: String { pick("comparison", "vergelijkingsgroep") }
    var counterfactual: String { pick("counterfactual", "contrafeitelijke kosten") }
    var before: String { pick("before (weighted)", "vóór (gewogen)") }
    var allFinanciers: String { pick("all financiers", "alle financiers") }
    /// The words of a step's table: no caption, the step's heading says what it is.
    var stepWords: SettlementTables.StepWords {
        SettlementTables.StepWords(
            caption: "",
            input: pick("input", "invoer"),
            result: pick("result", "uitkomst"),
            name: pick("name", "naam"),
            value: pick("value", "waarde")
        )
    }

    func rowName(_ row: EffectRow) -> String { row.regime?.rawValue ?? total }

    /// `95 % interval`, `95 %-interval`.
    func interval(_ level: ExactDecimal) -> String {
        locale.rateAsPercent(level) + pick(" interval", "-interval")
    }

    /// The word between a range's bounds.
    var to: String { pick("to", "tot") }

    /// `−€ 1.00 to −€ 0.50`.
    func range(_ range: ClosedRange<Cents>?) -> String {
        guard let range else { return "–" }
        return locale.euros(range.lowerBound) + pick(" to ", " tot ") + locale.euros(range.upperBound)
    }

    func percent(_ share: ExactDecimal?) -> String { share.map(locale.rateAsPercent) ?? "–" }

    /// `1 and 2`, `1, 2 and 3`; Dutch `1 en 2`.
    func list(_ items: [String]) -> String {
        ReportLocale.list(items, and: pick(" and ", " en "))
    }

    // MARK: The first page

    /// The meta line: contract, years, weights.
    func meta(_ result: EvaluationResult) -> String {
        let years = list(result.baselineYears.map(String.init))
        let weights = list(result.weights.map(locale.decimal))
        return pick(
            "Contract \(result.contract.id) version \(result.contract.version); performance year "
                + "\(result.performanceYear) against baseline years \(years) (weights \(weights)); difference-in-"
                + "differences against a comparison population.",
            "Contract \(result.contract.id) versie \(result.contract.version); prestatiejaar "
                + "\(result.performanceYear) tegenover de basisjaren \(years) (gewichten \(weights)); "
                + "difference-in-differences-analyse ten opzichte van een vergelijkingsgroep."
        )
    }

    private func bounds(_ interval: ClosedRange<Cents>?, _ level: ExactDecimal) -> String {
        guard let interval else { return "" }
        let zero = interval.contains(.zero) ? pick(", which includes zero", "; nul ligt binnen het interval") : ""
        return "\(self.interval(level)) \(range(interval))" + zero
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
        let share =
            row.effectShare.map {
                pick(
                    " (\(locale.rateAsPercent($0)) of the counterfactual)",
                    " (\(locale.rateAsPercent($0)) van de contrafeitelijke kosten)"
                )
            } ?? ""
        let stated = interval == nil ? "" : ", " + bounds(interval, level)
        return pick(
            "The fieldlab's effect in \(result.performanceYear): \(locale.euros(row.effect)) per person-year"
                + share + stated + "; negative is a saving.",
            "Het effect van het fieldlab in \(result.performanceYear): \(locale.euros(row.effect)) per persoonsjaar"
                + share + stated + "; negatief is een besparing."
        )
    }

    /// Gross to net in one sentence.
    func netSentence(
        _ net: NetEffect,
        year: Int,
        gross: ClosedRange<Cents>?,
        interval: ClosedRange<Cents>?,
        level: ExactDecimal
    ) -> String {
        let grossBounds = gross == nil ? "" : " (\(bounds(gross, level)))"
        let netBounds = interval == nil ? "" : " (\(bounds(interval, level)))"
        let payments: String
        if net.paid == .zero {
            payments = pick(
                "the settlement made the financiers pay nothing, so their net effect is the same",
                "volgens de afrekening betaalden de financiers niets; het netto-effect is gelijk aan het bruto-effect"
            )
        } else if net.paid > .zero {
            payments = pick(
                "after the \(locale.euros(net.paid)) the financiers paid under the settlement, their net effect is "
                    + locale.euros(net.netEffect) + netBounds,
                "na de \(locale.euros(net.paid)) die de financiers volgens de afrekening betaalden, is hun "
                    + "netto-effect \(locale.euros(net.netEffect))" + netBounds
            )
        } else {
            let received = Cents(0 &- net.paid.rawValue)
            payments = pick(
                "with the \(locale.euros(received)) the financiers received under the settlement, their net effect "
                    + "is \(locale.euros(net.netEffect))" + netBounds,
                "met de \(locale.euros(received)) die de financiers volgens de afrekening ontvingen, is hun "
                    + "netto-effect \(locale.euros(net.netEffect))" + netBounds
            )
        }
        return pick(
            "Over the fieldlab's people in \(year) that is a gross effect of \(locale.euros(net.grossEffect))"
                + grossBounds + "; " + payments + ".",
            "Voor de populatie van het fieldlab komt dat in \(year) neer op een bruto-effect van "
                + locale.euros(net.grossEffect) + grossBounds + "; " + payments + "."
        )
    }

    /// Why the net effect is missing.
    func netUnavailable(_ reason: String) -> String {
        pick(
            "The net effect for the financiers is not given: the performance year cannot be settled (\(reason)).",
            "Het netto-effect voor de financiers ontbreekt: het prestatiejaar kan niet worden afgerekend (\(reason))."
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
                    + "effect accounts for \(locale.euros(effect)); the other \(locale.euros(beyond)) would have "
                    + "been found without it: the benchmark lies that much above the counterfactual cost.",
                "Van de besparing van de afrekening ten opzichte van de benchmark, \(locale.euros(savings)), is "
                    + "\(locale.euros(effect)) toe te schrijven aan het fieldlab; de overige "
                    + "\(locale.euros(beyond)) was er ook zonder het fieldlab geweest: de benchmark ligt zoveel boven "
                    + "de contrafeitelijke kosten."
            )
        }
        func magnitude(_ amount: Cents) -> String {
            locale.euros(Cents(Int64(clamping: amount.rawValue.magnitude)))
        }
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
            "De afrekening komt ten opzichte van de benchmark uit op \(result); het effect van het fieldlab is "
                + "\(doing), en de benchmark ligt \(magnitude(beyond)) \(side) de contrafeitelijke kosten."
        )
    }

    // MARK: Explanations

    var costsCaption: String {
        pick("Risk-adjusted cost per person-year", "Risicogecorrigeerde kosten per persoonsjaar")
    }

    var effectCaption: String {
        pick("The effect per person-year and its intervals", "Het effect per persoonsjaar en zijn intervallen")
    }

    var netCaption: String { pick("Per financier", "Per financier") }

    var trendsCaption: String { pick("All regimes together", "Alle domeinen samen") }

    func effectExplanation(_ result: EvaluationResult) -> String {
        pick(
            "Risk-adjusted cost per person-year (the annual cost of a person of risk score 1: accepted, truncated, "
                + "in-scope cost × days in the year ÷ risk-weighted days), before (the baseline years, weighted, not "
                + "trended) and after (\(result.performanceYear)). Counterfactual = fieldlab before + comparison "
                + "after − comparison before; effect = fieldlab after − counterfactual. The comparison trend (after "
                + "÷ before − 1) is what costs did outside the fieldlab: the actual trend a retrospective trend "
                + "adjustment can take. Each figure, the total's "
                + "too, is rounded once (\(result.contract.rounding.rawValue)) from its exact value, so the regimes "
                + "may differ from the total by a cent.",
            "Risicogecorrigeerde kosten per persoonsjaar (de jaarkosten van iemand met risicoscore 1: geaccepteerde, "
                + "afgetopte kosten binnen de scope × dagen in het jaar ÷ risicogewogen dagen), vóór (de basisjaren, "
                + "gewogen, zonder trend) en na (\(result.performanceYear)). Contrafeitelijke kosten = fieldlab vóór + "
                + "vergelijkingsgroep na − vergelijkingsgroep vóór; effect = fieldlab na − contrafeitelijke kosten. "
                + "De trend van de vergelijkingsgroep (na ÷ vóór − 1) is wat de kosten buiten het fieldlab deden: de "
                + "werkelijke trend die een retrospectieve trendcorrectie kan gebruiken. "
                + "Elk bedrag, ook het totaal, is één keer afgerond (\(result.contract.rounding.rawValue)) uit de "
                + "exacte waarde, dus de domeinen kunnen een cent van het totaal verschillen."
        )
    }

    var costsHeader: [String] {
        dutch
            ? [
                "", "fieldlab vóór", "fieldlab na", "vergelijking vóór", "vergelijking na", "trend vergelijking",
                "contrafeitelijk",
            ]
            : [
                "", "fieldlab before", "fieldlab after", "comparison before", "comparison after", "comparison trend",
                "counterfactual",
            ]
    }

    var effectHeader: [String] { ["", "effect", "effect %"] }

    var netExplanation: String {
        pick(
            "Gross effect: each regime's effect per person-year × the fieldlab's risk-weighted person-years in it "
                + "(its accepted, truncated, in-scope cost minus its counterfactual cost); the total is the sum of "
                + "the regimes'. Paid: what the financier paid under the settlement less what it received (shared "
                + "savings or losses, lump sums, agreed transfers). Net = gross + paid; negative is a saving. "
                + "Payments do not vary between resamples, so the net interval is the gross interval moved by them.",
            "Bruto-effect: het effect per persoonsjaar van elk domein × de risicogewogen persoonsjaren van het "
                + "fieldlab daarin (de geaccepteerde, afgetopte kosten binnen de scope min de contrafeitelijke "
                + "kosten); het totaal is de som van de domeinen. Betaald: wat de financier volgens de afrekening "
                + "betaalde min wat hij ontving (gedeelde besparingen of verliezen, lumpsumbedragen, afgesproken "
                + "overhevelingen). Netto = bruto + betaald; negatief is een besparing. Betalingen verschillen niet "
                + "tussen bootstrapsteekproeven, dus het netto-interval is het bruto-interval verschoven met die "
                + "betalingen."
        )
    }

    var netHeader: [String] {
        dutch
            ? ["", "bruto-effect", "betaald volgens de afrekening", "netto-effect"]
            : ["", "gross effect", "paid under the settlement", "net effect"]
    }

    func netIntervalHeader(_ level: ExactDecimal) -> String {
        pick("net effect, ", "netto-effect, ") + interval(level)
    }

    var bridgeCaption: String {
        pick(
            "From gross to net, and the settlement's savings beside the effect",
            "Van bruto naar netto, en de besparing van de afrekening naast het effect"
        )
    }

    var bridgeHeader: [String] { ["", pick("amount", "bedrag")] }

    /// The rows of the bridge from gross to net, in order.
    func bridgeLabels(capitation: Bool) -> [String] {
        let paid =
            capitation
            ? pick("+ capitation result paid", "+ capitatieresultaat betaald")
            : pick("+ shared savings paid", "+ gedeelde besparing betaald")
        let collected =
            capitation
            ? pick("− capitation result collected", "− capitatieresultaat ontvangen")
            : pick("− shared losses collected", "− gedeelde verliezen ontvangen")
        return dutch
            ? [
                "bruto-effect", paid, collected, "+ overige betalingen (lumpsumbedragen, overhevelingen)",
                "= netto-effect voor de financiers", "besparing ten opzichte van de benchmark",
                "waarvan toe te schrijven aan het fieldlab", "waarvan ook zonder fieldlab",
            ]
            : [
                "gross effect", paid, collected, "+ other payments (lump sums, transfers)",
                "= net effect for the financiers", "savings against the benchmark", "of which the fieldlab's effect",
                "of which found without it (benchmark above the counterfactual)",
            ]
    }

    /// What the costs by year show; `chart` when a chart stands with them, whose dashed lines it explains.
    func trendsExplanation(_ result: EvaluationResult, chart: Bool) -> String {
        let year = result.performanceYear
        return pick(
            "Both populations' risk-adjusted cost per person-year, all regimes together. Before \(year) the lines "
                + "should run parallel: the estimate assumes that without the fieldlab its cost would have changed "
                + "as the comparison population's did."
                + (chart
                    ? " The dashed lines are each population's weighted baseline level and, from the fieldlab's, its "
                        + "counterfactual cost in \(year): the fieldlab's level moved by the comparison's change."
                    : ""),
            "De risicogecorrigeerde kosten per persoonsjaar van beide populaties, alle domeinen samen. Vóór \(year) "
                + "horen de lijnen parallel te lopen: de schatting neemt aan dat de kosten van het fieldlab zonder "
                + "het fieldlab net zo waren veranderd als die van de vergelijkingsgroep."
                + (chart
                    ? " De stippellijnen zijn het gewogen niveau van de basisjaren van elke populatie en, vanaf dat "
                        + "van het fieldlab, zijn contrafeitelijke kosten in \(year): het niveau van het fieldlab "
                        + "verschoven met de verandering in de vergelijkingsgroep."
                    : "")
        )
    }

    var trendsHeader: [String] {
        dutch
            ? ["jaar", "fieldlab", "vergelijkingsgroep", "verschil", "contrafeitelijke kosten"]
            : ["year", "fieldlab", "comparison", "difference", "counterfactual"]
    }

    func yearLabel(_ year: Int, weight: ExactDecimal?) -> String {
        guard let weight else { return pick("\(year) (performance)", "\(year) (prestatiejaar)") }
        return pick(
            "\(year) (baseline, weight \(locale.decimal(weight)))",
            "\(year) (basisjaar, gewicht \(locale.decimal(weight)))"
        )
    }

    var beforeLabel: String { pick("before (baseline years, weighted)", "vóór (basisjaren, gewogen)") }

    func intervalCaption(_ level: ExactDecimal) -> String {
        pick(
            "The effect per person-year with its \(interval(level)), per regime and in total; left of zero is a saving.",
            "Het effect per persoonsjaar met zijn \(interval(level)), per domein en in totaal; links van nul is een besparing."
        )
    }

    var placeboCaption: String { pick("Placebo, one year early", "Placebotoets, een jaar eerder") }

    func placeboExplanation(_ placebo: PlaceboEstimate) -> String {
        let before = list(placebo.beforeYears.map(String.init))
        return pick(
            "Placebo: the same estimate one year early, with \(placebo.afterYear) as after and \(before) as before. "
                + "Nothing changed between them, so its effect should be near zero; an interval that excludes zero "
                + "says the two populations' costs were not moving in parallel before the fieldlab.",
            "Placebotoets: dezelfde schatting een jaar eerder, met \(placebo.afterYear) als na en \(before) als "
                + "vóór. Daartussen veranderde niets, dus het effect hoort dicht bij nul te liggen; een interval "
                + "zonder nul betekent dat de kosten van beide populaties vóór het fieldlab niet parallel liepen."
        )
    }

    /// The warning of the verdict when the placebo's interval excludes zero.
    func placeboSentence(
        _ placebo: PlaceboEstimate,
        row: EffectRow,
        interval: ClosedRange<Cents>,
        level: ExactDecimal
    )
        -> String
    {
        let before = list(placebo.beforeYears.map(String.init))
        return pick(
            "Before the fieldlab, from \(before) to \(placebo.afterYear), its cost already moved "
                + "\(locale.euros(row.effect)) per person-year apart from the comparison's (\(self.interval(level)) "
                + "\(range(interval))): the trends were not parallel, and the effect may be partly theirs.",
            "Al vóór het fieldlab, van \(before) tot \(placebo.afterYear), bewogen de kosten van het fieldlab "
                + "\(locale.euros(row.effect)) per persoonsjaar anders dan die van de vergelijkingsgroep "
                + "(\(self.interval(level)) \(range(interval))): de trends liepen niet parallel, en het effect kan "
                + "er deels uit voortkomen."
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
                + "small, makes the effect uncertain in ways no interval shows. The effect is on the accepted, "
                + "truncated cost in the contract's scope: costs above the truncation threshold and care moved out "
                + "of scope are not in it. A settlement's savings are measured against a benchmark; only the part "
                + "the effect accounts for is the fieldlab's doing.",
            "De intervallen komen uit \(locale.count(result.intervals.resamples)) bootstrapsteekproeven (seed "
                + "\(result.seed)) die mensen uit beide populaties trekken met al hun jaren, zodat de onzekerheid van "
                + "de nulmeting zelf en de regressie naar het gemiddelde erin zitten"
                + (missing > 0
                    ? "; \(missing) steekproeven hadden een jaar zonder mensen in een domein en tellen niet mee" : "")
                + ". De schatting neemt parallelle trends aan: zonder het fieldlab waren de kosten van zijn populatie "
                + "net zo veranderd als die van de vergelijkingsgroep. Een vergelijkingsgroep die niet op de "
                + "populatie van het fieldlab lijkt, of die te klein is, maakt het effect onzeker op een manier die "
                + "geen interval laat zien. Het effect gaat over de geaccepteerde, afgetopte kosten binnen de scope "
                + "van het contract: kosten boven de aftopgrens en zorg die buiten de scope verschuift, tellen niet "
                + "mee. De besparing van een afrekening is gemeten tegen een benchmark; alleen het deel dat het "
                + "effect verklaart, is toe te schrijven aan het fieldlab."
        )
    }
}
