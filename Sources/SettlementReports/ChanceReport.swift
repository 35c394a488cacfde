public import CapitationCore

/// Renders a `ChanceAnalysis` for people: the paragraph and tables of the settlement report, and the
/// report of `capitation simulate`.
public enum ChanceReport: Sendable {
    /// The paragraph of the settlement report: how likely the result is under chance alone.
    static func paragraph(_ analysis: ChanceAnalysis, _ locale: ReportLocale) -> String {
        let observed = locale.rateAsPercent(analysis.observedRate)
        let pick = locale.pick
        var text = pick("With no true effect, chance alone gives ", "Zonder werkelijk effect geeft toeval alleen ")
        if analysis.observedRate.isZero {
            text += pick(
                "a result at least this far from zero in every resample",
                "in elke trekking een resultaat minstens zo ver van nul"
            )
        } else {
            text +=
                (analysis.observedRate.isNegative
                    ? pick(
                        "a savings rate as low as \(observed) or lower",
                        "een besparingspercentage van \(observed) of lager"
                    )
                    : pick("a savings rate of \(observed) or more", "een besparingspercentage van \(observed) of meer"))
                + pick(" in ", " in ") + percent(analysis.resultByChance, locale)
        }
        let (resamples, members) = (locale.count(analysis.resamples), locale.count(analysis.members))
        text += pick(
            " of \(resamples) resamples of the \(members) members (bootstrap, seed \(analysis.seed)).",
            " van \(resamples) trekkingen uit de \(members) leden (bootstrap, startwaarde \(analysis.seed))."
        )
        if let payout = analysis.payout {
            let (rate, chance) = (locale.percent(payout.rate.value), percent(payout.byChance, locale))
            text += pick(
                " Chance alone meets the minimum savings rate of \(rate) in \(chance) of the resamples",
                " Toeval alleen haalt de minimale besparingsdrempel van \(rate) in \(chance) van de trekkingen"
            )
            if let loss = analysis.loss {
                let (rate, chance) = (locale.percent(loss.rate.value), percent(loss.byChance, locale))
                text += pick(
                    ", and the minimum loss rate of \(rate) in \(chance)",
                    ", en de minimale verliesdrempel van \(rate) in \(chance)"
                )
            }
            text += "."
        }
        let level = locale.percent(analysis.interval.level.value)
        let (low, high) = (locale.rateAsPercent(analysis.interval.low), locale.rateAsPercent(analysis.interval.high))
        let error = locale.rateAsPercent(analysis.standardError)
        text += pick(
            " The \(level) interval of the savings rate is \(low) to \(high); its standard error is \(error).",
            " Het \(level)-interval van het besparingspercentage loopt van \(low) tot \(high); de standaardfout is "
                + "\(error)."
        )
        return text
    }

    /// The settled rate, its spread and the probabilities of a result, a payout or a loss by chance.
    static func result(_ analysis: ChanceAnalysis, _ locale: ReportLocale) -> ReportTable {
        let pick = locale.pick
        let level = locale.percent(analysis.interval.level.value)
        let (low, high) = (locale.rateAsPercent(analysis.interval.low), locale.rateAsPercent(analysis.interval.high))
        var rows: [[ReportTable.Cell]] = [
            [
                .init(pick("settled savings rate", "afgerekend besparingspercentage")),
                .init(locale.rateAsPercent(analysis.observedRate)),
            ],
            [
                .init(pick("standard error (closed form)", "standaardfout (gesloten vorm)")),
                .init(locale.rateAsPercent(analysis.standardError)),
            ],
            [
                .init(pick("standard error (bootstrap)", "standaardfout (bootstrap)")),
                .init(locale.rateAsPercent(analysis.bootstrapStandardError)),
            ],
            [
                .init(pick("\(level) interval of the savings rate", "\(level)-interval van het besparingspercentage")),
                .init(pick("\(low) to \(high)", "\(low) tot \(high)")),
            ],
            [
                .init(
                    pick(
                        "probability that a result this far from zero is chance",
                        "kans dat een resultaat zo ver van nul toeval is"
                    )
                ),
                .init(detailed(analysis.resultByChance, locale)),
            ],
        ]
        if let payout = analysis.payout {
            let rate = locale.percent(payout.rate.value)
            rows.append([
                .init(
                    pick(
                        "probability of a payout by chance (MSR \(rate))",
                        "kans op een uitbetaling door toeval (besparingsdrempel \(rate))"
                    )
                ),
                .init(detailed(payout.byChance, locale)),
            ])
        }
        if let loss = analysis.loss {
            let rate = locale.percent(loss.rate.value)
            rows.append([
                .init(
                    pick(
                        "probability of a loss charged by chance (MLR \(rate))",
                        "kans op een aangerekend verlies door toeval (verliesdrempel \(rate))"
                    )
                ),
                .init(detailed(loss.byChance, locale)),
            ])
        }
        let (members, resamples) = (locale.count(analysis.members), locale.count(analysis.resamples))
        return ReportTable(
            caption: pick(
                "\(members) members resampled with replacement \(resamples) times (seed \(analysis.seed)). Under no "
                    + "true effect the savings rate is distributed as the resampled rate minus the settled rate; every "
                    + "probability is a share of the resamples.",
                "\(members) leden \(resamples) keer getrokken met teruglegging (startwaarde \(analysis.seed)). Zonder werkelijk "
                    + "effect is het besparingspercentage verdeeld als het getrokken percentage min het afgerekende; "
                    + "elke kans is een aandeel van de trekkingen."
            ),
            header: [pick("measure", "maat"), pick("value", "waarde")],
            rows: rows,
            numeric: [1]
        )
    }

    /// Per confidence level, the minimum savings rate that chance alone meets rarely enough.
    static func requiredRates(_ analysis: ChanceAnalysis, _ locale: ReportLocale) -> ReportTable {
        ReportTable(
            caption: locale.pick(
                "The minimum savings rate needed: at confidence c, the smallest rate that chance alone meets in at most "
                    + "(1 − c) ÷ 2 of the resamples (outside the two-sided interval at level c), and the closed form "
                    + "z × standard error that the contract's confidence mode uses (z = 1.645 at 90 %).",
                "De benodigde minimale besparingsdrempel: bij betrouwbaarheid c het kleinste percentage dat toeval "
                    + "alleen in hoogstens (1 − c) ÷ 2 van de trekkingen haalt (buiten het tweezijdige interval op "
                    + "niveau c), en de gesloten vorm z × standaardfout die de betrouwbaarheidswijze van het contract "
                    + "gebruikt (z = 1,645 bij 90 %)."
            ),
            header: [
                locale.pick("confidence", "betrouwbaarheid"), "bootstrap", locale.pick("z × SE", "z × standaardfout"),
            ],
            rows: analysis.requiredRates.map {
                [
                    .init(locale.percent($0.confidence.value)), .init(locale.percent($0.bootstrap.value)),
                    .init($0.normal.map { locale.percent($0.value) } ?? "—"),
                ]
            },
            numeric: [1, 2]
        )
    }

    /// Per true saving, the probability that the settlement meets the minimum savings rate.
    static func power(_ analysis: ChanceAnalysis, _ locale: ReportLocale) -> ReportTable {
        let threshold =
            analysis.payout.map {
                locale.pick("the minimum savings rate of ", "de minimale besparingsdrempel van ")
                    + locale.percent($0.rate.value)
            }
            ?? locale.pick("a saving above zero", "een besparing boven nul")
        return ReportTable(
            caption: locale.pick(
                "Power: the probability that a population with this spread meets \(threshold) when its true saving is:",
                "Onderscheidend vermogen: de kans dat een populatie met deze spreiding \(threshold) haalt als haar "
                    + "werkelijke besparing is:"
            ),
            header: [locale.pick("true saving", "werkelijke besparing"), locale.pick("power", "vermogen")],
            rows: analysis.power.map {
                [.init(locale.percent($0.trueSaving.value)), .init(detailed($0.probability, locale))]
            },
            numeric: [1]
        )
    }

    /// The report of `capitation simulate`.
    public static func markdown(
        _ analysis: ChanceAnalysis,
        contract: String,
        locale: ReportLocale = .standard
    ) -> String {
        [
            "# " + locale.pick("Chance: ", "Toeval: ") + contract,
            "## " + locale.pick("Result", "Uitkomst") + "\n\n" + result(analysis, locale).markdown,
            "## " + locale.pick("Minimum savings rate needed", "Benodigde minimale besparingsdrempel") + "\n\n"
                + requiredRates(analysis, locale).markdown,
            "## " + locale.pick("Power", "Onderscheidend vermogen") + "\n\n" + power(analysis, locale).markdown,
        ].joined(separator: "\n\n") + "\n"
    }

    /// `12.3 %`: a proportion as a percentage with one decimal, rounded half-even.
    static func percent(_ value: Proportion, _ locale: ReportLocale = .standard) -> String {
        ExactDecimal.ratio(value.count * 100, value.total, scale: 1).map { locale.percent($0) } ?? "—"
    }

    /// `12.3 % (123 of 1,000)`.
    static func detailed(_ value: Proportion, _ locale: ReportLocale) -> String {
        "\(percent(value, locale)) (\(locale.count(value.count)) \(locale.pick("of", "van")) \(locale.count(value.total)))"
    }
}
