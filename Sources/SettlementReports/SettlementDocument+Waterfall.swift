public import CapitationCore

extension SettlementDocument {
    /// A step of the waterfall from the budget to each party's share: a bar from `from` to `to`.
    public struct WaterfallStep: Sendable {
        public enum Kind: String, Sendable {
            case total, decrease, share
        }

        public var label: String
        public var from: Cents
        public var to: Cents
        public var kind: Kind
        /// The amount written on the bar.
        public var shown: Cents
    }

    /// The steps from the budget to each party's share of the shared savings (or the loss).
    public var waterfall: [WaterfallStep] { waterfall(.standard) }

    /// The steps from the budget to each party's share, labelled in the language of `locale`.
    public func waterfall(_ locale: ReportLocale) -> [WaterfallStep] {
        let document = self
        let totals = document.totals
        var steps = [
            WaterfallStep(label: "Budget", from: .zero, to: totals.budget, kind: .total, shown: totals.budget),
            WaterfallStep(
                label: locale.pick("Expenditure", "Uitgaven"),
                from: totals.budget,
                to: Cents(totals.budget.rawValue - totals.expenditure.rawValue),
                kind: .decrease,
                shown: Cents(0 - totals.expenditure.rawValue)
            ),
            WaterfallStep(
                label: totals.savings < .zero ? locale.pick("Loss", "Verlies") : locale.pick("Savings", "Besparing"),
                from: .zero,
                to: totals.savings,
                kind: .total,
                shown: totals.savings
            ),
        ]
        let payout = document.sharing.payout
        if totals.savings > .zero {
            let kept = totals.savings.rawValue - payout.rawValue
            if kept != 0 {
                steps.append(
                    WaterfallStep(
                        label: locale.pick("Kept by the financiers", "Blijft bij de financiers"),
                        from: totals.savings,
                        to: payout,
                        kind: .decrease,
                        shown: Cents(0 - kept)
                    )
                )
            }
            steps.append(
                WaterfallStep(
                    label: locale.pick("Shared savings", "Gedeelde besparing"),
                    from: .zero,
                    to: payout,
                    kind: .total,
                    shown: payout
                )
            )
            var shares: [(party: String, amount: Int64)] = []
            for transfer in document.transfers where transfer.reason == .sharedSavings {
                if let index = shares.firstIndex(where: { $0.party == transfer.to }) {
                    shares[index].amount += transfer.amount.rawValue
                } else {
                    shares.append((transfer.to, transfer.amount.rawValue))
                }
            }
            var running = payout.rawValue
            for share in shares {
                steps.append(
                    WaterfallStep(
                        label: document.name(of: share.party),
                        from: Cents(running),
                        to: Cents(running - share.amount),
                        kind: .share,
                        shown: Cents(share.amount)
                    )
                )
                running -= share.amount
            }
        } else if document.sharing.lossPayment > .zero {
            let paid = document.sharing.lossPayment
            steps.append(
                WaterfallStep(
                    label: locale.pick("Paid back by the providers", "Terugbetaald door de zorgaanbieders"),
                    from: .zero,
                    to: paid,
                    kind: .share,
                    shown: paid
                )
            )
        }
        return steps
    }

}
