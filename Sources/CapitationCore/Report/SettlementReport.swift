/// Renders a settlement as a Markdown report that a municipal auditor can follow: a summary, every
/// figure in tables, and every calculation step with its inputs, formula and result.
public enum SettlementReport: Sendable {
    /// The report as Markdown text.
    public static func markdown(_ settlement: Settlement) -> String {
        var sections: [String] = []
        let contract = settlement.contract
        sections.append(
            """
            # Settlement: \(contract.title)

            Contract `\(contract.id)` version \(contract.version), period \(contract.period.start) to \(contract.period.end), \
            \(contract.model)\(contract.sides.map { " (\($0)-sided)" } ?? ""). Amounts are rounded once to the cent, \
            \(contract.rounding.rawValue). Computed by capitation \(CapitationVersion.current).
            """
        )
        sections.append("## Summary\n\n" + summary(settlement))
        sections.append(inputs(settlement))
        sections.append(population(settlement))
        sections.append(budget(settlement))
        sections.append(claims(settlement))
        sections.append(savings(settlement))
        if let chance = settlement.chance {
            sections.append("## Chance\n\n" + ChanceReport.paragraph(chance, members: settlement.population.members))
        }
        if let quality = settlement.quality { sections.append(self.quality(quality)) }
        sections.append(sharing(settlement))
        sections.append(distribution(settlement))
        if let schedule = settlement.paymentSchedule { sections.append(PaymentScheduleReport.markdown(schedule)) }
        sections.append(steps(settlement))
        if !settlement.warnings.isEmpty {
            sections.append("## Warnings\n\n" + settlement.warnings.map { "- \($0)" }.joined(separator: "\n"))
        }
        return sections.joined(separator: "\n\n") + "\n"
    }

    /// One paragraph a board member understands: the result, and who pays whom.
    static func summary(_ settlement: Settlement) -> String {
        let totals = settlement.totals
        var text =
            "The budget was \(ReportFormat.euros(totals.budget)) and the expenditure \(ReportFormat.euros(totals.expenditure)), "
        if totals.savings > .zero {
            text += "a saving of \(ReportFormat.euros(totals.savings))"
        } else if let loss = try? totals.savings.negated(), loss > .zero {
            text += "a loss of \(ReportFormat.euros(loss))"
        } else {
            text += "neither a saving nor a loss"
        }
        text += totals.savingsRate.map { " (\(ReportFormat.rateAsPercent($0)) of the budget)." } ?? "."
        text += " " + capitalised(settlement.sharing.explanation) + "."
        if let chance = settlement.chance, !chance.observedRate.isZero {
            text +=
                " Chance alone gives a result this far from zero with a probability of "
                + "\(ChanceReport.percent(chance.resultByChance)) (see Chance)."
        }
        let payments = settlement.transfers.filter { !$0.reason.hasPrefix("lump sum") }
        if !payments.isEmpty {
            let names = Dictionary(
                settlement.parties.map { ($0.party, $0.name) },
                uniquingKeysWith: { first, _ in first }
            )
            text +=
                " "
                + payments.map {
                    "\(names[$0.from] ?? $0.from.rawValue) pays \(names[$0.to] ?? $0.to.rawValue) \(ReportFormat.euros($0.amount)) (\($0.reason))"
                }
                .joined(separator: "; ") + "."
        }
        return text
    }

    private static func capitalised(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }

    private static func inputs(_ settlement: Settlement) -> String {
        "## Inputs\n\n"
            + ReportFormat.table(
                ["role", "file", "format", "lines", "SHA-256"],
                settlement.inputs.map {
                    [$0.role, "`\($0.path)`", $0.format, ReportFormat.count($0.lines), "`\($0.sha256)`"]
                },
                rightAligned: [3]
            )
    }

    private static func population(_ settlement: Settlement) -> String {
        let population = settlement.population
        var text = """
            ## Population

            \(ReportFormat.count(population.members)) of \(ReportFormat.count(population.rosterMembers)) people on the roster are in \
            the population, for \(ReportFormat.count(population.exposureDays)) days in a period of \(population.daysInPeriod) days: \
            \(population.personYears) person-years.
            """
        if !population.excluded.isEmpty {
            text +=
                "\n\n"
                + ReportFormat.table(
                    ["not in the population because", "people"],
                    population.excluded.map { [$0.reason.rawValue, ReportFormat.count($0.members)] },
                    rightAligned: [1]
                )
        }
        if !settlement.risk.isEmpty {
            text +=
                "\n\n"
                + ReportFormat.table(
                    [
                        "risk model", "regimes", "risk-weighted days", "mean score", "normalisation", "growth cap",
                        "cap applied",
                    ],
                    settlement.risk.map { model in
                        [
                            model.model.rawValue, model.regimes.map(\.rawValue).joined(separator: ", "),
                            model.riskWeightedDays.description, model.meanScore.description,
                            model.normalisationFactor.description,
                            model.growthCap.map {
                                "\($0.percent)" + ($0.baselineMeanScore.map { " over \($0)" } ?? " (no baseline)")
                            } ?? "none",
                            model.growthCapApplied ? "yes" : "no",
                        ]
                    },
                    rightAligned: [2, 3, 4]
                )
        }
        return text
    }

    private static func budget(_ settlement: Settlement) -> String {
        "## Budget\n\n"
            + ReportFormat.table(
                [
                    "regime", "financier", "per capita", "risk-weighted person-years", "capitation budget", "lump sums",
                    "budget",
                ],
                settlement.regimes.map {
                    [
                        $0.regime.rawValue, $0.financier.rawValue, ReportFormat.euros($0.perCapitaAnnual),
                        $0.riskWeightedPersonYears.description,
                        ReportFormat.euros($0.capitationBudget), ReportFormat.euros($0.lumpSums),
                        ReportFormat.euros($0.budget),
                    ]
                } + [
                    [
                        "total", "", "", "", "", ReportFormat.euros(settlement.totals.lumpSums),
                        ReportFormat.euros(settlement.totals.budget),
                    ]
                ],
                rightAligned: [2, 3, 4, 5, 6]
            )
    }

    private static func claims(_ settlement: Settlement) -> String {
        let result = settlement.reconciliation
        var rows = [
            ["read", ReportFormat.count(result.read.lines), ReportFormat.euros(result.read.amount)],
            ["accepted", ReportFormat.count(result.accepted.lines), ReportFormat.euros(result.accepted.amount)],
        ]
        if !result.proRataExcluded.isZero {
            rows.append(["excluded by pro-rating", "", ReportFormat.euros(result.proRataExcluded)])
        }
        rows += result.rejected.map {
            [
                "rejected: \($0.reason.rawValue)", ReportFormat.count($0.total.lines),
                ReportFormat.euros($0.total.amount),
            ]
        }
        return
            "## Claims\n\nEvery line is accepted or rejected for one reason; credits count against the line they correct. "
            + "Rejected lines are listed in `rejected-claims.csv`.\n\n"
            + ReportFormat.table(["claim lines", "lines", "amount"], rows, rightAligned: [1, 2])
            + codes(result.codes)
    }

    /// Accepted and out-of-scope spending per claim code.
    private static func codes(_ codes: [(key: CodeTotals.Key, entry: CodeTotals.Entry)]) -> String {
        guard !codes.isEmpty else { return "" }
        let rows = codes.map { key, entry in
            [
                key.regime.rawValue, key.category.rawValue, key.product.rawValue, key.careProfile?.rawValue ?? "",
                ReportFormat.count(entry.accepted.lines), ReportFormat.euros(entry.accepted.amount),
                ReportFormat.count(entry.outOfScope.lines), ReportFormat.euros(entry.outOfScope.amount),
                volume(entry.accepted.volume, unit: key.unit), volume(entry.outOfScope.volume, unit: key.unit),
            ]
        }
        return "\n\nPer claim code: what was accepted and what the population used outside the scope "
            + "(in the period and the population; other rejected lines are not included).\n\n"
            + ReportFormat.table(
                [
                    "regime", "category", "product", "care profile", "accepted lines", "accepted",
                    "out-of-scope lines", "out of scope", "accepted volume", "out-of-scope volume",
                ],
                rows,
                rightAligned: [4, 5, 6, 7, 8, 9]
            )
    }

    private static func volume(_ volume: Int64?, unit: String?) -> String {
        guard let volume else { return "" }
        return ReportFormat.count(Int(volume)) + (unit.map { " × unit \($0)" } ?? "")
    }

    private static func savings(_ settlement: Settlement) -> String {
        let totals = settlement.totals
        var text =
            "## Expenditure and savings\n\n"
            + ReportFormat.table(
                [
                    "regime", "budget", "accepted claims", "truncated", "lump sums", "expenditure", "savings",
                    "savings rate", "out of scope",
                ],
                settlement.regimes.map {
                    [
                        $0.regime.rawValue, ReportFormat.euros($0.budget), ReportFormat.euros($0.claims),
                        ReportFormat.euros($0.truncated),
                        ReportFormat.euros($0.lumpSums), ReportFormat.euros($0.expenditure),
                        ReportFormat.euros($0.savings),
                        $0.savingsRate.map(ReportFormat.rateAsPercent) ?? "", ReportFormat.euros($0.outOfScope),
                    ]
                } + [
                    [
                        "total", ReportFormat.euros(totals.budget), ReportFormat.euros(totals.claims),
                        ReportFormat.euros(totals.truncated),
                        ReportFormat.euros(totals.lumpSums), ReportFormat.euros(totals.expenditure),
                        ReportFormat.euros(totals.savings),
                        totals.savingsRate.map(ReportFormat.rateAsPercent) ?? "", ReportFormat.euros(totals.outOfScope),
                    ]
                ],
                rightAligned: [1, 2, 3, 4, 5, 6, 7, 8]
            )
        if let threshold = totals.truncationThreshold {
            text +=
                "\n\nEach member's annual cost is truncated at \(ReportFormat.euros(threshold)); \(ReportFormat.euros(totals.truncated)) is not counted."
        }
        text +=
            "\n\nOut-of-scope spending is the population's spending on care the contract does not cover, in or outside its regimes; "
            + "a rise here can mean costs shifted rather than saved (\(ReportFormat.euros(totals.outOfScope)) in total: "
            + Regime.allCases.map { "\($0) \(ReportFormat.euros(totals.outOfScopeByRegime[$0]))" }.joined(
                separator: ", "
            ) + ")."
        for (name, threshold) in [
            ("minimum savings rate", settlement.minimumSavingsRate), ("minimum loss rate", settlement.minimumLossRate),
        ] {
            guard let threshold else { continue }
            text +=
                "\n\nThe \(name) is \(threshold.rate) (\(threshold.mode)"
                + (threshold.table.map { ", table \($0)" } ?? "")
                + (threshold.confidence.map { ", \($0) confidence" } ?? "")
                + ", \(ReportFormat.count(threshold.populationSize)) members): " + (threshold.met ? "met." : "not met.")
        }
        return text
    }

    private static func quality(_ quality: QualityResult) -> String {
        var text =
            "## Quality\n\n"
            + ReportFormat.table(
                ["indicator", "better", "unit", "value", "baseline", "target", "floor", "weight", "points"],
                quality.indicators.map { result in
                    let indicator = result.indicator
                    return [
                        indicator.id.rawValue + (indicator.isMandatory ? " (mandatory)" : ""),
                        indicator.better.rawValue, indicator.unit.rawValue,
                        result.value?.description ?? "not measured", indicator.baseline.description,
                        indicator.target.description,
                        indicator.floor.description, indicator.weight.description, result.points.description,
                    ]
                },
                rightAligned: [3, 4, 5, 6, 7, 8]
            )
        text +=
            "\n\nThe quality score is \(quality.score) (minimum \(quality.minimumScore)): the gate "
            + (quality.gatePassed ? "passes." : "fails: " + quality.gateFailures.joined(separator: "; ") + ".")
        return text
    }

    private static func sharing(_ settlement: Settlement) -> String {
        let sharing = settlement.sharing
        var rows: [[String]] = []
        if let rate = sharing.sharingRate { rows.append(["sharing rate", "\(rate)"]) }
        if let rate = sharing.finalSharingRate { rows.append(["final sharing rate", "\(rate)"]) }
        if let base = sharing.sharedBase { rows.append(["shared base", ReportFormat.euros(base)]) }
        rows.append(["earned", ReportFormat.euros(sharing.earned)])
        if let cap = sharing.cap {
            rows.append(["cap", ReportFormat.euros(cap) + (sharing.capped ? " (applied)" : "")])
        }
        rows.append(["payment reduction", ReportFormat.euros(sharing.paymentReduction)])
        rows.append(["payout to the recipients", ReportFormat.euros(sharing.payout)])
        if let rate = sharing.lossSharingRate { rows.append(["loss-sharing rate", "\(rate)"]) }
        if !sharing.sharedLoss.isZero { rows.append(["shared loss", ReportFormat.euros(sharing.sharedLoss)]) }
        if let cap = sharing.lossCap {
            rows.append(["loss cap", ReportFormat.euros(cap) + (sharing.lossCapped ? " (applied)" : "")])
        }
        rows.append(["loss paid by the recipients", ReportFormat.euros(sharing.lossPayment)])
        return "## Sharing (\(sharing.model))\n\n" + capitalised(sharing.explanation) + ".\n\n"
            + ReportFormat.table(["", "amount"], rows, rightAligned: [1])
    }

    private static func distribution(_ settlement: Settlement) -> String {
        var text =
            "## Distribution\n\n"
            + ReportFormat.table(
                ["party", "role", "pays", "receives", "net"],
                settlement.parties.map {
                    [
                        "\($0.name) (`\($0.party)`)", $0.role.rawValue, ReportFormat.euros($0.pays),
                        ReportFormat.euros($0.receives), ReportFormat.euros($0.net),
                    ]
                },
                rightAligned: [2, 3, 4]
            )
        if !settlement.transfers.isEmpty {
            text +=
                "\n\n"
                + ReportFormat.table(
                    ["from", "to", "amount", "reason"],
                    settlement.transfers.map {
                        [$0.from.rawValue, $0.to.rawValue, ReportFormat.euros($0.amount), $0.reason]
                    },
                    rightAligned: [2]
                )
        }
        return text
    }

    private static func steps(_ settlement: Settlement) -> String {
        var text = "## Calculation steps\n\nEach step lists its inputs, its formula and its result; amounts in euros."
        for (number, step) in settlement.steps.enumerated() {
            text += "\n\n### \(number + 1). \(step.description) (`\(step.id)`)\n\n\(step.formula)\n\n"
            let rows =
                step.inputs.map { ["input", words($0.name), display($0.value)] }
                + step.results.map { ["result", words($0.name), display($0.value)] }
            text += ReportFormat.table(["", "name", "value"], rows, rightAligned: [2])
        }
        return text
    }

    /// A step value's name in words: `exposureDays` → `exposure days`, `net.coop` → `net coop`.
    static func words(_ name: String) -> String {
        var result = ""
        var afterDot = false
        for character in name {
            if character == "." {
                result.append(" ")
                afterDot = true
            } else if !afterDot, character.isUppercase, !result.isEmpty {
                result += " " + character.lowercased()
            } else {
                result.append(character)
            }
        }
        return result
    }

    private static func display(_ value: StepValue) -> String {
        if case .cents(let amount) = value { return ReportFormat.euros(amount) }
        return value.description
    }
}
