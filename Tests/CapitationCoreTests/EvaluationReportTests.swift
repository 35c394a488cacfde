import CapitationCore
import SettlementReports
import Testing

/// The evaluation's report and JSON, on the case of ``NetEffectTests`` worked by hand.
struct EvaluationReportTests {
    static func result(resamples: Int) throws -> EvaluationResult {
        var result = try EvaluationResult.scenario(
            NetEffectTests.evaluation,
            fieldlab: NetEffectTests.fieldlab,
            comparison: NetEffectTests.comparison,
            resamples: resamples
        )
        result.net = try NetEffect(estimate: result.estimate, settlement: NetEffectTests.settlement())
        return result
    }

    // The total effect is −400 − 300 = −700.00 a person-year against a counterfactual of 2,200 + 6,300 =
    // 8,500.00: −700 ÷ 8,500 = −0.0823529… → −8.2353 %. Gross −1,400.00; the financiers paid 4,285 + 1,860
    // = 6,145.00 under the settlement, so the net effect is 4,745.00; of the savings of 10,500.00 the
    // effect accounts for 1,400.00 and 9,100.00 moved everywhere. Without resamples, no interval is named.
    @Test func saysTheVerdictInThreeSentencesInEnglishAndDutch() throws {
        let result = try Self.result(resamples: 0)
        let english = EvaluationReport.markdown(result, levels: [try ExactDecimal(parsing: "0.95")])
        let verdict: String = [
            "## Verdict\n\nThe fieldlab's effect in 2026: -€ 700.00 per person-year (-8.2353 % of the ",
            "counterfactual); negative is a saving. Over the fieldlab's people in 2026 that is a gross effect of ",
            "-€ 1,400.00; after the € 6,145.00 the financiers paid under the settlement, their net effect is ",
            "€ 4,745.00. Of the settlement's savings against the benchmark, € 10,500.00, the fieldlab's effect ",
            "accounts for € 1,400.00; the other € 9,100.00 would have been found without it: the benchmark lies ",
            "that much above the counterfactual cost.\n",
        ].joined()
        #expect(english.contains(verdict))
        #expect(english.contains("| Insurer (Zvw) | -€ 800.00 | € 4,285.00 | € 3,485.00 | – |"))
        #expect(english.contains("| all financiers | -€ 1,400.00 | € 6,145.00 | € 4,745.00 | – |"))
        #expect(english.contains("| total | -€ 700.00 | -8.2353 % | – |"))
        #expect(english.contains("| before (baseline years, weighted) | € 8,000.00 | € 8,000.00 | € 0.00 |  |"))
        #expect(english.contains("| + other payments (lump sums, transfers) | € 1,000.00 |"))
        // The steps show costs, a group of amounts, in euros: the fieldlab's Zvw of 2025 is 1,000 + 3,000.
        #expect(english.contains("| input | cost › fieldlab.2025 | € 4,000.00 |"))
        #expect(english.contains("| 2026 (performance) | € 7,800.00 | € 8,500.00 | -€ 700.00 | € 8,500.00 |"))
        let dutch = EvaluationReport.markdown(result, levels: [try ExactDecimal(parsing: "0.95")], locale: .dutch)
        let oordeel: String = [
            "## Conclusie\n\nHet effect van het fieldlab in 2026: € -700,00 per persoonsjaar (-8,2353 % van de ",
            "contrafeitelijke kosten); negatief is een besparing. Voor de populatie van het fieldlab komt dat in ",
            "2026 neer op een bruto-effect van € -1.400,00; na de € 6.145,00 die de financiers volgens de ",
            "afrekening betaalden, is hun netto-effect € 4.745,00. Van de besparing van de afrekening ten opzichte ",
            "van de benchmark, € 10.500,00, is € 1.400,00 toe te schrijven aan het fieldlab; de overige ",
            "€ 9.100,00 was er ook zonder het fieldlab geweest: de benchmark ligt zoveel boven de contrafeitelijke ",
            "kosten.\n",
        ].joined()
        #expect(dutch.contains(oordeel))
        #expect(dutch.contains("| totaal | € 8.000,00 | € 7.800,00 |"))
        #expect(dutch.contains("| 2025 (basisjaar, gewicht 1) | € 8.000,00 | € 8.000,00 | € 0,00 |  |"))
        for heading in ["## Bruto- en netto-effect voor de financiers", "## Alle rekenstappen", "## Aantal personen"] {
            #expect(dutch.contains(heading))
        }
    }

    // Under the two-sided contract of LossDistributionTests both financiers lose, 3,500.00 in total, and the
    // providers pay half of it: the insurer receives 1,250.00 and the care office 500.00. Net effects:
    // −800 − 1,250 = −2,050.00 and −600 − 500 = −1,100.00; together −1,400 − 1,750 = −3,150.00. The loss
    // against the benchmark is not the effect: the fieldlab saved 1,400.00 against its counterfactual, so
    // the benchmark lies 3,500 + 1,400 = 4,900.00 below the counterfactual cost.
    @Test func saysWhatTheSettlementsLossesMeanForTheFinanciers() throws {
        var scenario = LossDistributionTests.twoSided()
        LossDistributionTests.bothLose(&scenario)
        let estimate = try NetEffectTests.evaluation.estimate(
            fieldlab: NetEffectTests.fieldlab,
            comparison: NetEffectTests.comparison
        )
        let net = try NetEffect(estimate: estimate, settlement: try scenario.settle())
        #expect(net.lossPayment == Cents(175_000) && net.payout == .zero && net.otherPayments == .zero)
        #expect(net.financiers.map(\.paid) == [Cents(-125_000), Cents(-50_000)])
        #expect(net.financiers.map(\.netEffect) == [Cents(-205_000), Cents(-110_000)])
        #expect(net.netEffect == Cents(-315_000) && net.savingsBeyondEffect == Cents(-490_000))
        var result = try Self.result(resamples: 0)
        result.net = net
        let english = EvaluationReport.markdown(result, levels: [])
        #expect(
            english.contains(
                "gross effect of -€ 1,400.00; with the € 1,750.00 the financiers received under the settlement, "
                    + "their net effect is -€ 3,150.00. Against the benchmark the settlement finds a loss of "
                    + "€ 3,500.00; the fieldlab's effect is a saving of € 1,400.00, and the benchmark lies "
                    + "€ 4,900.00 below the counterfactual cost.\n"
            )
        )
        #expect(english.contains("| − shared losses collected | € 1,750.00 |"))
        let dutch = EvaluationReport.markdown(result, levels: [], locale: .dutch)
        #expect(
            dutch.contains(
                "De afrekening komt ten opzichte van de benchmark uit op een verlies van € 3.500,00; het effect van "
                    + "het fieldlab is een besparing van € 1.400,00, en de benchmark ligt € 4.900,00 onder de "
                    + "contrafeitelijke kosten."
            )
        )
    }

    // Both populations are two identical people, so every resample is the estimate itself and an interval
    // is a point. Zvw in euros, 2024 and 2025 baseline (weights 1 and 1), 2026 performance: fieldlab 1,000,
    // 1,200, 1,200; comparison 1,000, 1,100, 1,300. The placebo (2024 before, 2025 after): counterfactual
    // 1,000 + 1,100 − 1,000 = 1,100, effect +100.00 a person-year, an interval that excludes zero: the
    // verdict warns that the trends were not parallel. The estimate: before 1,100 and 1,050, counterfactual
    // 1,100 + 1,300 − 1,050 = 1,350, effect 1,200 − 1,350 = −150.00.
    @Test func warnsWhenThePlaceboSaysTheTrendsWereNotParallel() throws {
        func population(_ euros: [Int64]) -> EvaluationPopulation {
            let years = euros.enumerated().map { index, cost in
                EvaluationYear(
                    year: 2024 + index,
                    daysInPeriod: 365,
                    records: (0..<2).map {
                        EvaluationRecord(person: $0, costs: [Cents(cost * 100)], riskWeightedDays: [365])
                    }
                )
            }
            return EvaluationPopulation(personCount: 2, baseline: Array(years.prefix(2)), performance: years[2])
        }
        let fieldlab = population([1_000, 1_200, 1_200])
        let comparison = population([1_000, 1_100, 1_300])
        let evaluation = DifferenceInDifferences(regimes: [.zvw], weights: [1, 1], rounding: .halfEven)
        let early = try #require(evaluation.placebo(fieldlab: fieldlab, comparison: comparison))
        let placeboEstimate = try early.evaluation.estimate(fieldlab: early.fieldlab, comparison: early.comparison)
        let placeboBootstrap = try EffectBootstrap(
            early.evaluation,
            fieldlab: early.fieldlab,
            comparison: early.comparison
        )
        let placebo = PlaceboEstimate(
            beforeYears: [2024],
            afterYear: 2025,
            estimate: placeboEstimate,
            intervals: EffectIntervals(try placeboBootstrap.effects(seed: 1, resamples: 0..<20), rows: 2)
        )
        #expect(placebo.estimate.steps.map(\.id) == ["placebo.Zvw", "placebo.total"])
        let result = try EvaluationResult.scenario(
            evaluation,
            fieldlab: fieldlab,
            comparison: comparison,
            resamples: 20,
            placebo: placebo
        )
        let markdown = EvaluationReport.markdown(result, levels: [try ExactDecimal(parsing: "0.95")])
        let verdict: String = [
            "The fieldlab's effect in 2026: -€ 150.00 per person-year (-11.1111 % of the counterfactual), 95 % ",
            "interval -€ 150.00 to -€ 150.00; negative is a saving. Before the fieldlab, from 2024 to 2025, its ",
            "cost already moved € 100.00 per person-year apart from the comparison's (95 % interval € 100.00 to ",
            "€ 100.00): the trends were not parallel, and the effect may be partly theirs.\n",
        ].joined()
        #expect(markdown.contains(verdict))
        #expect(markdown.contains("| total | € 100.00 | 9.0909 % | € 100.00 to € 100.00 |"))
        let json = EvaluationReport.json(result, levels: [try ExactDecimal(parsing: "0.95")])
        #expect(json["placebo"]?["afterYear"] == .integer(2025))
        #expect(json["placebo"]?["rows"]?.elements?.last?["effectCents"] == .integer(10_000))
    }

    // With resamples, the verdict names the interval of the first level, and the net interval is the
    // gross interval moved by the 6,145.00 paid.
    @Test func namesTheIntervalsOfTheEffectAndTheNetEffect() throws {
        let result = try Self.result(resamples: 100)
        let level = try ExactDecimal(parsing: "0.9")
        let effect = try #require(result.intervals.effect(row: 2, level: Fraction(level)))
        let gross = try #require(result.intervals.gross(rows: [2], level: Fraction(level)))
        let net = try #require(result.intervals.gross(rows: [2], adding: Cents(614_500), level: Fraction(level)))
        let english = EvaluationReport.markdown(result, levels: [level])
        let euros = { (cents: Cents) in ReportLocale.standard.euros(cents) }
        #expect(english.contains("90 % interval \(euros(effect.lowerBound)) to \(euros(effect.upperBound))"))
        #expect(english.contains("(90 % interval \(euros(net.lowerBound)) to \(euros(net.upperBound)))."))
        let json = EvaluationReport.json(result, levels: [level])
        let intervals = try #require(json["net"]?["intervals"]?.elements?.first)
        #expect(
            intervals["grossEffectCents"]
                == .array([.integer(gross.lowerBound.rawValue), .integer(gross.upperBound.rawValue)])
        )
        #expect(
            intervals["netEffectCents"]
                == .array([.integer(net.lowerBound.rawValue), .integer(net.upperBound.rawValue)])
        )
    }

    @Test func writesTheNetEffectAndTheYearsAsDocumentedJSON() throws {
        let json = EvaluationReport.json(try Self.result(resamples: 10), levels: [try ExactDecimal(parsing: "0.95")])
        let rows = try #require(json["rows"]?.elements)
        #expect(rows.map { $0["grossEffectCents"] } == [.integer(-80_000), .integer(-60_000), .integer(-140_000)])
        #expect(rows.map { $0["riskWeightedPersonYears"] } == [.string("2"), .string("2"), .null])
        let year = try #require(json["years"]?.elements?.last)
        #expect(year["year"] == .integer(2026))
        #expect(year["fieldlabCents"]?["total"] == .integer(780_000))
        #expect(year["comparisonCents"]?["Wlz"] == .integer(630_000))
        let net = try #require(json["net"])
        #expect(net["savingsCents"] == .integer(1_050_000))
        #expect(net["grossEffectCents"] == .integer(-140_000))
        #expect(net["payoutCents"] == .integer(514_500) && net["lossPaymentCents"] == .integer(0))
        #expect(net["otherPaymentsCents"] == .integer(100_000))
        #expect(net["netEffectCents"] == .integer(474_500))
        #expect(net["savingsBeyondEffectCents"] == .integer(910_000))
        let financiers = try #require(net["financiers"]?.elements)
        #expect(financiers.map { $0["party"] } == [.string("insurer-a"), .string("zk")])
        #expect(financiers.map { $0["role"] } == [.string("insurer"), .string("care-office")])
        #expect(financiers.map { $0["paidCents"] } == [.integer(428_500), .integer(186_000)])
        #expect(financiers.map { $0["netEffectCents"] } == [.integer(348_500), .integer(126_000)])
        let steps = try #require(json["steps"]?.elements).compactMap { $0["step"] }
        #expect(
            steps.suffix(3) == [
                .string("evaluation.net"), .string("evaluation.net.insurer-a"), .string("evaluation.net.zk"),
            ]
        )
    }

    // One self-contained page per language: the key figures marked with their cents, both charts as inline
    // SVG, no scripts.
    @Test func rendersOneSelfContainedPageInEachLanguage() throws {
        let result = try Self.result(resamples: 20)
        let levels = [try ExactDecimal(parsing: "0.95")]
        let english = EvaluationHTML.render(result, levels: levels)
        #expect(english.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        for figure in [
            #"data-figure="effect:total" data-cents="-70000">-€ 700.00<"#,
            #"data-figure="gross-effect" data-cents="-140000">-€ 1,400.00<"#,
            #"data-figure="net-effect" data-cents="474500">€ 4,745.00<"#,
            #"data-figure="net-effect:insurer-a" data-cents="348500">€ 3,485.00<"#,
            #"data-figure="savings" data-cents="1050000">€ 10,500.00<"#,
        ] {
            #expect(english.contains(figure), "\(figure)")
        }
        #expect(english.split(separator: "<svg ").count == 3)
        #expect(english.contains("<polyline class=\"line fieldlab\""))
        #expect(!english.contains("<script") && !english.contains("src="))
        let dutch = EvaluationHTML.render(result, levels: levels, locale: .dutch)
        #expect(dutch.hasPrefix("<!DOCTYPE html>\n<html lang=\"nl\">"))
        #expect(dutch.contains(#"data-figure="net-effect" data-cents="474500">€ 4.745,00<"#))
        #expect(dutch.contains("<h2>Conclusie</h2>") && dutch.contains("<title>Evaluatie: Scenario</title>"))
    }
}
