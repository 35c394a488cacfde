/// Renders a ``ChanceAnalysis`` for people: a paragraph for the settlement report and the tables of
/// `capitation simulate`.
public enum ChanceReport: Sendable {
    /// The paragraph of the settlement report: how likely the result is under chance alone.
    public static func paragraph(_ analysis: ChanceAnalysis, members: Int) -> String {
        let observed = ReportFormat.rateAsPercent(analysis.observedRate)
        var text = "With no true effect, chance alone gives "
        if analysis.observedRate.isZero {
            text += "a result at least this far from zero in every resample"
        } else {
            text +=
                (analysis.observedRate.isNegative
                    ? "a savings rate as low as \(observed) or lower" : "a savings rate of \(observed) or more")
                + " in \(percent(analysis.resultByChance))"
        }
        text +=
            " of \(ReportFormat.count(analysis.resamples)) resamples of the \(ReportFormat.count(members)) members "
            + "(bootstrap, seed \(analysis.seed)): that is the probability that this result is chance."
        if let payout = analysis.payout {
            text +=
                " Chance alone meets the minimum savings rate of \(payout.rate) in \(percent(payout.byChance)) of the resamples"
            if let loss = analysis.loss {
                text += ", and the minimum loss rate of \(loss.rate) in \(percent(loss.byChance))"
            }
            text += "."
        }
        text +=
            " The \(analysis.interval.level) interval of the savings rate is "
            + "\(ReportFormat.rateAsPercent(analysis.interval.low)) to \(ReportFormat.rateAsPercent(analysis.interval.high)); "
            + "its standard error is \(ReportFormat.rateAsPercent(analysis.standardError)). "
            + "`capitation simulate` gives the minimum savings rate each confidence level needs and the power to detect a true saving."
        return text
    }

    /// The tables of `capitation simulate`.
    public static func markdown(_ analysis: ChanceAnalysis, contract: String) -> String {
        var sections: [String] = []
        sections.append(
            """
            # Chance: \(contract)

            \(ReportFormat.count(analysis.members)) members resampled with replacement \
            \(ReportFormat.count(analysis.resamples)) times (seed \(analysis.seed)). Under no true effect the savings \
            rate is distributed as the resampled rate minus the settled rate; every probability is a share of the resamples.
            """
        )
        var rows: [[String]] = [
            [
                "settled savings rate",
                ReportFormat.rateAsPercent(analysis.observedRate),
            ],
            ["standard error (closed form)", ReportFormat.rateAsPercent(analysis.standardError)],
            ["standard error (bootstrap)", ReportFormat.rateAsPercent(analysis.bootstrapStandardError)],
            [
                "\(analysis.interval.level) interval of the savings rate",
                "\(ReportFormat.rateAsPercent(analysis.interval.low)) to \(ReportFormat.rateAsPercent(analysis.interval.high))",
            ],
            ["probability that a result this far from zero is chance", detailed(analysis.resultByChance)],
        ]
        if let payout = analysis.payout {
            rows.append(["probability of a payout by chance (MSR \(payout.rate))", detailed(payout.byChance)])
        }
        if let loss = analysis.loss {
            rows.append(["probability of a loss charged by chance (MLR \(loss.rate))", detailed(loss.byChance)])
        }
        sections.append("## Result\n\n" + ReportFormat.table(["measure", "value"], rows, rightAligned: [1]))
        sections.append(
            "## Minimum savings rate needed\n\nAt confidence c, the smallest rate that chance alone meets in at most "
                + "(1 − c) ÷ 2 of the resamples (outside the two-sided interval at level c), and the closed form "
                + "z × standard error that the contract's confidence mode uses (z = 1.645 at 90 %).\n\n"
                + ReportFormat.table(
                    ["confidence", "bootstrap", "z × SE"],
                    analysis.requiredRates.map {
                        ["\($0.confidence)", "\($0.bootstrap)", $0.normal.map(\.description) ?? "—"]
                    },
                    rightAligned: [1, 2]
                )
        )
        let threshold = analysis.payout.map { "the minimum savings rate of \($0.rate)" } ?? "a saving above zero"
        sections.append(
            "## Power\n\nThe probability that a population with this spread meets \(threshold) when its true saving is:\n\n"
                + ReportFormat.table(
                    ["true saving", "power"],
                    analysis.power.map { ["\($0.trueSaving)", detailed($0.probability)] },
                    rightAligned: [1]
                )
        )
        return sections.joined(separator: "\n\n") + "\n"
    }

    /// `12.3 %`: a proportion as a percentage with one decimal, rounded half-even.
    static func percent(_ value: Proportion) -> String {
        ExactDecimal.ratio(value.count * 100, value.total, scale: 1).map { "\($0) %" } ?? "—"
    }

    /// `12.3 % (123 of 1,000)`.
    static func detailed(_ value: Proportion) -> String {
        "\(percent(value)) (\(ReportFormat.count(value.count)) of \(ReportFormat.count(value.total)))"
    }
}
