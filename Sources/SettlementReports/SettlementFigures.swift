import CapitationCore

/// Every figure of a ``SettlementDocument`` as CSV, for a spreadsheet.
public enum SettlementFigures: Sendable {
    /// Every figure as CSV: `section,item,lines,cents,euros,rate`, amounts in cents and as euros with a
    /// decimal point (whatever the locale, so that spreadsheets and scripts read them alike).
    public static func csv(_ document: SettlementDocument) -> String {
        var rows = ["section,item,lines,cents,euros,rate"]
        func add(_ section: String, _ item: String, lines: Int? = nil, _ amount: Cents?, rate: ExactDecimal? = nil) {
            let cents = amount.map { String($0.rawValue) } ?? ""
            let euros = amount.map { $0.description } ?? ""
            rows.append(
                [section, item, lines.map(String.init) ?? "", cents, euros, rate?.description ?? ""].map(field)
                    .joined(separator: ",")
            )
        }
        let totals = document.totals
        // A provisional settlement's claims not yet received, a part of its expenditure.
        let estimated = document.runOut?.stage == .provisional
        add("totals", "budget", totals.budget)
        add("totals", "claims", totals.claims)
        add("totals", "truncated", totals.truncated)
        add("totals", "lump sums", totals.lumpSums)
        if estimated {
            add("totals", "not yet received", document.runOut?.estimate ?? .zero)
        }
        add("totals", "expenditure", totals.expenditure)
        add("totals", "savings", totals.savings, rate: totals.savingsRate)
        add("totals", "outside the scope", totals.outOfScope)
        for regime in document.regimes {
            let section = "regime " + regime.regime
            add(section, "per capita a year", regime.perCapitaAnnual)
            add(section, "budget", regime.budget)
            add(section, "claims", lines: regime.acceptedLines, regime.claims)
            add(section, "truncated", regime.truncated)
            if estimated { add(section, "not yet received", regime.notYetReceived) }
            add(section, "expenditure", regime.expenditure)
            add(section, "savings", regime.savings, rate: regime.savingsRate)
            add(section, "outside the scope", regime.outOfScope)
        }
        let reconciliation = document.reconciliation
        add("claims", "read", lines: reconciliation.read.lines, reconciliation.read.amount)
        add("claims", "accepted", lines: reconciliation.accepted.lines, reconciliation.accepted.amount)
        for rejected in reconciliation.rejected {
            add("claims", "rejected: " + rejected.reason.rawValue, lines: rejected.total.lines, rejected.total.amount)
        }
        if let runOut = document.runOut {
            let late = runOut.receivedAfterCutOff
            add(
                "run-out",
                "\(runOut.stage.rawValue): received after the cut-off \(runOut.cutOff)",
                lines: late.lines,
                late.amount
            )
            add("run-out", "accepted without a day of receipt", lines: runOut.undated.lines, runOut.undated.amount)
            for check in runOut.trueUp?.estimates ?? [] {
                add("true-up regime " + check.regime.rawValue, "estimated not yet received", check.estimated)
                add("true-up regime " + check.regime.rawValue, "counted since", check.countedSince)
            }
            for line in runOut.trueUp?.lines ?? [] {
                add("true-up " + line.party.rawValue, "provisional net", line.provisional)
                add("true-up " + line.party.rawValue, "final net", line.final)
                add("true-up " + line.party.rawValue, "change", line.change)
            }
        }
        let sharing = document.sharing
        add("sharing", "earned", sharing.earned, rate: sharing.finalSharingRate)
        add("sharing", "payment reduction", sharing.paymentReduction)
        add("sharing", "payout", sharing.payout)
        add("sharing", "shared loss", sharing.sharedLoss)
        add("sharing", "loss payment", sharing.lossPayment)
        for party in document.parties {
            add("party " + party.party, "pays", party.pays)
            add("party " + party.party, "receives", party.receives)
            add("party " + party.party, "net", party.net)
        }
        for transfer in document.transfers {
            add("transfer", "\(transfer.from) → \(transfer.to): \(transfer.reason.written)", transfer.amount)
        }
        return rows.joined(separator: "\n") + "\n"
    }

    /// A CSV field, quoted when it holds a comma, a quote or a line break.
    private static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }
}
