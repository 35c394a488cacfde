public import CapitationCore

/// Recomputes a `settlement.json` from what it records, as an auditor with a calculator would.
///
/// Every step whose result follows from its recorded inputs is computed again with exact fractions, each
/// amount rounded once with the contract's rounding rule and each rate, score and number of person-years
/// half-even to six decimals, as the settlement rounds them; then the figures the steps share with the rest
/// of the document are compared: the regimes with their budget and savings steps, the totals with the
/// regimes, the reconciliation with its identity, the parts of the payout with the payout, the transfers
/// with the parties' positions, and the nets with zero.
///
/// What the document cannot show by itself (each member's risk score and cost, the bootstrap's resamples,
/// and terms that only the contract holds, such as a minimum-savings-rate table or fixed financing shares)
/// is listed in ``VerificationReport/notRecomputable``; settling again from the input files checks those.
public enum SettlementVerifier: Sendable {
    /// The formats this verifier reads, the current one last: `capitation-settlement/3`; `/2`, which wrote
    /// the quality gate's failures as sentences instead of codes and figures; and `/1`, which also wrote the
    /// sharing's outcome as a sentence instead of `outcome` and `quality`.
    public static let formats = ["capitation-settlement/1", "capitation-settlement/2", "capitation-settlement/3"]

    /// The formats, newest first: `capitation-settlement/3, /2 or /1`.
    static var formatNames: String {
        let newest = Array(formats.reversed())
        let versions = newest.dropFirst().map { "/" + ($0.split(separator: "/").last.map(String.init) ?? $0) }
        guard let last = versions.last else { return newest.joined() }
        return ([newest[0]] + versions.dropLast()).joined(separator: ", ") + " or " + last
    }

    /// Why a step is not recomputed when this version does not know its rule.
    public static let unknownStep = "a step this version does not know"

    /// Verifies the bytes of a `settlement.json`.
    ///
    /// - Throws: ``VerificationError`` when the bytes are not JSON, or not a settlement this program reads.
    public static func verify(json bytes: some Collection<UInt8>) throws(VerificationError) -> VerificationReport {
        let value: JSONValue
        do { value = try JSONValue.parse(bytes) } catch {
            throw VerificationError("not JSON: \(error)")
        }
        return try verify(value)
    }

    /// Verifies a parsed `settlement.json`.
    ///
    /// - Throws: ``VerificationError`` when the document is not a settlement this program reads.
    public static func verify(_ value: JSONValue) throws(VerificationError) -> VerificationReport {
        let document = Recorded(value, path: "")
        guard case .object = value else { throw VerificationError("not a settlement.json: the document is no object") }
        let format = (try? document["format"].text()) ?? document["format"].written
        guard Self.formats.contains(format) else {
            throw VerificationError(
                "not a settlement.json of format \(Self.formatNames): its format is "
                    + format
                    + (format.contains("totals") ? " (settlements of totals are checked by settling them again)" : "")
            )
        }
        let ruleName = (try? document["contract"]["rounding"].text()) ?? ""
        guard let rule = RoundingRule(rawValue: ruleName) else {
            throw VerificationError(
                "contract.rounding is \(document["contract"]["rounding"].written), not one of "
                    + RoundingRule.allCases.map(\.rawValue).joined(separator: ", ")
            )
        }
        var audit = Audit(document: document, rounding: rule)
        audit.readTransfers()
        audit.verifySteps()
        audit.verifySections()
        return VerificationReport(
            discrepancies: audit.discrepancies,
            checks: audit.checks,
            stepsRecomputed: audit.recomputed,
            notRecomputable: audit.notRecomputable
        )
    }
}

extension Audit {
    /// Each step recomputed from its inputs, by the rule its identifier names.
    mutating func verifySteps() {
        var seen: Set<String> = []
        for step in document["steps"].elements(label: { try? $0["step"].text() }) {
            guard let id = try? step["step"].text() else {
                self.step = "steps"
                differ(field: step.path, recorded: step["step"].written, expected: "a step with an identifier")
                continue
            }
            seen.insert(id)
            let node = Recorded(step.value, path: "")
            self.step = id
            do throws(Unreadable) {
                if try recompute(id, node) { recomputed.append(id) }
            } catch {
                differ(
                    field: error.path,
                    recorded: error.found,
                    expected: error.expected + " (so the step cannot be recomputed)"
                )
            }
        }
        step = "steps"
        for id in requiredSteps() where !seen.contains(id) {
            differ(field: "steps", recorded: "no step \(id)", expected: "a step \(id)")
        }
        cannotRecompute(
            "contract terms",
            "per-capita amounts, trends, rates, caps, shares and the rounding rule are taken as recorded; --inputs "
                + "settles again from contract.xml"
        )
    }

    /// The steps the document's own sections say it must have: every settlement's, each regime's and
    /// risk model's, and those of the sections that are not null.
    private mutating func requiredSteps() -> [String] {
        var required = ["population", "reconciliation", "savings", "parties"]
        for regime in regimes { required += ["budget.\(regime.name)", "savings.\(regime.name)"] }
        for model in document["risk"]["models"].elements() {
            if let id = try? model["model"].text() { required.append("risk.\(id)") }
        }
        switch try? document["contract"]["model"].text() {
        case "shared-savings":
            required += ["minimumSavingsRate", "sharing"]
            if document["minimumLossRate"].isPresent { required.append("minimumLossRate") }
        case "capitation":
            required.append("capitation")
            for financier in document["paymentSchedule"]["financiers"].elements() {
                if let id = try? financier["financier"].text() { required.append("schedule.\(id)") }
            }
        case "fee-for-service":
            break
        default:
            differ(
                document["contract"]["model"],
                "one of \"fee-for-service\", \"capitation\", \"shared-savings\""
            )
        }
        if document["quality"].isPresent {
            required.append("quality")
            for indicator in document["quality"]["indicators"].elements() {
                if let id = try? indicator["id"].text() { required.append("quality.\(id)") }
            }
        }
        if document["chance"].isPresent { required.append("chance") }
        if document["totals"]["truncationThresholdCents"].isPresent { required.append("truncation") }
        if document["runOut"].isPresent {
            required.append("run-out")
            if (try? document["runOut"]["stage"].text()) == "provisional" {
                required += regimes.map { "completion.\($0.name)" }
            }
        }
        if ((try? document["sharing"]["payoutCents"].cents()) ?? .zero) > .zero {
            required.append("distribution.payout")
        }
        if ((try? document["sharing"]["lossPaymentCents"].cents()) ?? .zero) > .zero {
            required.append("distribution.losses")
        }
        return required
    }

    /// Recomputes step `id`; `false` for a step whose rule this verifier does not know.
    private mutating func recompute(_ id: String, _ node: Recorded) throws(Unreadable) -> Bool {
        let (kind, subject) = Self.split(id)
        switch kind {
        case "population": try population(node)
        case "risk": try risk(node, model: subject)
        case "benchmark" where subject.hasPrefix("risk."): try benchmarkMean(node, model: String(subject.dropFirst(5)))
        case "benchmark": try benchmark(node, regime: subject)
        case "budget": try budget(node, regime: subject)
        case "reconciliation": try reconciliation(node)
        case "truncation": try truncation(node)
        case "run-out": try runOut(node)
        case "completion": try completion(node, regime: subject)
        case "savings" where subject.isEmpty: try savingsTotal(node)
        case "savings": try savings(node, regime: subject)
        case "minimumSavingsRate" where subject == "confidence", "minimumLossRate" where subject == "confidence":
            try confidenceRate(node, threshold: kind)
        case "minimumSavingsRate": try threshold(node, loss: false)
        case "minimumLossRate": try threshold(node, loss: true)
        case "quality" where subject.isEmpty: try qualityScore(node)
        case "quality": try indicator(node, id: subject)
        case "sharing": try sharing(node)
        case "capitation": try capitationResult(node)
        case "chance": try chance(node)
        case "distribution": try distribution(node, losses: subject == "losses")
        case "transfer": try agreedTransfer(node, number: subject)
        case "parties": try partiesStep(node)
        case "schedule": try schedule(node, financier: subject)
        default:
            cannotRecompute(id, SettlementVerifier.unknownStep)
            return false
        }
        return true
    }

    /// `budget.Zvw` → (`budget`, `Zvw`); `quality` → (`quality`, ``).
    static func split(_ id: String) -> (String, String) {
        guard let dot = id.firstIndex(of: ".") else { return (id, "") }
        return (String(id[..<dot]), String(id[id.index(after: dot)...]))
    }

    // MARK: The document's sections

    /// The regimes of the document, each with its name.
    var regimes: [(name: String, node: Recorded)] {
        document["regimes"].elements(label: { try? $0["regime"].text() }).compactMap { node in
            (try? node["regime"].text()).map { ($0, node) }
        }
    }

    /// The step `id` of the document, if it has one.
    func step(_ id: String) -> Recorded? {
        document["steps"].elements().first { (try? $0["step"].text()) == id }
    }

    /// The agreed transfers' steps that pay something, in order: each has a transfer of its own.
    var payingTransferSteps: [Recorded] {
        document["steps"].elements().filter {
            (try? $0["step"].text())?.hasPrefix("transfer.") == true
                && ((try? $0["result"]["amountCents"].cents()) ?? .zero) > .zero
        }
    }

    func regime(_ name: String) -> Recorded {
        regimes.first { $0.name == name }?.node ?? Recorded(nil, path: "regimes[\(name)]")
    }

    /// Reads the document's transfers once; one that cannot be read, or whose reason is none of the
    /// documented kinds, is a discrepancy.
    mutating func readTransfers() {
        step = "transfers"
        for node in document["transfers"].elements() {
            do throws(Unreadable) {
                let transfer = Transfer(
                    from: try node["from"].text(),
                    to: try node["to"].text(),
                    amount: try node["amountCents"].cents(),
                    reason: try node["reason"].text(),
                    node: node
                )
                checks += 1
                if transfer.kind == nil {
                    differ(
                        node["reason"],
                        "\"lump sum: …\", \"shared savings\", \"shared losses\", \"capitation result\" or \"transfer: …\""
                    )
                }
                if transfer.amount <= .zero { differ(node["amountCents"], "an amount above zero") }
                transfers.append(transfer)
            } catch {
                differ(field: error.path, recorded: error.found, expected: error.expected)
            }
        }
    }

    /// The days in the contract's period, from its recorded start and end.
    var daysInPeriod: Int? {
        guard let start = try? CalendarDate(parsing: (try? document["contract"]["period"]["start"].text()) ?? ""),
            let end = try? CalendarDate(parsing: (try? document["contract"]["period"]["end"].text()) ?? "")
        else { return nil }
        return end.days(since: start) + 1
    }
}
