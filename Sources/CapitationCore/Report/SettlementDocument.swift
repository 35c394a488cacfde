/// A settlement read back from `settlement.json`: what the reports show, with every figure exactly as the
/// document has it (amounts in cents, rates as their exact decimals).
///
/// Reports of every format render from this view, whether `settle` has just computed the settlement or
/// `capitation report` reads a `settlement.json` written earlier, so that a report can never show another
/// figure than its JSON.
public struct SettlementDocument: Sendable {
    public struct Contract: Sendable {
        public var id: String
        public var version: String
        public var title: String
        public var start: CalendarDate
        public var end: CalendarDate
        public var model: String
        public var sides: String?
        public var rounding: String
    }

    public struct Input: Sendable {
        public var role: String
        public var path: String
        public var format: String
        public var sha256: String
        public var lines: Int
    }

    public struct LineTotal: Sendable {
        public var lines: Int
        public var amount: Cents
    }

    public struct Population: Sendable {
        public var rosterMembers: Int
        public var members: Int
        public var exposureDays: Int
        public var personYears: ExactDecimal
        public var excluded: [(reason: String, members: Int)]
    }

    public struct Reconciliation: Sendable {
        public var read: LineTotal
        public var accepted: LineTotal
        public var rejected: [(reason: String, total: LineTotal)]
    }

    public struct RegimeFigures: Sendable {
        public var regime: String
        public var financier: String
        public var perCapitaAnnual: Cents
        public var capitationBudget: Cents
        public var lumpSums: Cents
        public var budget: Cents
        public var claims: Cents
        public var truncated: Cents
        public var expenditure: Cents
        public var savings: Cents
        public var savingsRate: ExactDecimal?
        public var outOfScope: Cents
        public var acceptedLines: Int
    }

    public struct Totals: Sendable {
        public var budget: Cents
        public var claims: Cents
        public var truncated: Cents
        public var lumpSums: Cents
        public var expenditure: Cents
        public var savings: Cents
        public var savingsRate: ExactDecimal?
        public var outOfScope: Cents
    }

    public struct Threshold: Sendable {
        public var mode: String
        public var percent: ExactDecimal
        public var met: Bool
    }

    public struct Indicator: Sendable {
        public var id: String
        public var unit: String
        public var better: String
        public var measured: Bool
        public var value: ExactDecimal?
        public var baseline: ExactDecimal
        public var target: ExactDecimal
        public var floor: ExactDecimal
        public var weight: ExactDecimal
        public var mandatory: Bool
        public var points: ExactDecimal
    }

    public struct Quality: Sendable {
        public var score: ExactDecimal
        public var minimumScore: ExactDecimal
        public var gatePassed: Bool
        public var gateFailures: [String]
        public var indicators: [Indicator]
    }

    public struct Sharing: Sendable {
        public var model: String
        public var sharingRate: ExactDecimal?
        public var finalSharingRate: ExactDecimal?
        public var sharedBase: Cents?
        public var earned: Cents
        public var cap: Cents?
        public var capped: Bool
        public var paymentReduction: Cents
        public var payout: Cents
        public var sharedLoss: Cents
        public var lossPayment: Cents
        public var explanation: String
    }

    public struct Party: Sendable {
        public var party: String
        public var role: String
        public var name: String
        public var pays: Cents
        public var receives: Cents
        public var net: Cents
    }

    public struct Transfer: Sendable {
        public var from: String
        public var to: String
        public var amount: Cents
        public var reason: String
    }

    /// A calculation step: its inputs and results are shown as the document has them.
    public struct Step: Sendable {
        public var id: String
        public var description: String
        public var formula: String
        public var inputs: JSONValue
        public var result: JSONValue
    }

    public struct Chance: Sendable {
        public var resamples: Int
        public var seed: String
        public var observedRate: ExactDecimal
        public var standardError: ExactDecimal
        public var resultByChance: ExactDecimal
        public var minimumSavingsRate: ExactDecimal?
        public var payoutByChance: ExactDecimal?
        public var intervalLevel: ExactDecimal
        public var intervalLow: ExactDecimal
        public var intervalHigh: ExactDecimal
    }

    public var contract: Contract
    public var inputs: [Input]
    public var population: Population
    public var reconciliation: Reconciliation
    public var regimes: [RegimeFigures]
    public var totals: Totals
    public var minimumSavingsRate: Threshold?
    public var minimumLossRate: Threshold?
    public var quality: Quality?
    public var sharing: Sharing
    public var parties: [Party]
    public var transfers: [Transfer]
    public var chance: Chance?
    public var steps: [Step]
    public var warnings: [String]

    /// The name of a party, or its id when the document does not know it.
    public func name(of party: String) -> String {
        parties.first { $0.party == party }?.name ?? party
    }
}

/// Why a JSON document cannot be read as a settlement: the field, as a path like `regimes[1].budgetCents`,
/// and what is wrong with it.
public struct SettlementDocumentError: Error, Hashable, Sendable, CustomStringConvertible {
    public var field: String
    public var problem: String

    public init(field: String, problem: String) {
        self.field = field
        self.problem = problem
    }

    public var description: String { field.isEmpty ? problem : "\(field): \(problem)" }
}

extension SettlementDocument {
    /// Reads `settlement.json` text.
    ///
    /// - Throws: ``SettlementDocumentError`` naming the line and column of a syntax error, or the field
    ///   that is missing or of the wrong kind.
    public init(json bytes: some Collection<UInt8>) throws(SettlementDocumentError) {
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes)
        } catch {
            throw SettlementDocumentError(field: "", problem: "not JSON: \(error)")
        }
        try self.init(value)
    }

    /// Reads a settlement document, as ``SettlementJSON/render(_:)`` writes it.
    ///
    /// - Throws: ``SettlementDocumentError`` naming the field that is missing or of the wrong kind.
    public init(_ json: JSONValue) throws(SettlementDocumentError) {
        let root = Field(json, "")
        let format = try root["format"].string()
        guard format == SettlementJSON.format else {
            throw SettlementDocumentError(
                field: "format",
                problem: "is '\(format)'; this program reads \(SettlementJSON.format)"
            )
        }
        let contract = root["contract"]
        self.contract = Contract(
            id: try contract["id"].string(),
            version: try contract["version"].string(),
            title: try contract["title"].string(),
            start: try contract["period"]["start"].date(),
            end: try contract["period"]["end"].date(),
            model: try contract["model"].string(),
            sides: try contract["sides"].optional { field throws(SettlementDocumentError) in try field.string() },
            rounding: try contract["rounding"].string()
        )
        inputs = try root["inputs"].array { input throws(SettlementDocumentError) in
            Input(
                role: try input["role"].string(),
                path: try input["path"].string(),
                format: try input["format"].string(),
                sha256: try input["sha256"].string(),
                lines: try input["lines"].int()
            )
        }
        let population = root["population"]
        self.population = Population(
            rosterMembers: try population["rosterMembers"].int(),
            members: try population["members"].int(),
            exposureDays: try population["exposureDays"].int(),
            personYears: try population["personYears"].decimal(),
            excluded: try population["excluded"].array { entry throws(SettlementDocumentError) in
                (try entry["reason"].string(), try entry["members"].int())
            }
        )
        let reconciliation = root["reconciliation"]
        self.reconciliation = Reconciliation(
            read: try reconciliation["read"].lineTotal(),
            accepted: try reconciliation["accepted"].lineTotal(),
            rejected: try reconciliation["rejected"].array { entry throws(SettlementDocumentError) in
                (try entry["reason"].string(), try entry.lineTotal())
            }
        )
        regimes = try root["regimes"].array { regime throws(SettlementDocumentError) in
            RegimeFigures(
                regime: try regime["regime"].string(),
                financier: try regime["financier"].string(),
                perCapitaAnnual: try regime["perCapitaAnnualCents"].cents(),
                capitationBudget: try regime["capitationBudgetCents"].cents(),
                lumpSums: try regime["lumpSumCents"].cents(),
                budget: try regime["budgetCents"].cents(),
                claims: try regime["claimsCents"].cents(),
                truncated: try regime["truncatedCents"].cents(),
                expenditure: try regime["expenditureCents"].cents(),
                savings: try regime["savingsCents"].cents(),
                savingsRate: try regime["savingsRate"].optional { field throws(SettlementDocumentError) in
                    try field.decimal()
                },
                outOfScope: try regime["outOfScopeCents"].cents(),
                acceptedLines: try regime["acceptedLines"].int()
            )
        }
        let totals = root["totals"]
        self.totals = Totals(
            budget: try totals["budgetCents"].cents(),
            claims: try totals["claimsCents"].cents(),
            truncated: try totals["truncatedCents"].cents(),
            lumpSums: try totals["lumpSumCents"].cents(),
            expenditure: try totals["expenditureCents"].cents(),
            savings: try totals["savingsCents"].cents(),
            savingsRate: try totals["savingsRate"].optional { field throws(SettlementDocumentError) in
                try field.decimal()
            },
            outOfScope: try totals["outOfScopeCents"].cents()
        )
        minimumSavingsRate = try root["minimumSavingsRate"].optional(Self.threshold)
        minimumLossRate = try root["minimumLossRate"].optional(Self.threshold)
        quality = try root["quality"].optional(Self.quality)
        sharing = try Self.sharing(root["sharing"])
        parties = try root["parties"].array { party throws(SettlementDocumentError) in
            Party(
                party: try party["party"].string(),
                role: try party["role"].string(),
                name: try party["name"].string(),
                pays: try party["paysCents"].cents(),
                receives: try party["receivesCents"].cents(),
                net: try party["netCents"].cents()
            )
        }
        transfers = try root["transfers"].array { transfer throws(SettlementDocumentError) in
            Transfer(
                from: try transfer["from"].string(),
                to: try transfer["to"].string(),
                amount: try transfer["amountCents"].cents(),
                reason: try transfer["reason"].string()
            )
        }
        chance = try root["chance"].optional(Self.chance)
        steps = try root["steps"].array { step throws(SettlementDocumentError) in
            Step(
                id: try step["step"].string(),
                description: try step["description"].string(),
                formula: try step["formula"].string(),
                inputs: try step["inputs"].value(),
                result: try step["result"].value()
            )
        }
        warnings = try root["warnings"].array { warning throws(SettlementDocumentError) in try warning.string() }
    }

    private static func threshold(_ field: Field) throws(SettlementDocumentError) -> Threshold {
        Threshold(
            mode: try field["mode"].string(),
            percent: try field["percent"].decimal(),
            met: try field["met"].bool()
        )
    }

    private static func quality(_ field: Field) throws(SettlementDocumentError) -> Quality {
        Quality(
            score: try field["score"].decimal(),
            minimumScore: try field["minimumScore"].decimal(),
            gatePassed: try field["gatePassed"].bool(),
            gateFailures: try field["gateFailures"].array { failure throws(SettlementDocumentError) in
                try failure.string()
            },
            indicators: try field["indicators"].array { indicator throws(SettlementDocumentError) in
                Indicator(
                    id: try indicator["id"].string(),
                    unit: try indicator["unit"].string(),
                    better: try indicator["better"].string(),
                    measured: try indicator["measured"].bool(),
                    value: try indicator["value"].optional { value throws(SettlementDocumentError) in
                        try value.decimal()
                    },
                    baseline: try indicator["baseline"].decimal(),
                    target: try indicator["target"].decimal(),
                    floor: try indicator["floor"].decimal(),
                    weight: try indicator["weight"].decimal(),
                    mandatory: try indicator["mandatory"].bool(),
                    points: try indicator["points"].decimal()
                )
            }
        )
    }

    private static func sharing(_ field: Field) throws(SettlementDocumentError) -> Sharing {
        Sharing(
            model: try field["model"].string(),
            sharingRate: try field["sharingRate"].optional { rate throws(SettlementDocumentError) in try rate.decimal()
            },
            finalSharingRate: try field["finalSharingRate"].optional { rate throws(SettlementDocumentError) in
                try rate.decimal()
            },
            sharedBase: try field["sharedBaseCents"].optional { base throws(SettlementDocumentError) in try base.cents()
            },
            earned: try field["earnedCents"].cents(),
            cap: try field["capCents"].optional { cap throws(SettlementDocumentError) in try cap.cents() },
            capped: try field["capped"].bool(),
            paymentReduction: try field["paymentReductionCents"].cents(),
            payout: try field["payoutCents"].cents(),
            sharedLoss: try field["sharedLossCents"].cents(),
            lossPayment: try field["lossPaymentCents"].cents(),
            explanation: try field["explanation"].string()
        )
    }

    private static func chance(_ field: Field) throws(SettlementDocumentError) -> Chance {
        let threshold = field["minimumSavingsRate"]
        return Chance(
            resamples: try field["resamples"].int(),
            seed: try field["seed"].string(),
            observedRate: try field["observedRate"].decimal(),
            standardError: try field["standardError"].decimal(),
            resultByChance: try field["resultByChance"]["probability"].decimal(),
            minimumSavingsRate: try threshold.optional { rate throws(SettlementDocumentError) in
                try rate["rate"].decimal()
            },
            payoutByChance: try threshold.optional { rate throws(SettlementDocumentError) in
                try rate["payoutByChance"]["probability"].decimal()
            },
            intervalLevel: try field["interval"]["level"].decimal(),
            intervalLow: try field["interval"]["low"].decimal(),
            intervalHigh: try field["interval"]["high"].decimal()
        )
    }
}

/// A value of the document with its path, for messages.
private struct Field {
    let json: JSONValue?
    let path: String

    init(_ json: JSONValue?, _ path: String) {
        self.json = json
        self.path = path
    }

    subscript(key: String) -> Field {
        let path = self.path.isEmpty ? key : self.path + "." + key
        guard case .object(let members)? = json else { return Field(nil, path) }
        return Field(members.first { $0.key == key }?.value, path)
    }

    func problem(_ text: String) -> SettlementDocumentError {
        SettlementDocumentError(field: path, problem: json == nil ? "is missing" : text)
    }

    func value() throws(SettlementDocumentError) -> JSONValue {
        guard let json else { throw problem("is missing") }
        return json
    }

    func string() throws(SettlementDocumentError) -> String {
        guard case .string(let text)? = json else { throw problem("must be a string") }
        return text
    }

    func int() throws(SettlementDocumentError) -> Int {
        guard case .integer(let value)? = json, let int = Int(exactly: value) else {
            throw problem("must be a whole number")
        }
        return int
    }

    func cents() throws(SettlementDocumentError) -> Cents {
        guard case .integer(let value)? = json else { throw problem("must be an amount in cents, a whole number") }
        return Cents(value)
    }

    func bool() throws(SettlementDocumentError) -> Bool {
        guard case .bool(let value)? = json else { throw problem("must be true or false") }
        return value
    }

    func decimal() throws(SettlementDocumentError) -> ExactDecimal {
        guard case .string(let text)? = json, let value = try? ExactDecimal(parsing: text) else {
            throw problem("must be a decimal number in a string")
        }
        return value
    }

    func date() throws(SettlementDocumentError) -> CalendarDate {
        guard case .string(let text)? = json, let date = try? CalendarDate(parsing: text) else {
            throw problem("must be a date YYYY-MM-DD")
        }
        return date
    }

    func lineTotal() throws(SettlementDocumentError) -> SettlementDocument.LineTotal {
        SettlementDocument.LineTotal(lines: try self["lines"].int(), amount: try self["amountCents"].cents())
    }

    /// `nil` for `null`; otherwise the value read by `read`.
    ///
    /// A missing field is an error, as it is always written, if only as `null`.
    func optional<Value>(
        _ read: (Field) throws(SettlementDocumentError) -> Value
    ) throws(SettlementDocumentError) -> Value? {
        guard let json else { throw problem("is missing") }
        if case .null = json { return nil }
        return try read(self)
    }

    func array<Element>(
        _ read: (Field) throws(SettlementDocumentError) -> Element
    ) throws(SettlementDocumentError) -> [Element] {
        guard case .array(let elements)? = json else { throw problem("must be an array") }
        var result: [Element] = []
        for (index, element) in elements.enumerated() { result.append(try read(Field(element, "\(path)[\(index)]"))) }
        return result
    }
}
