import CapitationCore

/// The state of one verification: the document, the contract's rounding rule, and what was found.
struct Audit {
    let document: Recorded
    let rounding: RoundingRule
    var discrepancies: [Discrepancy] = []
    var checks = 0
    var recomputed: [String] = []
    var notRecomputable: [(step: String, reason: String)] = []

    /// The step being recomputed, which each discrepancy names.
    var step = ""
    /// The document's transfers that could be read (``readTransfers()``).
    var transfers: [Transfer] = []

    init(document: Recorded, rounding: RoundingRule) {
        self.document = document
        self.rounding = rounding
    }

    // MARK: Comparing

    /// Records that `node` should hold the amount `expected` (a whole number of cents).
    mutating func expect(_ node: Recorded, cents expected: Fraction) {
        checks += 1
        if (try? node.cents()) != expected {
            differ(node, Self.amount(expected))
        }
    }

    /// Records that `node` should hold the exact decimal `expected`, compared by value.
    mutating func expect(_ node: Recorded, decimal expected: Fraction) {
        checks += 1
        if (try? node.decimal()) != expected {
            differ(node, Self.decimalText(expected))
        }
    }

    /// Records that `node` should hold `expected`, or be `null` when `expected` is `nil`.
    mutating func expect(_ node: Recorded, optionalDecimal expected: Fraction?) {
        guard let expected else {
            checks += 1
            if node.isPresent { differ(node, "null") }
            return
        }
        expect(node, decimal: expected)
    }

    mutating func expect(_ node: Recorded, integer expected: Int) {
        checks += 1
        if (try? node.integer()) != expected { differ(node, String(expected)) }
    }

    mutating func expect(_ node: Recorded, flag expected: Bool) {
        checks += 1
        if (try? node.flag()) != expected { differ(node, String(expected)) }
    }

    mutating func expect(_ node: Recorded, text expected: String) {
        checks += 1
        if (try? node.text()) != expected { differ(node, JSONValue.string(expected).serialized(pretty: false)) }
    }

    /// Records a discrepancy in `node` against what was expected, in words or as JSON.
    mutating func differ(_ node: Recorded, _ expected: String) {
        discrepancies.append(Discrepancy(step: step, field: node.path, recorded: node.written, recomputed: expected))
    }

    /// Records a discrepancy that is not one field's value: a missing step, a rule broken between fields.
    mutating func differ(field: String, recorded: String, expected: String) {
        checks += 1
        discrepancies.append(Discrepancy(step: step, field: field, recorded: recorded, recomputed: expected))
    }

    /// Notes that `step` rests on more than the document holds, once per step.
    mutating func cannotRecompute(_ step: String, _ reason: String) {
        guard !notRecomputable.contains(where: { $0.step == step }) else { return }
        notRecomputable.append((step, reason))
    }

    /// Records that `node` should hold the whole number `expected`: a count of lines, days or people.
    mutating func expect(_ node: Recorded, number expected: Fraction) {
        checks += 1
        if (try? node.number()) != expected { differ(node, Self.amount(expected)) }
    }

    // MARK: Exact arithmetic, rounded as the settlement rounds

    /// An amount rounded once to the cent with the contract's rule.
    func money(_ value: Fraction) -> Fraction {
        Fraction(value.rounded(rounding))
    }

    /// A rate, score or number of person-years: rounded half-even to six decimals.
    func rate(_ value: Fraction) -> Fraction {
        Self.decimals(value, 6)
    }

    /// `value` rounded half-even to `scale` decimals.
    static func decimals(_ value: Fraction, _ scale: Int) -> Fraction {
        var power = BigInteger(1)
        for _ in 0..<scale { power = power * BigInteger(10) }
        let scaled = (value * Fraction(power)).rounded(.halfEven)
        return (try? Fraction(scaled, over: power)) ?? value
    }

    /// `numerator ÷ denominator`, or an error naming what was divided by zero.
    func divide(_ numerator: Fraction, _ denominator: Fraction, _ what: String) throws(Unreadable) -> Fraction {
        do { return try numerator / denominator } catch {
            throw Unreadable(path: what, expected: "a divisor other than zero", found: "0")
        }
    }

    /// A number of percent as a fraction: 50 → 1/2.
    static func percent(_ value: Fraction) -> Fraction {
        (try? value / Fraction(100)) ?? .zero
    }

    // MARK: Writing values

    /// `5636259` for an amount: the cents, as the document writes them.
    static func amount(_ value: Fraction) -> String { decimalText(value, quoted: false) }

    /// `"0.154366"`: a decimal as the document writes it, or a fraction where it is not finite.
    static func decimalText(_ value: Fraction, quoted: Bool = true) -> String {
        var text: String
        if let finite = try? value.decimal(scale: 12, rounding: .halfEven), Fraction(finite) == value {
            text = finite.description
            if text.contains(".") {
                while text.hasSuffix("0") { text.removeLast() }
                if text.hasSuffix(".") { text.removeLast() }
            }
        } else {
            text = value.description
        }
        return quoted ? "\"\(text)\"" : text
    }
}

/// A payment of the settlement, as the document records it.
struct Transfer {
    var from: String
    var to: String
    var amount: Fraction
    var reason: String
    var node: Recorded

    enum Kind { case lumpSum, payout, loss, capitationResult, agreed }

    /// What the payment is, by its reason; `nil` for a reason of no documented kind.
    var kind: Kind? {
        switch reason {
        case _ where reason.hasPrefix("lump sum: "): .lumpSum
        case "shared savings": .payout
        case "shared losses": .loss
        case "capitation result": .capitationResult
        case _ where reason.hasPrefix("transfer: "): .agreed
        default: nil
        }
    }
}
