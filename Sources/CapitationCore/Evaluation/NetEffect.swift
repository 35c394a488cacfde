/// The fieldlab's effect for the financiers: the gross effect with what the settlement of the same year
/// made them pay and receive, in total and per financier, beside the settlement's own savings.
///
/// A settlement measures savings against a benchmark; an evaluation measures the effect against what the
/// fieldlab would have cost without it. From the estimate and the settlement of the performance year:
///
///     gross effect (a financier)     = Σ gross effect of the regimes it finances
///     paid under the settlement      = what it pays − what it receives (shared savings or losses, lump
///                                      sums, agreed transfers)
///     net effect (a financier)       = gross effect + paid under the settlement
///     net effect (all financiers)    = Σ net effect of the financiers
///     savings beyond the effect      = the settlement's savings + the total gross effect
///
/// Negative effects are savings. The settlement's savings (budget − expenditure, positive when saved)
/// are the fieldlab's effect as a saving (−gross effect) and the rest: the benchmark against the
/// counterfactual, what moved everywhere (the comparison population's change, and the benchmark's own
/// trend, discount and risk adjustment). Payments are what the settlement made; no resample changes
/// them, so a net effect's interval is its gross effect's moved by them.
public struct NetEffect: Sendable {
    /// The settlement's savings against the benchmark, in total, and their rate of the budget.
    public var savings: Cents
    public var savingsRate: ExactDecimal?
    /// The total gross effect (``EffectRow/grossEffect`` of the total row).
    public var grossEffect: Cents
    /// What the financiers together paid under the settlement less what they received: Σ ``FinancierEffect/paid``.
    public var paid: Cents
    /// The settlement's payment model, as the settlement names it (`capitation` pays and collects a
    /// capitation result rather than shared savings and losses).
    public var model: String
    /// The settlement's warnings: what it found in the performance year's inputs.
    public var warnings: [SettlementWarning]
    /// What the financiers paid as shared savings (or a capitation result), and collected as shared
    /// losses.
    public var payout: Cents
    public var lossPayment: Cents
    /// What else the financiers together paid under the settlement, less what they received: lump sums and
    /// agreed transfers with parties that finance no regime (transfers among financiers cancel out).
    public var otherPayments: Cents
    /// The total gross effect + what the financiers paid under the settlement: negative when the fieldlab
    /// saved the financiers money after its payments.
    public var netEffect: Cents
    /// The settlement's savings + the total gross effect: the savings the fieldlab's effect does not
    /// account for.
    public var savingsBeyondEffect: Cents
    /// Each party that finances a regime, in the order of the regimes.
    public var financiers: [FinancierEffect]
    /// How the figures were reached: `evaluation.net` and `evaluation.net.PARTY`.
    public var steps: [SettlementStep]

    /// The net effect of `estimate` under `settlement`, the settlement of the same contract and
    /// performance year.
    ///
    /// - Throws: ``EvaluationError`` when the settlement does not settle the estimate's regimes, or an
    ///   amount overflows.
    public init(estimate: EffectEstimate, settlement: Settlement) throws(EvaluationError) {
        let regimeRows = estimate.rows.filter { $0.regime != nil }
        guard regimeRows.map(\.regime) == settlement.regimes.map(\.regime), let total = estimate.total else {
            throw EvaluationError(
                "the settlement settles \(settlement.regimes.map(\.regime.rawValue)), the evaluation estimates "
                    + "\(regimeRows.compactMap { $0.regime?.rawValue })"
            )
        }
        func exactly<Value>(_ body: () throws(ArithmeticError) -> Value) throws(EvaluationError) -> Value {
            do { return try body() } catch { throw EvaluationError("the net effect's arithmetic: \(error)") }
        }
        var financiers: [FinancierEffect] = []
        for (index, regime) in settlement.regimes.enumerated() {
            let gross = regimeRows[index].grossEffect
            if let known = financiers.firstIndex(where: { $0.party == regime.financier }) {
                financiers[known].rows.append(index)
                financiers[known].regimes.append(regime.regime)
                financiers[known].grossEffect = try exactly { () throws(ArithmeticError) in
                    try financiers[known].grossEffect + gross
                }
                continue
            }
            guard let position = settlement.parties.first(where: { $0.party == regime.financier }) else {
                throw EvaluationError(
                    "the settlement has no position of \(regime.financier), the financier of the \(regime.regime)"
                )
            }
            financiers.append(
                FinancierEffect(
                    party: regime.financier,
                    name: position.name,
                    role: position.role,
                    rows: [index],
                    regimes: [regime.regime],
                    grossEffect: gross,
                    paid: .zero,
                    netEffect: .zero
                )
            )
        }
        var paidByFinanciers = Cents.zero
        for index in financiers.indices {
            guard let position = settlement.parties.first(where: { $0.party == financiers[index].party }) else {
                continue
            }
            let paid = try exactly { () throws(ArithmeticError) in try position.pays - position.receives }
            financiers[index].paid = paid
            financiers[index].netEffect = try exactly { () throws(ArithmeticError) in
                try financiers[index].grossEffect + paid
            }
            paidByFinanciers = try exactly { () throws(ArithmeticError) in try paidByFinanciers + paid }
        }
        let sharing = settlement.sharing
        paid = paidByFinanciers
        model = sharing.model
        warnings = settlement.warnings
        let savings = settlement.totals.savings
        self.savings = savings
        savingsRate = settlement.totals.savingsRate
        grossEffect = total.grossEffect
        payout = sharing.payout
        lossPayment = sharing.lossPayment
        otherPayments = try exactly { () throws(ArithmeticError) in
            try paidByFinanciers - sharing.payout + sharing.lossPayment
        }
        netEffect = try exactly { () throws(ArithmeticError) in try total.grossEffect + paidByFinanciers }
        savingsBeyondEffect = try exactly { () throws(ArithmeticError) in try savings + total.grossEffect }
        self.financiers = financiers
        steps = [
            SettlementStep(
                id: "evaluation.net",
                description: "The net effect for the financiers: the gross effect with what the settlement made them "
                    + "pay and receive, and the settlement's savings beyond the effect",
                formula: "net effect = gross effect + Σ over financiers (pays − receives); other payments = Σ over "
                    + "financiers (pays − receives) − payout + loss payment; savings beyond the effect = savings + "
                    + "gross effect",
                inputs: [
                    ("grossEffect", .cents(grossEffect)), ("savings", .cents(savings)), ("payout", .cents(payout)),
                    ("lossPayment", .cents(lossPayment)),
                ] + financiers.map { ("paid.\($0.party)", StepValue.cents($0.paid)) },
                results: [
                    ("otherPayments", .cents(otherPayments)), ("netEffect", .cents(netEffect)),
                    ("savingsBeyondEffect", .cents(savingsBeyondEffect)),
                ]
            )
        ]
        for financier in financiers {
            steps.append(
                SettlementStep(
                    id: "evaluation.net.\(financier.party)",
                    description: "The net effect for \(financier.name): the gross effect in the regimes it finances "
                        + "with what the settlement made it pay and receive",
                    formula: "gross effect = Σ gross effect of its regimes; paid = pays − receives; net effect = "
                        + "gross effect + paid",
                    inputs: financier.rows.map { row in
                        ("grossEffect.\(regimeRows[row].regime?.rawValue ?? "")", .cents(regimeRows[row].grossEffect))
                    } + [
                        ("pays", .cents(settlement.parties.first { $0.party == financier.party }?.pays ?? .zero)),
                        (
                            "receives",
                            .cents(settlement.parties.first { $0.party == financier.party }?.receives ?? .zero)
                        ),
                    ],
                    results: [
                        ("grossEffect", .cents(financier.grossEffect)), ("paid", .cents(financier.paid)),
                        ("netEffect", .cents(financier.netEffect)),
                    ]
                )
            )
        }
    }
}

/// The effect for one financier.
public struct FinancierEffect: Hashable, Sendable {
    public var party: PartyID
    public var name: String
    public var role: PartyRole
    /// The rows of the estimate of the regimes it finances, and those regimes.
    public var rows: [Int]
    public var regimes: [Regime]
    /// Σ gross effect of its regimes.
    public var grossEffect: Cents
    /// What it paid under the settlement less what it received.
    public var paid: Cents
    /// gross effect + paid: negative when the fieldlab saved it money after the settlement's payments.
    public var netEffect: Cents
}
