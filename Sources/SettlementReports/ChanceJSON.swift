public import CapitationCore

/// Renders a `ChanceAnalysis` as JSON: the `chance` object of `settlement.json` and the output of
/// `capitation simulate --json`.
///
/// Probabilities are given with their counts of resamples, so that they can be checked exactly.
public enum ChanceJSON: Sendable {
    /// The analysis as a JSON object.
    public static func render(_ analysis: ChanceAnalysis) -> JSONValue {
        .object([
            ("method", .string("bootstrap")),
            ("members", .integer(Int64(analysis.members))),
            ("resamples", .integer(Int64(analysis.resamples))),
            ("seed", .string(String(analysis.seed))),
            ("observedRate", SettlementJSON.decimal(analysis.observedRate)),
            ("standardError", SettlementJSON.decimal(analysis.standardError)),
            ("bootstrapStandardError", SettlementJSON.decimal(analysis.bootstrapStandardError)),
            ("resultByChance", proportion(analysis.resultByChance)),
            (
                "minimumSavingsRate",
                analysis.payout.map {
                    .object([("rate", SettlementJSON.percent($0.rate)), ("payoutByChance", proportion($0.byChance))])
                } ?? .null
            ),
            (
                "minimumLossRate",
                analysis.loss.map {
                    .object([("rate", SettlementJSON.percent($0.rate)), ("lossByChance", proportion($0.byChance))])
                } ?? .null
            ),
            (
                "interval",
                .object([
                    ("level", SettlementJSON.percent(analysis.interval.level)),
                    ("low", SettlementJSON.decimal(analysis.interval.low)),
                    ("high", SettlementJSON.decimal(analysis.interval.high)),
                ])
            ),
            (
                "requiredMinimumSavingsRates",
                .array(
                    analysis.requiredRates.map {
                        .object([
                            ("confidence", SettlementJSON.percent($0.confidence)),
                            ("bootstrap", SettlementJSON.percent($0.bootstrap)),
                            ("normal", $0.normal.map(SettlementJSON.percent) ?? .null),
                        ])
                    }
                )
            ),
            (
                "power",
                .array(
                    analysis.power.map {
                        .object([
                            ("trueSaving", SettlementJSON.percent($0.trueSaving)),
                            ("probability", proportion($0.probability)),
                        ])
                    }
                )
            ),
        ])
    }

    private static func proportion(_ value: Proportion) -> JSONValue {
        .object([
            ("probability", SettlementJSON.decimal(value.decimal)),
            ("resamples", .integer(Int64(value.count))),
        ])
    }
}
