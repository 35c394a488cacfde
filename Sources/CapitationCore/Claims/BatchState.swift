/// What reconciling a batch of claim lines keeps from one member to the next: the contract's answers for
/// the batch's payers, codes and providers (asked once per text, not once per line), the totals per code,
/// the rejected lines, and room for one member's lines.
struct BatchState {
    /// The member being reconciled, with its text (made once per member, for the rejected lines).
    var member: (id: Int32, text: String)?
    var rejected: [RejectedLine] = []
    /// The accepted amounts by month of service and of receipt, when the contract has a run-out.
    var receipts = ReceiptLags()
    private var codes = CodeTable<CodeTotals.Entry>()
    /// Per payer and regime (text number × 3 + the regime's rank): 0 not yet asked, 1 not the financier,
    /// 2 the financier.
    private var financiers: [UInt8] = []
    private var scopes = CodeTable<Bool>()
    /// The code looked up last in `codes` and in `scopes`, with what was found: a member's lines in
    /// canonical order mostly repeat the code of the line before.
    private var lastCode: (key: CodeKey, index: Int)?
    private var lastScope: (key: CodeKey, includes: Bool)?
    private var providers: [Int32: [PartyID?]] = [:]

    /// One member's lines, their canonical order, the kept ones, and the kept debits in canonical order
    /// with their outcomes.
    var lines: [ClaimBatch.Line] = []
    /// The first sixteen bytes of each line's reference (see ``TextList/key(_:)``), by position in `lines`.
    var referenceKeys: [SIMD2<UInt64>] = []
    var order: [Int] = []
    var kept: [Int] = []
    var debits: [Int] = []
    var outcomes: [DebitOutcome] = []

    /// A code of the batch's texts: regime, category, product, care profile and unit.
    fileprivate struct CodeKey: Equatable {
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

    /// Rejects `line` with `reason` and `detail`.
    mutating func reject(
        _ line: ClaimBatch.Line,
        _ reason: RejectionReason,
        _ detail: String,
        _ batch: ClaimBatch,
        answer: FinancierAnswer? = nil,
        isWholeLine: Bool = true
    ) {
        let member: String
        if let current = self.member, current.id == line.member {
            member = current.text
        } else {
            member = batch.texts.string(line.member)
        }
        rejected.append(
            RejectedLine(
                source: line.source,
                claimID: batch.references.string(line.claimID),
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
        let key = CodeKey(line)
        let index: Int
        if let last = lastCode, last.key == key {
            index = last.index
        } else {
            index = codes.index(of: key) ?? codes.insert(key, CodeTotals.Entry())
            lastCode = (key, index)
        }
        switch outcome {
        case .accepted: try codes.values[index].accepted.add(tally)
        case .outOfScope: try codes.values[index].outOfScope.add(tally)
        }
    }

    /// The totals per code, with their texts.
    func codeTotals(_ texts: TextTable) throws(ArithmeticError) -> CodeTotals {
        var totals = CodeTotals()
        for (key, entry) in zip(codes.keys, codes.values) {
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

    /// Whether `line`'s payer names the financier of its regime, one that `rules` covers.
    mutating func isFinancier(
        _ line: ClaimBatch.Line,
        _ rules: [ClaimReconciler.RegimeRule?],
        _ texts: TextTable
    ) -> Bool {
        if financiers.count < texts.count * 3 {
            financiers.append(contentsOf: repeatElement(0, count: texts.count * 3 - financiers.count))
        }
        let slot = Int(line.payer) * 3 + Int(line.regime.rank)
        if financiers[slot] != 0 { return financiers[slot] == 2 }
        let answer = rules[Int(line.regime.rank)]?.financierNames.contains(texts.string(line.payer)) ?? false
        financiers[slot] = answer ? 2 : 1
        return answer
    }

    /// Whether `line`'s code is in the scope of its regime, one that `rules` covers.
    mutating func includes(
        _ line: ClaimBatch.Line,
        _ rules: [ClaimReconciler.RegimeRule?],
        _ texts: TextTable
    ) -> Bool {
        let key = CodeKey(line, unit: TextTable.none)
        if let last = lastScope, last.key == key { return last.includes }
        if let known = scopes.index(of: key) {
            lastScope = (key, scopes.values[known])
            return scopes.values[known]
        }
        let answer =
            rules[Int(line.regime.rank)]?.scope.includes(
                category: CategoryCode(texts.string(line.category)),
                product: ProductCode(texts.string(line.product)),
                careProfile: texts.optionalString(line.careProfile).map { CareProfileCode($0) }
            ) ?? false
        scopes.insert(key, answer)
        lastScope = (key, answer)
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

/// Values by code in an open-addressing table whose hash is a few multiplications: every line of a batch
/// looks its code up, and a general hash of five fields cost more than the rest of its reconciliation.
private struct CodeTable<Value> {
    private(set) var keys: [BatchState.CodeKey] = []
    var values: [Value] = []
    /// Positions in `keys` by hash, `-1` where empty; the size is a power of two.
    private var slots: [Int32] = Array(repeating: -1, count: 16)

    func index(of key: BatchState.CodeKey) -> Int? {
        var slot = Self.hash(key) & (slots.count - 1)
        while slots[slot] >= 0 {
            if keys[Int(slots[slot])] == key { return Int(slots[slot]) }
            slot = (slot + 1) & (slots.count - 1)
        }
        return nil
    }

    /// Adds `key`, which is not in the table, with `value`; returns its position.
    @discardableResult
    mutating func insert(_ key: BatchState.CodeKey, _ value: Value) -> Int {
        let index = keys.count
        keys.append(key)
        values.append(value)
        if keys.count * 2 > slots.count {
            slots = Array(repeating: -1, count: slots.count * 2)
            for (position, key) in keys.enumerated() { place(key, at: position) }
        } else {
            place(key, at: index)
        }
        return index
    }

    private mutating func place(_ key: BatchState.CodeKey, at position: Int) {
        var slot = Self.hash(key) & (slots.count - 1)
        while slots[slot] >= 0 { slot = (slot + 1) & (slots.count - 1) }
        slots[slot] = Int32(position)
    }

    private static func hash(_ key: BatchState.CodeKey) -> Int {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        func mix(_ hash: UInt64, _ field: Int32) -> UInt64 {
            let mixed = (hash ^ UInt64(UInt32(bitPattern: field))) &* multiplier
            return mixed ^ mixed >> 31
        }
        let hash = mix(mix(mix(mix(UInt64(key.regime.rank), key.category), key.product), key.careProfile), key.unit)
        return Int(truncatingIfNeeded: hash >> 16)
    }
}
