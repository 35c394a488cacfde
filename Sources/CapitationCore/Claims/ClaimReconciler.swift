/// Classifies the claim lines of one member: accepted, or rejected with one reason.
///
/// What the financier refused (see ``FinancierAnswer``) is set aside first: a line refused in full is
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
/// Two reconcilers are equal when they classify every line alike, so claims reconciled under one contract
/// serve another contract with an equal reconciler.
public struct ClaimReconciler: Hashable, Sendable {
    /// The contract's terms that classification needs, prepared once.
    let period: DatePeriod
    let straddling: StraddlingRule
    let rounding: RoundingRule
    let regimes: [Regime: RegimeRule]
    let attribution: [AttributionRule]

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
    public init(contract: Contract) {
        period = contract.period
        straddling = contract.reconciliation.straddling
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
        self.regimes = regimes
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
    public func reconcile(
        _ lines: [ClaimLine],
        window: DatePeriod?,
        onRoster: Bool
    ) throws(ArithmeticError) -> MemberReconciliation {
        var result = MemberReconciliation(groupCount: attribution.count)
        // 0. The financier's answers: a line refused in full takes no further part, of a line approved in
        // part only the approved amount does.
        var lines = lines
        if lines.contains(where: { $0.answer != nil }) {
            lines = try result.applyAnswers(to: lines)
        }
        // Order positions rather than the lines themselves: a line is large, a position is one word.
        var keys = lines.indices.map { SortKey(lines[$0], index: $0) }
        lines.withUnsafeBufferPointer { lines in
            keys.sort { $0.precedes($1) { Self.canonicalOrder(lines[$0], lines[$1]) } }
        }
        let order = keys.map(\.index)

        // 1. Duplicates: the first line per (regime, provider, side, reference) is kept. The key is the
        // canonical order's first four fields, so lines that share it are neighbours.
        var kept: [Int] = []
        kept.reserveCapacity(order.count)
        var hasCredits = false
        for (rank, index) in order.enumerated() {
            let line = lines[index]
            if rank > 0, Self.sameReference(lines[order[rank - 1]], line) {
                try result.reject(
                    line,
                    .duplicate,
                    "another \(line.side == .credit ? "credit" : "debit") of the same member, regime and provider has reference \(line.claimID)"
                )
            } else {
                kept.append(index)
                if line.side == .credit { hasCredits = true }
            }
        }

        // 3 (first, for the debits): classify every kept debit.
        var lookup = RuleLookup()
        var outcomes: [LineKey: DebitOutcome] = [:]
        for index in kept where lines[index].side == .debit {
            let debit = lines[index]
            let outcome = try classify(debit, window: window, onRoster: onRoster, lookup: &lookup)
            if hasCredits { outcomes[LineKey(debit, reference: debit.claimID)] = outcome }
            try result.record(debit, outcome, counted: outcome.counted, attribution: attribution, lookup: &lookup)
        }
        guard hasCredits else { return result }

        // 2. Credits net against their debits, in canonical order.
        for index in kept where lines[index].side == .credit {
            let credit = lines[index]
            guard let reference = credit.corrects,
                case let key = LineKey(credit, side: .debit, reference: reference),
                var outcome = outcomes[key]
            else {
                try result.reject(
                    credit,
                    .creditWithoutDebit,
                    "corrects \(credit.corrects ?? "nothing"), which is not a debit of this member, regime and provider"
                )
                continue
            }
            guard credit.amount <= outcome.remaining else {
                try result.reject(
                    credit,
                    .creditWithoutDebit,
                    "credits \(credit.amount) but only \(outcome.remaining) of line \(reference) remains"
                )
                continue
            }
            // The credit counts what it takes off the debit's counted share, so that credits reversing a
            // pro-rated line in parts net it to exactly zero: share(before) − share(after) telescopes.
            let before = try outcome.share(of: outcome.remaining, rounding: rounding)
            outcome.remaining = try outcome.remaining - credit.amount
            outcomes[key] = outcome
            let after = try outcome.share(of: outcome.remaining, rounding: rounding)
            try result.record(credit, outcome, counted: try after - before, attribution: attribution, lookup: &lookup)
        }
        return result
    }

    /// Whether two lines have the same regime, provider, side and reference.
    static func sameReference(_ a: ClaimLine, _ b: ClaimLine) -> Bool {
        a.regime == b.regime && a.side == b.side && a.claimID == b.claimID && a.provider == b.provider
    }

    /// The canonical order of a member's lines; see the type's documentation.
    static func canonicalOrder(_ a: ClaimLine, _ b: ClaimLine) -> Bool {
        if a.regime != b.regime { return a.regime < b.regime }
        if a.provider != b.provider { return ByteOrder.precedes(a.provider, b.provider) }
        if a.side != b.side { return a.side == .debit }
        if a.claimID != b.claimID { return ByteOrder.precedes(a.claimID, b.claimID) }
        if a.category != b.category { return a.category < b.category }
        if a.product != b.product { return a.product < b.product }
        if a.service.start != b.service.start { return a.service.start < b.service.start }
        if a.service.end != b.service.end { return a.service.end < b.service.end }
        if a.amount != b.amount { return a.amount < b.amount }
        if a.corrects != b.corrects { return ByteOrder.precedes(a.corrects, b.corrects) }
        if a.payer != b.payer { return ByteOrder.precedes(a.payer, b.payer) }
        if a.careProfile != b.careProfile {
            return ByteOrder.precedes(a.careProfile?.rawValue, b.careProfile?.rawValue)
        }
        if a.volume?.count != b.volume?.count { return (a.volume?.count ?? -1) < (b.volume?.count ?? -1) }
        if a.volume?.unit != b.volume?.unit { return ByteOrder.precedes(a.volume?.unit, b.volume?.unit) }
        return a.source < b.source
    }

    private func classify(
        _ debit: ClaimLine,
        window: DatePeriod?,
        onRoster: Bool,
        lookup: inout RuleLookup
    ) throws(ArithmeticError) -> DebitOutcome {
        let service = debit.service
        var outcome = DebitOutcome(
            remaining: debit.amount,
            countedDays: service.dayCount,
            serviceDays: service.dayCount
        )
        switch straddling {
        case .byStartDate:
            guard period.contains(service.start) else {
                return outcome.rejected(
                    .outsidePeriod,
                    "service starts on \(service.start), outside the period \(period)"
                )
            }
        case .proRataDays:
            guard service.intersection(period) != nil else {
                return outcome.rejected(.outsidePeriod, "service \(service) lies outside the period \(period)")
            }
        }
        guard let window else {
            let detail =
                onRoster
                ? "the member is on the roster but not in the population during the period"
                : debit.member.rawValue == BSN.dummyMemberID
                    ? "the member is the dummy BSN 999999999 of a person without a BSN, so the line cannot be "
                        + "matched to a member of the population"
                    : "the member is not on the population roster"
            return outcome.rejected(.outsidePopulation, detail)
        }
        switch straddling {
        case .byStartDate:
            guard window.contains(service.start) else {
                return outcome.rejected(
                    .outsidePopulation,
                    "service starts on \(service.start); the member is in the population \(window)"
                )
            }
        case .proRataDays:
            guard let inside = service.intersection(window) else {
                return outcome.rejected(
                    .outsidePopulation,
                    "service \(service); the member is in the population \(window)"
                )
            }
            outcome.countedDays = inside.dayCount
        }
        outcome.counted = try outcome.share(of: debit.amount, rounding: rounding)
        guard let rule = regimes[debit.regime] else {
            return outcome.rejected(.outOfScope, "the contract does not cover the \(debit.regime)")
        }
        guard lookup.isFinancier(debit.payer, of: debit.regime, rule) else {
            return outcome.rejected(
                .outsidePopulation,
                "paid by \(debit.payer), not by the \(debit.regime) financier \(rule.financier) of the contract"
            )
        }
        guard lookup.includes(debit, rule) else {
            let profile = debit.careProfile.map { ", care profile \($0)" } ?? ""
            return outcome.rejected(
                .outOfScope,
                "category \(debit.category), product \(debit.product)\(profile) is not in the \(debit.regime) scope"
            )
        }
        return outcome
    }
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

/// Identifies a line for duplicate detection and credit matching.
struct LineKey: Hashable, Sendable {
    var regime: Regime
    var provider: String
    var side: ClaimLine.Side
    var reference: String

    init(_ line: ClaimLine, side: ClaimLine.Side? = nil, reference: String) {
        regime = line.regime
        provider = line.provider
        self.side = side ?? line.side
        self.reference = reference
    }
}

/// The fields that lead the canonical order, copied out of a line so that sorting moves small keys rather
/// than whole lines.
struct SortKey {
    var regime: UInt8
    var side: UInt8
    var provider: String
    var claimID: String
    var index: Int

    init(_ line: ClaimLine, index: Int) {
        regime = line.regime.rank
        side = line.side == .debit ? 0 : 1
        provider = line.provider
        claimID = line.claimID
        self.index = index
    }

    /// The canonical order: by these fields, then by `rest` for lines that agree on all of them.
    func precedes(_ other: SortKey, rest: (Int, Int) -> Bool) -> Bool {
        if regime != other.regime { return regime < other.regime }
        if provider != other.provider { return ByteOrder.precedes(provider, other.provider) }
        if side != other.side { return side < other.side }
        if claimID != other.claimID { return ByteOrder.precedes(claimID, other.claimID) }
        return rest(index, other.index)
    }
}

/// The answers of the contract's rules for the lines of one member, remembered from one line to the next.
///
/// A member's lines come in canonical order, so neighbours mostly share their payer, provider and code;
/// asking again only when they change keeps the sets and scopes from being searched for every line.
struct RuleLookup {
    private var payer: (regime: Regime, name: String, isFinancier: Bool)?
    private var code:
        (regime: Regime, category: CategoryCode, product: ProductCode, profile: CareProfileCode?, included: Bool)?
    private var provider: (name: String, parties: [PartyID?])?

    mutating func isFinancier(_ name: String, of regime: Regime, _ rule: ClaimReconciler.RegimeRule) -> Bool {
        if let payer, payer.regime == regime, payer.name == name { return payer.isFinancier }
        let answer = rule.financierNames.contains(name)
        payer = (regime, name, answer)
        return answer
    }

    mutating func includes(_ line: ClaimLine, _ rule: ClaimReconciler.RegimeRule) -> Bool {
        if let code, code.regime == line.regime, code.category == line.category, code.product == line.product,
            code.profile == line.careProfile
        {
            return code.included
        }
        let answer = rule.scope.includes(category: line.category, product: line.product, careProfile: line.careProfile)
        code = (line.regime, line.category, line.product, line.careProfile, answer)
        return answer
    }

    /// The party of each recipient group that `name` names, `nil` where it names none.
    mutating func parties(of name: String, _ rules: [ClaimReconciler.AttributionRule]) -> [PartyID?] {
        if let provider, provider.name == name { return provider.parties }
        let answer = rules.map { $0.providers[name] }
        provider = (name, answer)
        return answer
    }
}
