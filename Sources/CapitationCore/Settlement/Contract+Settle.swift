extension Contract {
    /// Settles the contract on data held in memory: its members, their claim lines and the indicator
    /// observations.
    ///
    /// This is what `capitation settle` computes once it has read and checked its files, for one
    /// performance year. The caller gives the lines in any order and grouping: they are reconciled one
    /// member at a time, each numbered by its position in `claims` where the reconciliation needs an order
    /// between otherwise identical lines (replacing any ``ClaimLine/source`` given). The same arguments
    /// give the same settlement.
    ///
    /// ```swift
    /// let settlement = try contract.settle(members: roster, claims: lines)
    /// print(settlement.totals.savings, settlement.sharing.payout)
    /// ```
    ///
    /// What the files would say about themselves, the call checks instead: the contract's rules, each
    /// member once on the roster with dates in order, each claim line's amount and side, and observations
    /// only of the contract's indicators. The settlement records the contract's warnings first, as
    /// `capitation settle` does, but names no input files; the lines that do not count are in
    /// ``Settlement/rejectedClaims``, by their index in `claims`.
    ///
    /// - Parameters:
    ///   - members: The roster: everyone who may belong to the population, each id once.
    ///   - claims: The claim lines of every regime, of members on the roster or not (those of others are
    ///     rejected as outside the population, as from a file).
    ///   - observations: The outcome indicators' events and measurements. Give events by member
    ///     (``IndicatorObservations/addEvent(_:of:on:)``): each counts when it lies in the member's days in
    ///     the population.
    ///   - year: The performance year, for a contract of several; `nil` for its first.
    ///   - baseline: The baseline of a contract with a rebased benchmark (``Contract/rebased(on:)``).
    ///   - reason: Why to settle although the claims look incomplete (a regime of the contract without an
    ///     accepted claim line); recorded in ``Settlement/acceptance``. Without it such claims are refused.
    ///   - chance: How to analyse the probability that the result is chance; `nil` for none.
    ///   - completion: The baseline years' lag triangles, for a provisional settlement after a run-out.
    ///   - avoided: For a comparison of payment models, the amount of care avoided in each regime whose
    ///     gains to each party ``Settlement/incentives`` lists; `nil` for none.
    /// - Returns: The settlement, every step recorded.
    /// - Throws: ``SettlementError`` with code ``SettlementError/Code/invalidInput`` when the contract breaks
    ///   one of its rules, or a member, a claim line or an observation is not what it should be (named by
    ///   its position); ``SettlementError/Code/baselineRequired`` for a rebased benchmark without its
    ///   baseline; ``SettlementError/Code/incompleteClaims`` when the claims look incomplete and no reason
    ///   was given; otherwise the reason the settlement cannot be made.
    public func settle(
        members: [Member],
        claims: [ClaimLine],
        observations: IndicatorObservations = IndicatorObservations(),
        year: Int? = nil,
        rebasedOn baseline: Baseline? = nil,
        acceptingIncomplete reason: String? = nil,
        chance: ChanceSettings? = .settlement,
        completion: ClaimCompletion? = nil,
        incentives avoided: Cents? = nil
    ) throws(SettlementError) -> Settlement {
        let violations = try checkRules()
        try Self.check(members: members, claims: claims)
        try check(observations)
        let contract = try prepared(forYear: year ?? firstYear, rebasedOn: baseline)
        var settlement = try contract.settleReconciled(
            members: members,
            claims: claims,
            observations: observations,
            acceptingIncomplete: reason,
            chance: chance,
            completion: completion,
            incentives: avoided
        )
        if let baseline { settlement.steps.insert(contentsOf: baseline.steps, at: 0) }
        let warnings = violations.compactMap { violation in
            violation.warning.map { SettlementWarning(.contract($0, element: nil, attribute: violation.attribute)) }
        }
        settlement.warnings.insert(contentsOf: warnings, at: 0)
        return settlement
    }

    /// Refuses a contract that breaks one of its rules, naming the first; returns its violations, of
    /// which the rest are warnings.
    func checkRules() throws(SettlementError) -> [ContractViolation] {
        let violations = validate()
        let broken = violations.filter { $0.severity == .error }
        if let first = broken.first {
            throw SettlementError(
                .invalidInput,
                "the contract breaks \(broken.count == 1 ? "one of its rules" : "\(broken.count) of its rules"), "
                    + "the first: \(first.attribute.map { "attribute '\($0)': " } ?? "")\(first.message) "
                    + "(Contract.validate() lists every one)",
                at: .contract(first.element, attribute: first.attribute)
            )
        }
        return violations
    }

    /// The contract as it applies to the performance `year`, as every settlement prepares it: shifted to
    /// the year and, under a rebased benchmark, with `baseline`'s per-capita amounts and mean risk scores.
    ///
    /// - Throws: ``SettlementError`` when the year is not a performance year, when a rebased benchmark has
    ///   no baseline, or when the baseline is not one for this contract's rebased benchmark in `year`.
    package func prepared(forYear year: Int, rebasedOn baseline: Baseline?) throws(SettlementError) -> Contract {
        let contract = try forYear(year)
        if let baseline {
            try checkBaseline(baseline, forYear: year)
            return try contract.rebased(on: baseline)
        }
        if term.benchmark == .rebased {
            throw SettlementError(
                .baselineRequired,
                "the benchmark of contract '\(id)' is rebased, so settling needs the years before the performance year"
            )
        }
        return contract
    }

    /// Refuses a baseline that is not one for this contract's rebased benchmark in `year`: given to a
    /// fixed benchmark it would replace the contract's per-capita amounts, computed for another year it
    /// would trend them to the wrong one.
    private func checkBaseline(_ baseline: Baseline, forYear year: Int) throws(SettlementError) {
        let problem: String? =
            if term.benchmark != .rebased {
                "the benchmark of contract '\(id)' is fixed: a baseline would replace its per-capita amounts"
            } else if baseline.contractID != id {
                "the baseline is of contract '\(baseline.contractID)', not of '\(id)'"
            } else if baseline.targetYear != year {
                "the baseline is for \(baseline.targetYear), but the year settled is \(year)"
            } else {
                nil
            }
        if let problem { throw SettlementError(.invalidInput, problem) }
    }

    /// Refuses a roster or claim lines that a file reader would not have read.
    ///
    /// That is a member twice, dates out of order, the dummy BSN as a member's id, an id of nine digits
    /// that fails the elfproef; a negative amount, a credit without the line it corrects, a debit naming
    /// one, a member's id that fails the elfproef, an answer that approves a negative amount. Members and
    /// lines are named by their position, never by their id (a BSN).
    static func check(members: [Member], claims: [ClaimLine]) throws(SettlementError) {
        var rows: [MemberID: Int] = [:]
        for (index, member) in members.enumerated() {
            let problem: String? =
                if let earlier = rows.updateValue(index, forKey: member.id) {
                    "has the id of member \(earlier + 1); each member is on it once"
                } else if member.id.rawValue == BSN.dummyMemberID {
                    "has the dummy BSN 999999999 of a person without a BSN, which is no one's id"
                } else if let problem = BSN.problem(withMemberID: member.id.rawValue) {
                    "has an id that \(problem)"
                } else if let from = member.enrolledFrom, let to = member.enrolledTo, to < from {
                    "is enrolled to \(to), before being enrolled from \(from)"
                } else if let death = member.deathDate, death < member.birthDate {
                    "dies on \(death), before being born on \(member.birthDate)"
                } else {
                    nil
                }
            if let problem {
                throw SettlementError(
                    .invalidInput,
                    "member \(index + 1) of the roster \(problem)",
                    at: .member(index: index)
                )
            }
        }
        for (index, line) in claims.enumerated() {
            let problem: String? =
                if line.amount.isNegative {
                    "its amount is negative; give the amount without a sign, and side .credit for a credit"
                } else if line.side == .credit, line.corrects == nil {
                    "a credit must name the line it corrects (corrects)"
                } else if line.side == .debit, line.corrects != nil {
                    "a debit names no corrected line, but corrects is set"
                } else if let problem = BSN.problem(withMemberID: line.member.rawValue) {
                    "its member's id \(problem)"
                } else if let answer = line.answer, answer.approved.isNegative {
                    "its financier's answer approves a negative amount; approve 0.00 to refuse a line"
                } else {
                    nil
                }
            if let problem {
                throw SettlementError(.invalidInput, "claim line \(index + 1): \(problem)", at: .claim(index: index))
            }
        }
    }

    /// Refuses observations of an indicator the contract does not have (they would count for nothing), a
    /// measured indicator declared to have had no events, and an event of a member whose id is nine digits
    /// but no valid BSN, as the indicator files' reader refuses them.
    func check(_ observations: IndicatorObservations) throws(SettlementError) {
        let known = Set(quality?.indicators.map(\.id) ?? [])
        if let unknown = observations.mentionedIndicators.subtracting(known).sorted(by: { $0.rawValue < $1.rawValue })
            .first
        {
            throw SettlementError(
                .invalidInput,
                "the observations name indicator '\(unknown)', which the contract does not have"
                    + (known.isEmpty ? "" : ": it has " + known.map { "'\($0)'" }.sorted().joined(separator: ", ")),
                at: .indicator(unknown)
            )
        }
        let measured = Set(quality?.indicators.filter { !$0.unit.isEventRate }.map(\.id) ?? [])
        if let declared = observations.declaredWithoutEvents.intersection(measured).sorted(by: {
            $0.rawValue < $1.rawValue
        })
        .first {
            throw SettlementError(
                .invalidInput,
                "indicator '\(declared)' is a measured value, not a count of events, so it cannot be declared to have "
                    + "had no events",
                at: .indicator(declared)
            )
        }
        if let event = observations.memberEvents.first(where: { BSN.problem(withMemberID: $0.member.rawValue) != nil }),
            let problem = BSN.problem(withMemberID: event.member.rawValue)
        {
            throw SettlementError(
                .invalidInput,
                "an event of indicator '\(event.indicator)' is of a member whose id \(problem)",
                at: .indicator(event.indicator)
            )
        }
    }

    /// ``settle(members:claims:observations:year:rebasedOn:acceptingIncomplete:chance:completion:incentives:)`` of
    /// the contract as prepared for its year.
    private func settleReconciled(
        members: [Member],
        claims: [ClaimLine],
        observations: IndicatorObservations,
        acceptingIncomplete reason: String?,
        chance: ChanceSettings?,
        completion: ClaimCompletion?,
        incentives avoided: Cents?
    ) throws(SettlementError) -> Settlement {
        let (population, ledger, rejected) = try reconcileInMemory(members: members, claims: claims)
        let findings = ClaimCompleteness.findings(
            files: [],
            acceptedLines: { ledger.accepted[$0]?.lines ?? 0 },
            regimes: regimes.map(\.regime),
            rules: reconciliation,
            undated: { ledger.receiptLags.undated[$0] ?? LineTotal() }
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
            indicators: observations.countingMemberEvents { population.window(of: $0).window },
            inputs: [],
            chance: chance,
            incentives: avoided
        )
        calculator.completion = completion
        var settlement = try calculator.settle()
        if let reason, !findings.isEmpty { settlement.acceptance = InputAcceptance(reason: reason, findings: findings) }
        settlement.rejectedClaims = rejected
        return settlement
    }

    /// The population of `members` under the contract (as prepared for its year) and their `claims`
    /// reconciled one member at a time, with the lines that do not count in the order given.
    func reconcileInMemory(
        members: [Member],
        claims: [ClaimLine]
    ) throws(SettlementError) -> (population: PopulationEvaluation, ledger: ClaimLedger, rejected: [RejectedClaim]) {
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
        var rejected: [RejectedClaim] = []
        for member in order {
            let memberLines = lines[member] ?? []
            let (position, window) = population.window(of: member)
            try SettlementError.checking("reconciliation") { () throws(ArithmeticError) in
                let reconciliation = try reconciler.reconcile(memberLines, window: window, onRoster: position != nil)
                for line in reconciliation.rejected {
                    let index = line.source.line - 1
                    rejected.append(
                        RejectedClaim(
                            index: index,
                            reason: line.reason,
                            detail: line.redactingMember(in: line.detail),
                            amount: line.amount ?? claims[index].signedAmount,
                            isWholeLine: line.isWholeLine
                        )
                    )
                }
                try ledger.add(
                    reconciliation,
                    member: position,
                    lineCount: memberLines.count,
                    amount: try memberLines.map(\.signedAmount).sum()
                )
            }
        }
        // In the order of the lines given; the lines of one member were reconciled together.
        let ordered = rejected.enumerated().sorted {
            ($0.element.index, $0.offset) < ($1.element.index, $1.offset)
        }.map(\.element)
        return (population, ledger, ordered)
    }
}
