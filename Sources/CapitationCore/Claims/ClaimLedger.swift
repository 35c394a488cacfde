/// The claims of a settlement, aggregated: per population member what counts, and in total what was read,
/// accepted and rejected.
///
/// A ledger is a mergeable partial result: ledgers of disjoint sets of members add up exactly, in any
/// order, because every amount is an integer number of cents. Its size follows the number of members, not
/// the number of claim lines.
package struct ClaimLedger: Sendable {
    /// The accepted amount per regime of each roster member, by roster position.
    package private(set) var memberCosts: [RegimeAmounts]
    /// The out-of-scope spending per regime of each roster member.
    package private(set) var memberOutOfScope: [RegimeAmounts]
    /// Per recipient group, per roster member, the accepted amount per provider of the group.
    package private(set) var memberAttribution: [[Int: [PartyID: Cents]]]
    /// Lines and amount read, including rejected ones.
    package private(set) var read = LineTotal()
    /// Accepted lines and their counted amount, per regime.
    package private(set) var accepted: [Regime: LineTotal] = [:]
    /// The part of accepted lines excluded by pro-rating, per regime.
    package private(set) var proRataExcluded: [Regime: Cents] = [:]
    /// Rejected lines and their full signed amount, per reason and regime (`nil` when the regime is unreadable).
    ///
    /// Under ``RejectionReason/refusedByFinancier`` the amount also holds the refused parts of lines approved
    /// in part, which are counted as lines where their approved part went.
    package private(set) var rejected: [RejectionKey: LineTotal] = [:]
    /// Accepted and out-of-scope lines, amounts and volumes per code.
    package private(set) var codes = CodeTotals()
    /// What the financiers refused, per reason code: a line refused with several codes counts under each;
    /// a refused part of a line approved in part counts in the amount only.
    package private(set) var refusals: [String: LineTotal] = [:]
    /// The meaning of each reason code that a code list gives (for iWmo, list WJ001); when answers give a
    /// code different meanings, the first in byte order.
    package private(set) var refusalMeanings: [String: String] = [:]
    /// The accepted amounts by regime, month of service and months until receipt, when the contract has a
    /// run-out; empty otherwise.
    package private(set) var receiptLags = ReceiptLags()

    private mutating func addMeaning(_ meaning: String, of code: String) {
        guard !meaning.isEmpty else { return }
        if let known = refusalMeanings[code], !ByteOrder.precedes(meaning, known) { return }
        refusalMeanings[code] = meaning
    }

    /// An empty ledger for a roster of `memberCount` and `groupCount` recipient groups.
    package init(memberCount: Int, groupCount: Int) {
        memberCosts = Array(repeating: RegimeAmounts(), count: memberCount)
        memberOutOfScope = Array(repeating: RegimeAmounts(), count: memberCount)
        memberAttribution = Array(repeating: [:], count: groupCount)
    }

    /// A reason and a regime.
    package struct RejectionKey: Hashable, Comparable, Sendable {
        package var reason: RejectionReason
        package var regime: Regime?

        package static func < (lhs: RejectionKey, rhs: RejectionKey) -> Bool {
            if lhs.reason != rhs.reason { return lhs.reason < rhs.reason }
            switch (lhs.regime, rhs.regime) {
            case (nil, nil): return false
            case (nil, _): return true
            case (_, nil): return false
            case (let left?, let right?): return left < right
            }
        }
    }

    /// Adds a line that could not be read at all.
    package mutating func addUnreadable(_ line: RejectedLine) throws(ArithmeticError) {
        try read.add(lines: 1, amount: line.amount ?? .zero)
        try addRejected(line)
    }

    private mutating func addRejected(_ line: RejectedLine) throws(ArithmeticError) {
        try rejected[RejectionKey(reason: line.reason, regime: line.regime), default: LineTotal()].add(
            lines: line.isWholeLine ? 1 : 0,
            amount: line.amount ?? .zero
        )
        if let answer = line.answer {
            for code in Set(answer.codes) {
                var byCode = refusals[code] ?? LineTotal()
                try byCode.add(lines: line.isWholeLine ? 1 : 0, amount: line.amount ?? .zero)
                refusals[code] = byCode
                addMeaning(answer.meanings[code] ?? "", of: code)
            }
        }
    }

    /// Adds the reconciliation of one member's `lineCount` lines of total signed amount `amount`;
    /// `member` is the roster position, or `nil` for someone not on the roster.
    package mutating func add(
        _ reconciliation: MemberReconciliation,
        member: Int?,
        lineCount: Int,
        amount: Cents
    ) throws(ArithmeticError) {
        try addTotals(of: reconciliation, lineCount: lineCount, amount: amount)
        if let member {
            try addMember(member, reconciliation.accepted, reconciliation.outOfScope, reconciliation.attribution)
        }
    }

    private mutating func addTotals(
        of reconciliation: MemberReconciliation,
        lineCount: Int,
        amount: Cents
    ) throws(ArithmeticError) {
        try read.add(lines: lineCount, amount: amount)
        for regime in Regime.allCases where reconciliation.acceptedLines[regime] > 0 {
            var line = accepted[regime] ?? LineTotal()
            try line.add(lines: reconciliation.acceptedLines[regime], amount: reconciliation.accepted[regime])
            accepted[regime] = line
        }
        for regime in Regime.allCases where !reconciliation.proRataExcluded[regime].isZero {
            proRataExcluded[regime] = try (proRataExcluded[regime] ?? .zero) + reconciliation.proRataExcluded[regime]
        }
        for line in reconciliation.rejected { try addRejected(line) }
        try codes.merge(reconciliation.codes)
        try receiptLags.merge(reconciliation.receipts)
    }

    private mutating func addMember(
        _ member: Int,
        _ costs: RegimeAmounts,
        _ outOfScope: RegimeAmounts,
        _ attribution: [[PartyID: Cents]]
    ) throws(ArithmeticError) {
        try memberCosts[member].add(costs)
        try memberOutOfScope[member].add(outOfScope)
        for (group, amounts) in attribution.enumerated() where !amounts.isEmpty {
            var current = memberAttribution[group][member] ?? [:]
            for (party, amount) in amounts { current[party] = try (current[party] ?? .zero) + amount }
            memberAttribution[group][member] = current
        }
    }

    /// The reconciliations of a set of members, added up apart from a ledger (for example on another
    /// thread) and then added to it at once with ``merge(_:)-(Part)``.
    ///
    /// Its size follows its members, not the roster.
    package struct Part: Sendable {
        fileprivate var totals: ClaimLedger
        fileprivate var members:
            [(position: Int, costs: RegimeAmounts, outOfScope: RegimeAmounts, attribution: [[PartyID: Cents]])] = []

        /// An empty part for `groupCount` recipient groups.
        package init(groupCount: Int) {
            totals = ClaimLedger(memberCount: 0, groupCount: groupCount)
        }

        /// Adds a member's reconciliation, as ``ClaimLedger/add(_:member:lineCount:amount:)`` does.
        package mutating func add(
            _ reconciliation: MemberReconciliation,
            member: Int?,
            lineCount: Int,
            amount: Cents
        ) throws(ArithmeticError) {
            try totals.addTotals(of: reconciliation, lineCount: lineCount, amount: amount)
            if let member {
                members.append((member, reconciliation.accepted, reconciliation.outOfScope, reconciliation.attribution))
            }
        }

        /// Adds what the reconciliations of a batch of members kept apart from them: the totals per code,
        /// the rejected lines and the accepted amounts by month of service and of receipt.
        mutating func add(codes: CodeTotals, rejected: [RejectedLine], receipts: ReceiptLags) throws(ArithmeticError) {
            try totals.codes.merge(codes)
            for line in rejected { try totals.addRejected(line) }
            try totals.receiptLags.merge(receipts)
        }
    }

    /// Adds a part of members of the same roster.
    package mutating func merge(_ part: Part) throws(ArithmeticError) {
        try mergeTotals(part.totals)
        for member in part.members {
            try addMember(member.position, member.costs, member.outOfScope, member.attribution)
        }
    }

    /// Adds another ledger of the same roster (for example one per partition of members), or one of no
    /// members (totals only, for example of the lines that could not be read).
    package mutating func merge(_ other: ClaimLedger) throws(ArithmeticError) {
        precondition(
            other.memberCosts.isEmpty || other.memberCosts.count == memberCosts.count,
            "a ledger of another roster"
        )
        try mergeTotals(other)
        for index in other.memberCosts.indices
        where !other.memberCosts[index].isZero || !other.memberOutOfScope[index].isZero {
            try memberCosts[index].add(other.memberCosts[index])
            try memberOutOfScope[index].add(other.memberOutOfScope[index])
        }
        for (group, members) in other.memberAttribution.enumerated() {
            for (member, amounts) in members {
                var current = memberAttribution[group][member] ?? [:]
                for (party, amount) in amounts { current[party] = try (current[party] ?? .zero) + amount }
                memberAttribution[group][member] = current
            }
        }
    }

    /// Adds the totals of another ledger: lines read, accepted, excluded and rejected, and codes.
    private mutating func mergeTotals(_ other: ClaimLedger) throws(ArithmeticError) {
        try read.add(lines: other.read.lines, amount: other.read.amount)
        for (regime, total) in other.accepted {
            var line = accepted[regime] ?? LineTotal()
            try line.add(lines: total.lines, amount: total.amount)
            accepted[regime] = line
        }
        for (regime, excluded) in other.proRataExcluded {
            proRataExcluded[regime] = try (proRataExcluded[regime] ?? .zero) + excluded
        }
        for (key, total) in other.rejected {
            var line = rejected[key] ?? LineTotal()
            try line.add(lines: total.lines, amount: total.amount)
            rejected[key] = line
        }
        for (key, total) in other.refusals {
            var line = refusals[key] ?? LineTotal()
            try line.add(lines: total.lines, amount: total.amount)
            refusals[key] = line
        }
        for (code, meaning) in other.refusalMeanings { addMeaning(meaning, of: code) }
        try codes.merge(other.codes)
        try receiptLags.merge(other.receiptLags)
    }
}
