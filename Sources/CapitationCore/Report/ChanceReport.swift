/// Renders a ``ChanceAnalysis`` for people: the paragraph and tables of the settlement report, and the
/// report of `capitation simulate`.
public enum ChanceReport: Sendable {
    /// The paragraph of the settlement report: how likely the result is under chance alone.
    static func paragraph(_ analysis: ChanceAnalysis, _ locale: ReportLocale) -> String {
        let observed = locale.rateAsPercent(analysis.observedRate)
        var text = "With no true effect, chance alone gives "
        if analysis.observedRate.isZero {
            text += "a result at least this far from zero in every resample"
        } else {
            text +=
                (analysis.observedRate.isNegative
                    ? "a savings rate as low as \(observed) or lower" : "a savings rate of \(observed) or more")
                + " in \(percent(analysis.resultByChance, locale))"
        }
        text +=
            " of \(locale.count(analysis.resamples)) resamples of the \(locale.count(analysis.members)) members "
            + "(bootstrap, seed \(analysis.seed)): that is the probability that this result is chance."
        if let payout = analysis.payout {
            text +=
                " Chance alone meets the minimum savings rate of \(locale.percent(payout.rate.value)) in "
                + "\(percent(payout.byChance, locale)) of the resamples"
            if let loss = analysis.loss {
                text +=
                    ", and the minimum loss rate of \(locale.percent(loss.rate.value)) in \(percent(loss.byChance, locale))"
            }
            text += "."
        }
        text +=
            " The \(locale.percent(analysis.interval.level.value)) interval of the savings rate is "
            + "\(locale.rateAsPercent(analysis.interval.low)) to \(locale.rateAsPercent(analysis.interval.high)); "
            + "its standard error is \(locale.rateAsPercent(analysis.standardError))."
        return text
    }

    /// The settled rate, its spread and the probabilities of a result, a payout or a loss by chance.
    static func result(_ analysis: ChanceAnalysis, _ locale: ReportLocale) -> ReportTable {
        var rows: [[ReportTable.Cell]] = [
            ["settled savings rate", .init(locale.rateAsPercent(analysis.observedRate))],
            ["standard error (closed form)", .init(locale.rateAsPercent(analysis.standardError))],
            ["standard error (bootstrap)", .init(locale.rateAsPercent(analysis.bootstrapStandardError))],
            [
                .init("\(locale.percent(analysis.interval.level.value)) interval of the savings rate"),
                .init(
                    "\(locale.rateAsPercent(analysis.interval.low)) to \(locale.rateAsPercent(analysis.interval.high))"
                ),
            ],
            [
                "probability that a result this far from zero is chance",
                .init(detailed(analysis.resultByChance, locale)),
            ],
        ]
        if let payout = analysis.payout {
            rows.append([
                .init("probability of a payout by chance (MSR \(locale.percent(payout.rate.value)))"),
                .init(detailed(payout.byChance, locale)),
            ])
        }
        if let loss = analysis.loss {
            rows.append([
                .init("probability of a loss charged by chance (MLR \(locale.percent(loss.rate.value)))"),
                .init(detailed(loss.byChance, locale)),
            ])
        }
        return ReportTable(
            caption:
                "\(locale.count(analysis.members)) members resampled with replacement \(locale.count(analysis.resamples)) "
                + "times (seed \(analysis.seed)). Under no true effect the savings rate is distributed as the resampled "
                + "rate minus the settled rate; every probability is a share of the resamples.",
            header: ["measure", "value"],
            rows: rows,
            numeric: [1]
        )
    }

    /// Per confidence level, the minimum savings rate that chance alone meets rarely enough.
    static func requiredRates(_ analysis: ChanceAnalysis, _ locale: ReportLocale) -> ReportTable {
        ReportTable(
            caption:
                "The minimum savings rate needed: at confidence c, the smallest rate that chance alone meets in at most "
                + "(1 − c) ÷ 2 of the resamples (outside the two-sided interval at level c), and the closed form "
                + "z × standard error that the contract's confidence mode uses (z = 1.645 at 90 %).",
            header: ["confidence", "bootstrap", "z × SE"],
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
            analysis.payout.map { "the minimum savings rate of \(locale.percent($0.rate.value))" }
            ?? "a saving above zero"
        return ReportTable(
            caption:
                "Power: the probability that a population with this spread meets \(threshold) when its true saving is:",
            header: ["true saving", "power"],
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
            "# Chance: \(contract)",
            "## Result\n\n" + result(analysis, locale).markdown,
            "## Minimum savings rate needed\n\n" + requiredRates(analysis, locale).markdown,
            "## Power\n\n" + power(analysis, locale).markdown,
        ].joined(separator: "\n\n") + "\n"
    }

    /// `12.3 %`: a proportion as a percentage with one decimal, rounded half-even.
    static func percent(_ value: Proportion, _ locale: ReportLocale = .standard) -> String {
        ExactDecimal.ratio(value.count * 100, value.total, scale: 1).map { locale.percent($0) } ?? "—"
    }

    /// `12.3 % (123 of 1,000)`.
    static func detailed(_ value: Proportion, _ locale: ReportLocale) -> String {
        "\(percent(value, locale)) (\(locale.count(value.count)) of \(locale.count(value.total)))"
    }
}
