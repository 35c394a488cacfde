/// How many performance years a contract covers and how its benchmark is set in each.
///
/// Performance year *k* (from 0) is the contract's period shifted by *k* years, and so is the
/// population's reference date. Under a ``BenchmarkRule/fixed`` benchmark the per-capita amounts are
/// those of the first year, indexed with each regime's dated trends; under ``BenchmarkRule/rebased`` they
/// are recomputed every year from the years just before it (see ``BaselineCalculator``).
public struct ContractTerm: Hashable, Sendable {
    /// The number of performance years, at least 1.
    public var years: Int
    /// How the per-capita amounts are set each year.
    public var benchmark: BenchmarkRule
    /// The relative weights of the baseline years, oldest first.
    ///
    /// The last is the year before the performance year. Empty: not stated (equal weights over the years given to `capitation baseline`).
    public var baselineWeights: [ExactDecimal]

    public init(years: Int = 1, benchmark: BenchmarkRule = .fixed, baselineWeights: [ExactDecimal] = []) {
        self.years = years
        self.benchmark = benchmark
        self.baselineWeights = baselineWeights
    }
}

/// How the per-capita amounts are set in each performance year.
public enum BenchmarkRule: String, CaseIterable, Hashable, Sendable {
    /// The contract's amounts, indexed from the first year with the regimes' dated trends.
    case fixed
    /// Recomputed every year from the weighted, trended cost of the years just before it.
    case rebased
}

extension Contract {
    /// The calendar year in which the first performance period starts.
    public var firstYear: Int { period.start.year }

    /// The performance years the contract covers, by the calendar year in which each starts.
    public var performanceYears: ClosedRange<Int> { firstYear...(firstYear + max(1, term.years) - 1) }

    /// The contract as it applies to performance year `year`: the period and the reference date shifted,
    /// and under a fixed benchmark each regime's dated trends of the years after the first turned into
    /// undated trends of its budget (indexation); the other dated trends are dropped.
    ///
    /// Dated trends are growth from the year before: for year Y the factor is Π (1 + trend t) over the
    /// regime's dated trends with first year < t ≤ Y. Under a rebased benchmark the dated trends are left
    /// for ``BaselineCalculator`` and only the undated ones apply.
    ///
    /// - Throws: ``SettlementError`` when `year` is not a performance year of the contract, a date cannot
    ///   be shifted, or a fixed benchmark lacks the dated trend of a year it needs.
    public func forYear(_ year: Int) throws(SettlementError) -> Contract {
        guard performanceYears.contains(year) else {
            throw SettlementError(
                .notAPerformanceYear,
                "\(year) is not a performance year of contract '\(id)': it covers \(Self.describe(performanceYears))"
            )
        }
        var result = try shifted(toYear: year)
        for index in result.regimes.indices {
            let terms = regimes[index]
            let undated = terms.trends.filter { $0.year == nil }
            guard term.benchmark == .fixed, year > firstYear else {
                result.regimes[index].trends = undated
                continue
            }
            let dated = terms.trends.filter { $0.year != nil }
            let needed = (firstYear + 1)...year
            let indexation = needed.compactMap { wanted in dated.first { $0.year == wanted } }
            if !dated.isEmpty, indexation.count < needed.count {
                let missing = needed.filter { wanted in !dated.contains { $0.year == wanted } }
                throw SettlementError(
                    .contractTerms,
                    "the \(terms.regime) per-capita amount cannot be indexed to \(year): the contract has no "
                        + "trend for \(missing.map(String.init).joined(separator: ", "))"
                )
            }
            result.regimes[index].trends =
                undated
                + indexation.map { Trend(percent: $0.percent, label: $0.label ?? "indexation \($0.year ?? year)") }
        }
        return result
    }

    /// The contract with its period and the population's reference date shifted to the period that starts
    /// in `year`, everything else unchanged: how a baseline year is measured.
    ///
    /// - Throws: ``SettlementError`` when a date cannot be shifted.
    public func shifted(toYear year: Int) throws(SettlementError) -> Contract {
        let shift = year - firstYear
        var result = self
        guard let start = period.start.shifted(years: shift), let end = period.end.shifted(years: shift),
            let shiftedPeriod = DatePeriod(start: start, end: end),
            let reference = population.referenceDate.shifted(years: shift)
        else {
            throw SettlementError(.contractTerms, "the period of contract '\(id)' cannot be shifted to \(year)")
        }
        result.period = shiftedPeriod
        result.population.referenceDate = reference
        return result
    }

    /// The contract with the per-capita amounts and baseline mean risk scores of `baseline`, for a
    /// rebased benchmark.
    ///
    /// - Throws: ``SettlementError`` when the baseline lacks a regime of the contract.
    public func rebased(on baseline: Baseline) throws(SettlementError) -> Contract {
        var result = self
        for index in result.regimes.indices {
            guard let amount = baseline.perCapita(regimes[index].regime) else {
                throw SettlementError(
                    .baselineIncomplete,
                    "the baseline has no per-capita amount for the \(regimes[index].regime)"
                )
            }
            result.regimes[index].perCapitaAnnual = amount
        }
        for index in result.riskModels.indices where result.riskModels[index].growthCap != nil {
            let mean = baseline.meanScores.first { $0.model == riskModels[index].id }?.mean
            result.riskModels[index].growthCap?.baselineMeanScore = mean
            let demographic = baseline.demographicMeanScores.first { $0.model == riskModels[index].id }?.mean
            result.riskModels[index].growthCap?.baselineDemographicMeanScore = demographic
        }
        return result
    }

    static func describe(_ years: ClosedRange<Int>) -> String {
        years.count == 1 ? String(years.lowerBound) : "\(years.lowerBound) to \(years.upperBound)"
    }
}
