extension ContractValidator {
    mutating func checkMSRTables() {
        checkUnique(
            contract.msrTables.map(\.id),
            element: { .msrTable($0) },
            attribute: "id",
            describe: { "table '\($0)'" }
        )
        for (index, table) in contract.msrTables.enumerated() {
            if MSRTable.builtIn.contains(where: { $0.id == table.id }) {
                error(
                    .msrTable(index),
                    "id",
                    "table '\(table.id)' is built in; give the contract's own table another name"
                )
            }
            checkBands(of: table, at: index)
        }
    }

    private mutating func checkBands(of table: MSRTable, at tableIndex: Int) {
        var expectedFrom = 0
        for (index, band) in table.bands.enumerated() {
            let element = ContractElement.msrBand(table: tableIndex, band: index)
            if band.from != expectedFrom {
                let problem =
                    band.from > expectedFrom
                    ? "leaves population sizes \(expectedFrom)–\(band.from - 1) without a rate"
                    : "overlaps the band before it"
                error(
                    element,
                    "from",
                    "band starting at \(band.from) \(problem): bands must start at 0 and follow each other without gaps"
                )
            }
            checkPercentRange(band.atLowEnd, element, "low", "a minimum savings rate")
            checkPercentRange(band.atHighEnd, element, "high", "a minimum savings rate")
            if let to = band.to {
                if to < band.from { error(element, "to", "band \(band.from)–\(to) ends before it starts") }
                expectedFrom = max(to, band.from) + 1
            } else {
                if index != table.bands.count - 1 {
                    error(element, "to", "only the last band may be open-ended")
                }
                expectedFrom = Int.max
                if band.atLowEnd != band.atHighEnd {
                    error(
                        element,
                        "high",
                        "an open-ended band cannot be interpolated: its low and high rates must be equal"
                    )
                }
            }
        }
    }

    mutating func checkRegimes() {
        checkUnique(
            contract.regimes.map(\.regime),
            element: { .regime($0) },
            attribute: "name",
            describe: { "regime \($0)" }
        )
        for (index, terms) in contract.regimes.enumerated() {
            if let financier = resolve(terms.financier, .regime(index), "financier"),
                financier.role != terms.regime.financierRole
            {
                error(
                    .regime(index),
                    "financier",
                    "party '\(financier.id)' is \(financier.role.withArticle), but the \(terms.regime) is financed by \(terms.regime.financierRole.withArticle)"
                )
            }
            if let model = terms.riskModel, contract.riskModel(model) == nil {
                error(
                    .regime(index),
                    "riskModel",
                    "refers to risk model '\(model)', which the contract does not define"
                )
            }
            if terms.perCapitaAnnual.isNegative {
                error(.regime(index), nil, "the per-capita amount must not be negative, not \(terms.perCapitaAnnual)")
            }
            checkScope(terms, at: index)
            for (trendIndex, trend) in terms.trends.enumerated() where trend.percent.value <= ExactDecimal(-100) {
                error(
                    .trend(regime: index, trend: trendIndex),
                    "percent",
                    "a trend of \(trend.percent) would make the budget zero or negative"
                )
            }
            checkPercentRange(terms.discount, .discount(regime: index), "percent", "a discount")
            if let adjustment = terms.trendAdjustment { checkTrendAdjustment(adjustment, regime: index) }
        }
    }

    private mutating func checkTrendAdjustment(_ adjustment: TrendAdjustment, regime index: Int) {
        checkPercentRange(adjustment.threshold, .trendAdjustment(regime: index), "thresholdPercent", "a threshold")
        let terms = contract.regimes[index]
        var years: Set<Int> = []
        for (number, actual) in adjustment.actuals.enumerated() {
            let element = ContractElement.trendActual(regime: index, actual: number)
            if !years.insert(actual.year).inserted {
                error(element, "year", "the actual trend of \(actual.year) is given twice")
            }
            if !contract.performanceYears.contains(actual.year) {
                warning(
                    element,
                    "year",
                    .actualTrendOutsideTerm(year: actual.year, performanceYears: contract.performanceYears)
                )
            }
            for (name, value) in [("percent", actual.percent), ("forecastPercent", actual.forecastPercent)] {
                if let value, value.value <= ExactDecimal(-100) {
                    error(element, name, "a trend of \(value) would make the budget zero or negative")
                }
            }
            if actual.forecastPercent == nil,
                contract.term.benchmark == .rebased || !terms.trends.contains(where: { $0.year == nil })
            {
                warning(
                    element,
                    "forecastPercent",
                    .actualTrendWithoutForecast(
                        year: actual.year,
                        regime: terms.regime,
                        rebased: contract.term.benchmark == .rebased
                    )
                )
            }
        }
        var expectedFrom = Percentage(0)
        for (number, corridor) in adjustment.corridors.enumerated() {
            let element = ContractElement.trendCorridor(regime: index, corridor: number)
            if corridor.from != expectedFrom {
                error(
                    element,
                    "fromPercent",
                    "the corridor should start at \(expectedFrom.value) %, where the one before it ends: corridors "
                        + "start at 0 % and leave no gaps"
                )
            }
            checkPercentRange(corridor.borne, element, "bornePercent", "a share borne")
            if let to = corridor.to {
                if to <= corridor.from {
                    error(
                        element,
                        "toPercent",
                        "the corridor \(corridor.from.value)–\(to.value) % is empty: it must end above where it starts"
                    )
                }
                expectedFrom = to
            } else if number != adjustment.corridors.count - 1 {
                error(element, "toPercent", "only the last corridor may be open-ended")
            }
        }
        if let last = adjustment.corridors.last, last.to != nil {
            error(
                .trendCorridor(regime: index, corridor: adjustment.corridors.count - 1),
                "toPercent",
                "the last corridor must be open-ended, so that every deviation falls in a corridor"
            )
        }
    }

    private mutating func checkScope(_ terms: RegimeTerms, at index: Int) {
        if terms.scope.isEmpty {
            error(
                .scope(regime: index),
                nil,
                "the \(terms.regime) scope lists no category, product or care profile, so no claim could count"
            )
        }
        var seen: Set<ContractWarning.ScopeEntry> = []
        let entries: [ContractWarning.ScopeEntry] =
            terms.scope.categories.map { .category($0.code) }
            + terms.scope.products.map { .product($0.code, category: $0.category) }
            + terms.scope.careProfiles.map { .careProfile($0.code) }
        if terms.regime != .wlz {
            let first = terms.scope.categories.count + terms.scope.products.count
            for offset in terms.scope.careProfiles.indices {
                warning(
                    .scopeEntry(regime: index, entry: first + offset),
                    "code",
                    .careProfileOutsideWlz(regime: terms.regime)
                )
            }
        }
        for (entry, scoped) in entries.enumerated() where !seen.insert(scoped).inserted {
            warning(
                .scopeEntry(regime: index, entry: entry),
                "code",
                .scopeEntryTwice(entry: scoped, regime: terms.regime)
            )
        }
    }

    mutating func checkLumpSums() {
        for (index, lumpSum) in contract.lumpSums.enumerated() {
            let payer = resolve(lumpSum.payer, .lumpSum(index), "payer")
            resolve(lumpSum.payee, .lumpSum(index), "payee")
            if lumpSum.payer == lumpSum.payee {
                error(.lumpSum(index), "payee", "party '\(lumpSum.payer)' cannot pay a lump sum to itself")
            }
            if payer != nil, coveredRegime(financedBy: lumpSum.payer) == nil {
                error(
                    .lumpSum(index),
                    "payer",
                    "a lump sum counts toward the payer's regime budget, but '\(lumpSum.payer)' finances no regime of this contract"
                )
            }
            if lumpSum.amount <= .zero {
                error(.lumpSum(index), "amount", "a lump sum must be above zero, not \(lumpSum.amount)")
            }
        }
    }

    mutating func checkTruncation() {
        switch contract.truncation {
        case .perMemberAnnual(let amount) where amount <= .zero:
            error(.truncation, "perMemberAnnual", "the truncation amount must be above zero, not \(amount)")
        case .percentile(let percentile) where percentile <= .zero || percentile > .hundred:
            error(
                .truncation,
                "percentile",
                "the truncation percentile must lie above 0 and at most 100, not \(percentile.value)"
            )
        default:
            break
        }
    }

    mutating func checkRunOut() {
        guard let runOut = contract.reconciliation.runOut, runOut.finalMonths <= runOut.months else { return }
        error(
            .runOut,
            "finalMonths",
            "the final settlement's run-out of \(runOut.finalMonths) months must be longer than the provisional "
                + "one's \(runOut.months) months"
        )
    }

    mutating func checkQuality() {
        guard let quality = contract.quality else { return }
        if quality.minimumScore < .zero || quality.minimumScore > .one {
            error(.quality, "minimumScore", "the minimum score must lie between 0 and 1, not \(quality.minimumScore)")
        }
        checkUnique(
            quality.indicators.map(\.id),
            element: { .indicator($0) },
            attribute: "id",
            describe: { "indicator '\($0)'" }
        )
        for (index, indicator) in quality.indicators.enumerated() {
            if indicator.weight <= .zero {
                error(.indicator(index), "weight", "an indicator's weight must be above zero, not \(indicator.weight)")
            }
            switch indicator.better {
            case _ where indicator.target == indicator.floor:
                error(
                    .indicator(index),
                    "floor",
                    "target and floor are both \(indicator.target): points cannot be scaled between them"
                )
            case .lower where indicator.target > indicator.floor:
                error(
                    .indicator(index),
                    "target",
                    "lower is better, so the target (\(indicator.target)) must lie below the floor (\(indicator.floor))"
                )
            case .higher where indicator.target < indicator.floor:
                error(
                    .indicator(index),
                    "target",
                    "higher is better, so the target (\(indicator.target)) must lie above the floor (\(indicator.floor))"
                )
            default:
                break
            }
            if indicator.isMandatory, quality.rule(whenUnobserved: indicator) == .leaveOut {
                let inherited = indicator.whenUnobserved == nil
                error(
                    inherited ? .quality : .indicator(index),
                    "whenUnobserved",
                    "indicator '\(indicator.id)' is mandatory, so it cannot be left out of the score when it has no observations"
                        + (inherited ? "; give it whenUnobserved=\"refuse\" or \"zero-points\" of its own" : "")
                )
            }
            if indicator.unit == .percent {
                for (value, attribute) in [
                    (indicator.baseline, "baseline"), (indicator.target, "target"), (indicator.floor, "floor"),
                ]
                where value < .zero || value > ExactDecimal(100) {
                    error(.indicator(index), attribute, "a percentage must lie between 0 and 100, not \(value)")
                }
            }
            if indicator.unit.isEventRate {
                for (value, attribute) in [
                    (indicator.baseline, "baseline"), (indicator.target, "target"), (indicator.floor, "floor"),
                ]
                where value.isNegative {
                    error(
                        .indicator(index),
                        attribute,
                        "a rate per 1,000 person-years cannot be negative, not \(value)"
                    )
                }
            }
        }
    }
}
