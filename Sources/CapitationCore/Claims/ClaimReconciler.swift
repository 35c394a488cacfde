/// Classifies the claim lines of one member: accepted, or rejected with one reason.
///
/// Under a cut-off (``ReconciliationRules/cutOff``), the lines received after it are set aside first, as
/// received after the cut-off; lines that do not say when they were received count as received in time.
/// What the financier refused (see ``FinancierAnswer``) is set aside next: a line refused in full is
/// rejected as refused by the financier and takes no part in what follows (so a duplicate of it may stand,
/// and a credit of it has no debit); a line approved in part goes on with its approved amount.
///
/// A member's lines are handled together and in a canonical order (by regime, provider, reference, side
/// and then every other field), so the outcome never depends on the order of the lines in their files,
/// on how they were split over files, or on the number of threads:
///
/// 1. Of lines with the same reference for the same regime and provider, the first in canonical order is
///    kept and the others are duplicates (debits and credits have separate references).
/// 2. Each kept credit nets against the kept debit it corrects (same regime and provider), in order of
///    its reference, as long as the debit's remaining amount covers it; otherwise it is a credit without
///    its debit.
/// 3. Each kept debit is checked for the period, then the population (on the service date, and paid by
///    the regime's financier), then the scope. A credit takes the outcome of the debit it corrects.
///
/// Under the contract's `pro-rata-days` rule a line that straddles the period or the member's days in the
/// population counts for the share of its days inside them, rounded once with the contract's rule; the
/// rest is reported as excluded by pro-rating.
///
/// References, providers, payers and codes are the same when their bytes are, and order by their bytes.
/// Lines are reconciled in a compact form, each a record of numbers with its codes, members and parties
/// kept once per batch and its references one after the other, so that a reconciliation makes text only
/// for the lines it rejects.
///
/// Two reconcilers are equal when they classify every line alike, so claims reconciled under one contract
/// serve another contract with an equal reconciler.
package struct ClaimReconciler: Hashable, Sendable {
    /// The contract's terms that classification needs, prepared once.
    let period: DatePeriod
    let straddling: StraddlingRule
    let rounding: RoundingRule
    /// The rule of each regime by its rank (see ``Regime``), `nil` for a regime the contract does not cover.
    let rules: [RegimeRule?]
    let attribution: [AttributionRule]
    /// The period's first and last day as day numbers.
    let periodDays: ClosedRange<Int>
    /// Bit `rank` set for each regime that ``rules`` covers.
    let covered: UInt8
    /// Whether a debit must be paid by its regime's financier (``ReconciliationRules/checksPayer``).
    let checksPayer: Bool
    /// The last day a line may be received to count (``ReconciliationRules/cutOff``), as a day number;
    /// `nil` without a cut-off.
    let cutOff: Int32?
    /// The period's first month (year × 12 + month − 1) and its last month's offset from it, when the
    /// contract has a run-out, so that accepted amounts are added up by month of service and of receipt
    /// (``ReceiptLags``); `nil` otherwise.
    let periodMonths: PeriodMonths?

    /// The period's first month (year × 12 + month − 1) and its last month's offset from it.
    struct PeriodMonths: Hashable, Sendable {
        var first: Int
        var last: Int
    }

    /// What classification needs of one regime of the contract.
    struct RegimeRule: Hashable, Sendable {
        var scope: Scope
        /// The identifiers by which claims may name the financier: its party id, UZOVI number, municipality code.
        var financierNames: Set<String>
        var financier: PartyID
    }

    /// How one recipient group attributes members to its providers.
    struct AttributionRule: Hashable, Sendable {
        /// The names by which claims may name each provider of the group: party id and AGB code.
        var providers: [String: PartyID]
        var category: CategoryCode?
    }

    /// Prepares classification under `contract`.
    package init(contract: Contract) {
        period = contract.period
        straddling = contract.reconciliation.straddling
        checksPayer = contract.reconciliation.checksPayer
        cutOff = contract.reconciliation.cutOff.map { Int32($0.dayNumber) }
        let first = ReceiptLags.monthNumber(contract.period.start)
        periodMonths =
            contract.reconciliation.runOut == nil
            ? nil : PeriodMonths(first: first, last: ReceiptLags.monthNumber(contract.period.end) - first)
        rounding = contract.rounding
        var regimes: [Regime: RegimeRule] = [:]
        for terms in contract.regimes {
            let financier = contract.party(terms.financier)
            let names = [terms.financier.rawValue, financier?.uzovi, financier?.municipalityCode].compactMap { $0 }
            regimes[terms.regime] = RegimeRule(
                scope: terms.scope,
                financierNames: Set(names),
                financier: terms.financier
            )
        }
        rules = Regime.allCases.sorted().map { regimes[$0] }
        let rules = self.rules
        covered = rules.indices.reduce(0) { bits, rank in rules[rank] == nil ? bits : bits | 1 << rank }
        periodDays = contract.period.start.dayNumber...contract.period.end.dayNumber
        attribution = (contract.distribution?.recipients ?? []).compactMap { recipient in
            guard case .attributedMembers(let parties, let category) = recipient.receiver else { return nil }
            var providers: [String: PartyID] = [:]
            for party in parties {
                providers[party.rawValue] = party
                if let agb = contract.party(party)?.agb { providers[agb] = party }
            }
            return AttributionRule(providers: providers, category: category)
        }
    }

    /// Classifies `lines`, all of one member, whose days in the population are `window` (`nil` when the
    /// member is not in the population, or not on the roster at all, as `onRoster` says).
    package func reconcile(
        _ lines: [ClaimLine],
        window: DatePeriod?,
        onRoster: Bool
    ) throws(ArithmeticError) -> MemberReconciliation {
        let batch = ClaimBatch(lines)
        var state = BatchState()
        var result = MemberReconciliation(groupCount: attribution.count)
        try reconcileMember(batch, batch.lines.indices, window: window, onRoster: onRoster, &result, &state)
        result.codes = try state.codeTotals(batch.texts)
        result.rejected = state.rejected
        result.receipts = state.receipts
        return result
    }

    /// Reconciles the lines of every member in `batch` and adds them up for a ledger of `groupCount`
    /// recipient groups: each member with its place and days in `population`, as
    /// ``reconcile(_:window:onRoster:)`` does one member.
    package func reconcile(
        _ batch: ClaimBatch,
        groupCount: Int,
        population: PopulationEvaluation
    ) throws(ArithmeticError) -> BatchReconciliation {
        // Group the lines by member: count each member's lines, then place them (a counting sort by text
        // number, so members come in the order their first line was added).
        var starts = [Int](repeating: 0, count: batch.texts.count + 1)
        for line in batch.lines { starts[Int(line.member) + 1] += 1 }
        for text in 0..<batch.texts.count { starts[text + 1] += starts[text] }
        var next = starts
        var order = [Int](repeating: 0, count: batch.count)
        for (index, line) in batch.lines.enumerated() {
            order[next[Int(line.member)]] = index
            next[Int(line.member)] += 1
        }
        var part = ClaimLedger.Part(groupCount: groupCount)
        var state = BatchState()
        for text in 0..<batch.texts.count where starts[text] < starts[text + 1] {
            let member = batch.texts.string(Int32(text))
            let (position, window) = population.window(of: MemberID(member))
            let lines = order[starts[text]..<starts[text + 1]]
            state.member = (Int32(text), member)
            var result = MemberReconciliation(groupCount: attribution.count)
            try reconcileMember(batch, lines, window: window, onRoster: position != nil, &result, &state)
            var amount = Cents.zero
            for index in lines { amount = try amount + batch.lines[index].signedAmount }
            try part.add(result, member: position, lineCount: lines.count, amount: amount)
        }
        let codes = try state.codeTotals(batch.texts)
        try part.add(codes: codes, rejected: state.rejected, receipts: state.receipts)
        return BatchReconciliation(part: part, rejected: state.rejected)
    }

    /// Classifies the lines of one member at `indices` in `batch`.
    private func reconcileMember(
        _ batch: ClaimBatch,
        _ indices: some Collection<Int>,
        window: DatePeriod?,
        onRoster: Bool,
        _ result: inout MemberReconciliation,
        _ state: inout BatchState
    ) throws(ArithmeticError) {
        state.lines.removeAll(keepingCapacity: true)
        for index in indices { state.lines.append(batch.lines[index]) }
        // 0. Lines received after the cut-off take no part: the financier did not have them.
        if let cutOff, state.lines.contains(where: { $0.received > cutOff }) {
            setAsideLate(after: cutOff, batch, &state)
        }
        // The financier's answers: a line refused in full takes no further part, of a line approved in
        // part only the approved amount does.
        if state.lines.contains(where: { $0.answer >= 0 }) {
            try applyAnswers(batch, &state)
        }
        // Order positions rather than the lines themselves, with each reference's first sixteen bytes at
        // hand, which tell nearly every pair of references apart without looking them up.
        state.order.removeAll(keepingCapacity: true)
        state.order.append(contentsOf: state.lines.indices)
        state.referenceKeys.removeAll(keepingCapacity: true)
        for line in state.lines { state.referenceKeys.append(batch.references.key(line.claimID)) }
        let (texts, references) = (batch.texts, batch.references)
        state.lines.withUnsafeBufferPointer { lines in
            state.referenceKeys.withUnsafeBufferPointer { keys in
                state.order.sort {
                    Self.canonicalOrder(lines[$0], lines[$1], texts, references, keys: (keys[$0], keys[$1]))
                }
            }
        }

        // 1. Duplicates: the first line per (regime, provider, side, reference) is kept. The key is the
        // canonical order's first four fields, so lines that share it are neighbours.
        state.kept.removeAll(keepingCapacity: true)
        var hasCredits = false
        for rank in state.order.indices {
            let line = state.lines[state.order[rank]]
            if rank > 0, Self.sameReference(state.lines[state.order[rank - 1]], line, batch.references) {
                state.reject(
                    line,
                    .duplicate,
                    "another \(line.side == .credit ? "credit" : "debit") of the same member, regime and provider has reference \(batch.references.string(line.claimID))",
                    batch
                )
            } else {
                state.kept.append(state.order[rank])
                if line.side == .credit { hasCredits = true }
            }
        }

        // 3 (first, for the debits): classify every kept debit.
        let days = window.map { (start: $0.start.dayNumber, end: $0.end.dayNumber) }
        state.debits.removeAll(keepingCapacity: true)
        state.outcomes.removeAll(keepingCapacity: true)
        for index in state.kept where state.lines[index].side == .debit {
            let debit = state.lines[index]
            let outcome = try classify(debit, window: window, days: days, onRoster: onRoster, batch.texts, &state)
            if hasCredits {
                state.debits.append(index)
                state.outcomes.append(outcome)
            }
            try record(debit, outcome, counted: outcome.counted, batch, &result, &state)
        }
        guard hasCredits else { return }

        // 2. Credits net against their debits, in canonical order.
        for index in state.kept where state.lines[index].side == .credit {
            let credit = state.lines[index]
            guard credit.corrects != TextList.none, let debit = Self.debit(correctedBy: credit, batch, state) else {
                state.reject(
                    credit,
                    .creditWithoutDebit,
                    "corrects \(batch.references.optionalString(credit.corrects) ?? "nothing"), which is not a debit of this member, regime and provider",
                    batch
                )
                continue
            }
            var outcome = state.outcomes[debit]
            guard credit.amount <= outcome.remaining else {
                state.reject(
                    credit,
                    .creditWithoutDebit,
                    "credits \(credit.amount) but only \(outcome.remaining) of line \(batch.references.string(credit.corrects)) remains",
                    batch
                )
                continue
            }
            // The credit counts what it takes off the debit's counted share, so that credits reversing a
            // pro-rated line in parts net it to exactly zero: share(before) − share(after) telescopes.
            let before = try outcome.share(of: outcome.remaining, rounding: rounding)
            outcome.remaining = try outcome.remaining - credit.amount
            state.outcomes[debit] = outcome
            let after = try outcome.share(of: outcome.remaining, rounding: rounding)
            try record(credit, outcome, counted: try after - before, batch, &result, &state)
        }
    }

    /// The position in `state.debits` of the kept debit that `credit` corrects.
    ///
    /// That is the debit of the same regime and provider whose reference is the one the credit corrects.
    /// The kept debits are in canonical order, that is by regime, provider and reference, each once, so it
    /// is found by halving.
    private static func debit(correctedBy credit: ClaimBatch.Line, _ batch: ClaimBatch, _ state: BatchState) -> Int? {
        let texts = batch.texts
        // Negative when the debit comes before what the credit corrects, zero when it is that debit.
        func compare(_ debit: ClaimBatch.Line) -> Int {
            if debit.regime != credit.regime { return debit.regime < credit.regime ? -1 : 1 }
            if debit.provider != credit.provider { return texts.precedes(debit.provider, credit.provider) ? -1 : 1 }
            return batch.references.compare(debit.claimID, credit.corrects)
        }
        var (low, high) = (0, state.debits.count)
        while low < high {
            let middle = (low + high) / 2
            let order = compare(state.lines[state.debits[middle]])
            if order == 0 { return middle }
            if order < 0 { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    /// Rejects the lines received after `cutOff` and keeps the others.
    private func setAsideLate(after cutOff: Int32, _ batch: ClaimBatch, _ state: inout BatchState) {
        var kept = 0
        for line in state.lines {
            guard line.received > cutOff else {
                state.lines[kept] = line
                kept += 1
                continue
            }
            state.reject(
                line,
                .receivedAfterCutOff,
                "received on \(Self.date(Int(line.received))), after the cut-off \(Self.date(Int(cutOff)))",
                batch
            )
        }
        state.lines.removeLast(state.lines.count - kept)
    }

    /// Sets aside what the financier refused: rejects the lines refused in full and the refused parts of
    /// lines approved in part; keeps the others, those approved in part with their approved amount.
    private func applyAnswers(_ batch: ClaimBatch, _ state: inout BatchState) throws(ArithmeticError) {
        var kept = 0
        for index in state.lines.indices {
            var line = state.lines[index]
            guard line.answer >= 0, case let answer = batch.answers[Int(line.answer)], answer.approved < line.amount
            else {
                state.lines[kept] = line
                kept += 1
                continue
            }
            guard !answer.approved.isZero, !answer.approved.isNegative else {
                state.reject(
                    line,
                    .refusedByFinancier,
                    "the financier refused it: \(answer.explanation)",
                    batch,
                    answer: answer
                )
                continue
            }
            var refused = line
            refused.amount = try line.amount - answer.approved
            state.reject(
                refused,
                .refusedByFinancier,
                "the financier approved \(answer.approved) of \(line.amount) and refused \(refused.amount): \(answer.explanation)",
                batch,
                answer: answer,
                isWholeLine: false
            )
            line.amount = answer.approved
            state.lines[kept] = line
            kept += 1
        }
        state.lines.removeLast(state.lines.count - kept)
    }

    /// Whether two lines have the same regime, provider, side and reference.
    static func sameReference(_ a: ClaimBatch.Line, _ b: ClaimBatch.Line, _ references: TextList) -> Bool {
        a.regime == b.regime && a.side == b.side && a.provider == b.provider && references.equals(a.claimID, b.claimID)
    }

    /// The canonical order of a member's lines; see the type's documentation.
    ///
    /// Texts order by their bytes, an absent one first.
    ///
    /// `keys`, when given, are the references' ``TextList/key(_:)``s, which decide where they differ.
    static func canonicalOrder(
        _ a: ClaimBatch.Line,
        _ b: ClaimBatch.Line,
        _ texts: TextTable,
        _ references: TextList,
        keys: (SIMD2<UInt64>, SIMD2<UInt64>)? = nil
    ) -> Bool {
        if a.regime != b.regime { return a.regime < b.regime }
        if a.provider != b.provider { return texts.precedes(a.provider, b.provider) }
        if a.side != b.side { return a.side == .debit }
        if let (keyA, keyB) = keys, keyA != keyB {
            return keyA[0] != keyB[0] ? keyA[0] < keyB[0] : keyA[1] < keyB[1]
        }
        if case let order = references.compare(a.claimID, b.claimID), order != 0 { return order < 0 }
        if a.category != b.category { return texts.precedes(a.category, b.category) }
        if a.product != b.product { return texts.precedes(a.product, b.product) }
        if a.start != b.start { return a.start < b.start }
        if a.end != b.end { return a.end < b.end }
        if a.amount != b.amount { return a.amount < b.amount }
        if case let order = references.compare(a.corrects, b.corrects), order != 0 { return order < 0 }
        if a.payer != b.payer { return texts.precedes(a.payer, b.payer) }
        if a.careProfile != b.careProfile { return texts.precedes(a.careProfile, b.careProfile) }
        let (volumeA, volumeB) = (a.unit == TextTable.none ? -1 : a.volume, b.unit == TextTable.none ? -1 : b.volume)
        if volumeA != volumeB { return volumeA < volumeB }
        if a.unit != b.unit { return texts.precedes(a.unit, b.unit) }
        if a.received != b.received { return a.received < b.received }
        return a.source < b.source
    }

    private func classify(
        _ debit: ClaimBatch.Line,
        window: DatePeriod?,
        days: (start: Int, end: Int)?,
        onRoster: Bool,
        _ texts: TextTable,
        _ state: inout BatchState
    ) throws(ArithmeticError) -> DebitOutcome {
        let (start, end) = (Int(debit.start), Int(debit.end))
        var outcome = DebitOutcome(remaining: debit.amount, countedDays: end - start + 1, serviceDays: end - start + 1)
        switch straddling {
        case .byStartDate:
            guard periodDays.lowerBound <= start, start <= periodDays.upperBound else {
                return outcome.rejected(
                    .outsidePeriod,
                    "service starts on \(Self.date(start)), outside the period \(period)"
                )
            }
        case .proRataDays:
            guard max(start, periodDays.lowerBound) <= min(end, periodDays.upperBound) else {
                return outcome.rejected(
                    .outsidePeriod,
                    "service \(Self.service(debit)) lies outside the period \(period)"
                )
            }
        }
        guard let window, let days else {
            let detail =
                onRoster
                ? "the member is on the roster but not in the population during the period"
                : texts.equals(debit.member, "999999999")
                    ? "the member is the dummy BSN 999999999 of a person without a BSN, so the line cannot be "
                        + "matched to a member of the population"
                    : "the member is not on the population roster"
            return outcome.rejected(.outsidePopulation, detail)
        }
        switch straddling {
        case .byStartDate:
            guard days.start <= start, start <= days.end else {
                return outcome.rejected(
                    .outsidePopulation,
                    "service starts on \(Self.date(start)); the member is in the population \(window)"
                )
            }
        case .proRataDays:
            let (first, last) = (max(start, days.start), min(end, days.end))
            guard first <= last else {
                return outcome.rejected(
                    .outsidePopulation,
                    "service \(Self.service(debit)); the member is in the population \(window)"
                )
            }
            outcome.countedDays = last - first + 1
        }
        outcome.counted = try outcome.share(of: debit.amount, rounding: rounding)
        // The rule is read in place, as the state asks for it: a copy of it per line retained its sets.
        let regime = Int(debit.regime.rank)
        guard covered & 1 << regime != 0 else {
            return outcome.rejected(.outOfScope, "the contract does not cover the \(debit.regime)")
        }
        guard !checksPayer || state.isFinancier(debit, rules, texts) else {
            let financier = rules[regime].map { "\($0.financier)" } ?? ""
            return outcome.rejected(
                .outsidePopulation,
                "paid by \(texts.string(debit.payer)), not by the \(debit.regime) financier \(financier) of the contract"
            )
        }
        guard state.includes(debit, rules, texts) else {
            let profile = texts.optionalString(debit.careProfile).map { ", care profile \($0)" } ?? ""
            return outcome.rejected(
                .outOfScope,
                "category \(texts.string(debit.category)), product \(texts.string(debit.product))\(profile) is not in the \(debit.regime) scope"
            )
        }
        return outcome
    }

    /// Records a kept line with its debit's outcome; `counted` is the signed amount that counts.
    private func record(
        _ line: ClaimBatch.Line,
        _ outcome: DebitOutcome,
        counted: Cents,
        _ batch: ClaimBatch,
        _ result: inout MemberReconciliation,
        _ state: inout BatchState
    ) throws(ArithmeticError) {
        let texts = batch.texts
        switch outcome.reason {
        case nil:
            try result.accepted.add(counted, to: line.regime)
            result.acceptedLines[line.regime] += 1
            let excluded = try line.signedAmount - counted
            if !excluded.isZero { try result.proRataExcluded.add(excluded, to: line.regime) }
            try state.addCode(line, counted: counted, as: .accepted)
            if let periodMonths {
                try state.receipts.add(
                    counted,
                    regime: line.regime,
                    end: line.end,
                    received: line.received,
                    periodMonth: periodMonths.first,
                    lastMonth: periodMonths.last
                )
            }
            guard !attribution.isEmpty else { return }
            for (index, party) in state.parties(of: line.provider, attribution, texts).enumerated() {
                guard let party, attribution[index].category.map({ texts.equals(line.category, $0.rawValue) }) ?? true
                else { continue }
                result.attribution[index][party] = try (result.attribution[index][party] ?? .zero) + counted
            }
        case .outOfScope?:
            try result.outOfScope.add(counted, to: line.regime)
            try state.addCode(line, counted: counted, as: .outOfScope)
            state.reject(line, .outOfScope, outcome.detail, batch)
        case let reason?:
            state.reject(line, reason, outcome.detail, batch)
        }
    }

    private static func date(_ dayNumber: Int) -> CalendarDate {
        guard let date = CalendarDate(dayNumber: dayNumber) else { preconditionFailure("day \(dayNumber) is no date") }
        return date
    }

    private static func service(_ line: ClaimBatch.Line) -> DatePeriod {
        guard let service = DatePeriod(start: date(Int(line.start)), end: date(Int(line.end))) else {
            preconditionFailure("a service ends before it starts")
        }
        return service
    }
}

/// The reconciliation of a batch of claim lines: its members added up, and its rejected lines.
package struct BatchReconciliation: Sendable {
    package var part: ClaimLedger.Part
    package var rejected: [RejectedLine]
}

/// What happened to a kept debit; its credits share it.
struct DebitOutcome: Hashable, Sendable {
    /// `nil` when accepted.
    var reason: RejectionReason?
    var detail = ""
    /// The amount not yet credited.
    var remaining: Cents
    /// The days of the service that count (all, unless pro-rated).
    var countedDays: Int
    var serviceDays: Int
    /// The debit's counted amount.
    var counted = Cents.zero

    func rejected(_ reason: RejectionReason, _ detail: String) -> DebitOutcome {
        var copy = self
        copy.reason = reason
        copy.detail = detail
        return copy
    }

    /// The part of `amount` that counts: all of it, or its share of counted days, rounded once.
    func share(of amount: Cents, rounding: RoundingRule) throws(ArithmeticError) -> Cents {
        guard countedDays != serviceDays else { return amount }
        return try amount.multiplied(by: Int64(countedDays), dividedBy: Int64(serviceDays), rounding: rounding)
    }
}
