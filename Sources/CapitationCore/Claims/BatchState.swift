/// What reconciling a batch of claim lines keeps from one member to the next: the contract's answers for
/// the batch's payers, codes and providers (asked once per text, not once per line), the totals per code,
/// the rejected lines, and room for one member's lines.
struct BatchState {
    /// The member being reconciled, with its text (made once per member, for the rejected lines).
    var member: (id: Int32, text: String)?
    var rejected: [RejectedLine] = []
    private var codes: [CodeKey: CodeTotals.Entry] = [:]
    private var financiers: [TextKey: Bool] = [:]
    private var scopes: [CodeKey: Bool] = [:]
    private var providers: [Int32: [PartyID?]] = [:]

    /// One member's lines, their canonical order, the kept ones and the kept debits' outcomes.
    var lines: [ClaimBatch.Line] = []
    var order: [Int] = []
    var kept: [Int] = []
    var outcomes: [DebitKey: DebitOutcome] = [:]

    /// A code of the batch's texts: regime, category, product, care profile and unit.
    private struct CodeKey: Hashable {
        var regime: Regime
        var category: Int32
        var product: Int32
        var careProfile: Int32
        var unit: Int32

        init(_ line: ClaimBatch.Line, unit: Int32? = nil) {
            regime = line.regime
            category = line.category
            product = line.product
            careProfile = line.careProfile
            self.unit = unit ?? line.unit
        }
    }

    private struct TextKey: Hashable {
        var regime: Regime
        var text: Int32
    }

    /// Rejects `line` with `reason` and `detail`.
    mutating func reject(
        _ line: ClaimBatch.Line,
        _ reason: RejectionReason,
        _ detail: String,
        _ texts: TextTable,
        answer: FinancierAnswer? = nil,
        isWholeLine: Bool = true
    ) {
        let member: String
        if let current = self.member, current.id == line.member {
            member = current.text
        } else {
            member = texts.string(line.member)
        }
        rejected.append(
            RejectedLine(
                source: line.source,
                claimID: texts.string(line.claimID),
                regime: line.regime,
                amount: line.signedAmount,
                reason: reason,
                detail: detail,
                member: member,
                isWholeLine: isWholeLine,
                answer: answer
            )
        )
    }

    /// Adds `line`, whose counted signed amount is `counted`, to its code's totals.
    mutating func addCode(
        _ line: ClaimBatch.Line,
        counted: Cents,
        as outcome: CodeTotals.Outcome
    ) throws(ArithmeticError) {
        let tally = CodeTotals.Tally(lines: 1, amount: counted, volume: line.signedVolume)
        switch outcome {
        case .accepted: try codes[CodeKey(line), default: CodeTotals.Entry()].accepted.add(tally)
        case .outOfScope: try codes[CodeKey(line), default: CodeTotals.Entry()].outOfScope.add(tally)
        }
    }

    /// The totals per code, with their texts.
    func codeTotals(_ texts: TextTable) throws(ArithmeticError) -> CodeTotals {
        var totals = CodeTotals()
        for (key, entry) in codes {
            let code = CodeTotals.Key(
                regime: key.regime,
                category: CategoryCode(texts.string(key.category)),
                product: ProductCode(texts.string(key.product)),
                careProfile: texts.optionalString(key.careProfile).map { CareProfileCode($0) },
                unit: texts.optionalString(key.unit)
            )
            try totals.add(entry, to: code)
        }
        return totals
    }

    /// Whether `line`'s payer names the regime's financier.
    mutating func isFinancier(
        _ line: ClaimBatch.Line,
        _ rule: ClaimReconciler.RegimeRule,
        _ texts: TextTable
    ) -> Bool {
        let key = TextKey(regime: line.regime, text: line.payer)
        if let known = financiers[key] { return known }
        let answer = rule.financierNames.contains(texts.string(line.payer))
        financiers[key] = answer
        return answer
    }

    /// Whether `line`'s code is in the regime's scope.
    mutating func includes(_ line: ClaimBatch.Line, _ rule: ClaimReconciler.RegimeRule, _ texts: TextTable) -> Bool {
        let key = CodeKey(line, unit: TextTable.none)
        if let known = scopes[key] { return known }
        let answer = rule.scope.includes(
            category: CategoryCode(texts.string(line.category)),
            product: ProductCode(texts.string(line.product)),
            careProfile: texts.optionalString(line.careProfile).map { CareProfileCode($0) }
        )
        scopes[key] = answer
        return answer
    }

    /// The party of each recipient group that provider `provider` names, `nil` where it names none.
    mutating func parties(
        of provider: Int32,
        _ rules: [ClaimReconciler.AttributionRule],
        _ texts: TextTable
    ) -> [PartyID?] {
        if let known = providers[provider] { return known }
        let name = texts.string(provider)
        let answer = rules.map { $0.providers[name] }
        providers[provider] = answer
        return answer
    }
}

/// A kept debit, for its credits to find: its regime, provider and reference.
struct DebitKey: Hashable {
    var regime: Regime
    var provider: Int32
    var reference: Int32
}
