/// How long after the performance period claims are still taken in: a provisional settlement when the
/// run-out ends, a final one when the claims are complete.
///
/// Financiers settle a few months after the year, while claims still come in: a Dutch insurer takes
/// claims up to a year after the care, CMS settles MSSP and ACO REACH after three months of run-out and
/// finalises later. Each claim line says when the financier received it (``ClaimLine/received``); a
/// settlement of a ``SettlementStage`` counts only the lines received by that stage's cut-off, and
/// reports the others as received after the cut-off.
public struct RunOut: Hashable, Sendable {
    /// The months after the period's last month whose lines the provisional settlement counts.
    public var months: Int
    /// The months after the period's last month whose lines the final settlement counts; more than
    /// ``months``.
    public var finalMonths: Int

    public init(months: Int, finalMonths: Int) {
        self.months = months
        self.finalMonths = finalMonths
    }

    /// The last day a line of `period` may be received to count in a settlement of `stage`: the last day of
    /// the month ``months`` (or ``finalMonths``) months after the month the period ends in.
    ///
    /// For a period ending on 31 December 2026 and three months: 31 March 2027.
    public func cutOff(of period: DatePeriod, stage: SettlementStage) -> CalendarDate {
        Self.lastDay(ofMonth: stage == .provisional ? months : finalMonths, after: period.end)
    }

    /// The last day of the month `months` after the month of `date`.
    static func lastDay(ofMonth months: Int, after date: CalendarDate) -> CalendarDate {
        // The first day of the month after, less a day.
        let index = date.year * 12 + (date.month - 1) + months + 1
        guard let next = CalendarDate(year: index / 12, month: index % 12 + 1, day: 1),
            let last = next.adding(days: -1)
        else { preconditionFailure("a month after \(date) has no last day") }
        return last
    }
}

/// Which settlement of a contract with a run-out is made.
public enum SettlementStage: String, CaseIterable, Hashable, Sendable {
    /// At the end of the run-out, on the lines received by then.
    case provisional
    /// After the full run-out, on every line received by its end.
    case final
}

extension Contract {
    /// The contract as it settles at `stage` of its run-out: counting only the lines received by the
    /// stage's cut-off in its period (``ReconciliationRules/cutOff``); unchanged without a run-out.
    public func staged(_ stage: SettlementStage) -> Contract {
        guard let runOut = reconciliation.runOut else { return self }
        var result = self
        result.reconciliation.cutOff = runOut.cutOff(of: period, stage: stage)
        result.reconciliation.stage = stage
        return result
    }
}
