extension Contract {
    /// Settles the contract on data held in memory: its members, their claim lines and the indicator
    /// observations.
    ///
    /// This is what `capitation settle` computes once it has read its files. The caller gives the lines
    /// in any order and grouping: they are numbered by their position in `claims` (that number stands for
    /// a file's line in the settlement's steps, replacing any ``ClaimLine/source`` given), reconciled one
    /// member at a time and settled. The same arguments give the same settlement.
    ///
    /// ```swift
    /// let settlement = try contract.settle(members: roster, claims: lines)
    /// print(settlement.totals.savings, settlement.sharing.payout)
    /// ```
    ///
    /// - Parameters:
    ///   - members: The roster: everyone who may belong to the population, each id once.
    ///   - claims: The claim lines of every regime, of members on the roster or not (those of others are
    ///     rejected as outside the population, as from a file).
    ///   - observations: The outcome indicators' events and measurements.
    ///   - reason: Why to settle although the claims look incomplete (a regime of the contract without an
    ///     accepted claim line); recorded in ``Settlement/acceptance``. Without it such claims are refused.
    ///   - chance: How to analyse the probability that the result is chance; `nil` for none.
    ///   - completion: The baseline years' lag triangles, for a provisional settlement after a run-out.
    /// - Returns: The settlement, every step recorded.
    /// - Throws: ``SettlementError`` with code ``SettlementError/Code/invalidInput`` when the contract breaks
    ///   one of its rules or a member is on the roster twice; ``SettlementError/Code/incompleteClaims`` when
    ///   the claims look incomplete and no reason was given; otherwise the reason the settlement cannot be
    ///   made (``SettlementCalculator/settle()``).
    public func settle(
        members: [Member],
        claims: [ClaimLine],
        observations: IndicatorObservations = IndicatorObservations(),
        acceptingIncomplete reason: String? = nil,
        chance: ChanceSettings? = .settlement,
        completion: ClaimCompletion? = nil
    ) throws(SettlementError) -> Settlement {
        let broken = validate().filter { $0.severity == .error }
        if let first = broken.first {
            throw SettlementError(
                .invalidInput,
                "the contract breaks \(broken.count == 1 ? "one of its rules" : "\(broken.count) of its rules"), "
                    + "the first: \(first.attribute.map { "attribute '\($0)': " } ?? "")\(first.message) "
                    + "(Contract.validate() lists every one)"
            )
        }
        var rows: [MemberID: Int] = [:]
        for (index, member) in members.enumerated() {
            if let earlier = rows.updateValue(index, forKey: member.id) {
                // A member id may be a BSN: the message names the rows, never the id.
                throw SettlementError(
                    .invalidInput,
                    "members \(earlier + 1) and \(index + 1) of the roster have the same id; each member is on it once"
                )
            }
        }
        let population = PopulationEvaluation(roster: members, contract: self)
        let groups =
            distribution?.recipients.filter {
                if case .attributedMembers = $0.receiver { true } else { false }
            }.count ?? 0
        var ledger = ClaimLedger(memberCount: members.count, groupCount: groups)
        // Each member's lines, in the order given; members in the order of their first line.
        var order: [MemberID] = []
        var lines: [MemberID: [ClaimLine]] = [:]
        for (index, claim) in claims.enumerated() {
            var line = claim
            line.source = LineSource(file: 0, line: index + 1)
            if lines[line.member] == nil { order.append(line.member) }
            lines[line.member, default: []].append(line)
        }
        let reconciler = ClaimReconciler(contract: self)
        for member in order {
            let memberLines = lines[member] ?? []
            let (position, window) = population.window(of: member)
            try SettlementError.checking("reconciliation") { () throws(ArithmeticError) in
                let reconciliation = try reconciler.reconcile(memberLines, window: window, onRoster: position != nil)
                try ledger.add(
                    reconciliation,
                    member: position,
                    lineCount: memberLines.count,
                    amount: try memberLines.map(\.signedAmount).sum()
                )
            }
        }
        let findings = ClaimCompleteness.findings(
            files: [],
            acceptedLines: { ledger.accepted[$0]?.lines ?? 0 },
            regimes: regimes.map(\.regime),
            rules: reconciliation,
            undated: { ledger.receiptLags.undated[$0] ?? ClaimLedger.LineTotal() }
        )
        // Without anyone in the population the claims are not what is missing: the settlement says so.
        if !findings.isEmpty, reason == nil, population.windows.contains(where: { $0 != nil }) {
            throw SettlementError(
                .incompleteClaims,
                "the claims look incomplete: " + findings.map(\.description).joined(separator: "; ")
                    + "; to settle on them as they are, give a reason (acceptingIncomplete:)"
            )
        }
        var calculator = SettlementCalculator(
            contract: self,
            population: population,
            ledger: ledger,
            indicators: observations,
            inputs: [],
            chance: chance
        )
        calculator.completion = completion
        var settlement = try calculator.settle()
        if let reason, !findings.isEmpty { settlement.acceptance = InputAcceptance(reason: reason, findings: findings) }
        return settlement
    }
}
