/// Changes to a contract's parameters, written as `key=value` pairs separated by commas, for example
/// `name=Track 2,sides=two,sharing-rate=60,savings-cap=15`.
///
/// Each override replaces one parameter and keeps the rest of the contract; ``keys`` lists them. The
/// overrides apply in the order written, so `model=shared-savings,sharing-rate=60` first switches to
/// shared savings (MSSP Track 1 when the contract had none) and then sets the rate.
public struct ContractOverrides: Hashable, Sendable {
    /// The name of the variant: the `name` given, or the overrides as written.
    public var name: String
    /// The overrides in the order written.
    public var changes: [(key: String, value: String)] {
        zip(keysWritten, valuesWritten).map { ($0, $1) }
    }

    private var keysWritten: [String]
    private var valuesWritten: [String]

    /// The keys that can be overridden, with what their values may be.
    public static let keys: [(key: String, values: String)] = [
        ("name", "the variant's name in the comparison"),
        ("model", "fee-for-service, capitation or shared-savings"),
        ("sides", "one or two (shared savings)"),
        ("msr", "a percentage (2.0), table:mssp, or confidence:95"),
        ("mlr", "same (as the MSR), a percentage, table:mssp, or confidence:95"),
        ("sharing-rate", "a percentage"),
        ("quality", "multiply, gate or none"),
        ("basis", "first-euro or above-minimum"),
        ("savings-cap", "a percentage of the budget, or none"),
        ("loss-sharing", "a percentage, or complement (1 − the final sharing rate)"),
        ("loss-sharing-max", "the most a complementary loss-sharing rate may be, or none"),
        ("loss-cap", "a percentage of the budget, or none"),
        ("payment-reduction", "a percentage, or none"),
        ("corridors", "none, reach-professional, reach-global, or bands such as 0-5:50/5-10:35/10-:15"),
        ("risk-adjustment", "off (every member weighs 1) or on (as contracted)"),
        (
            "growth-cap",
            "none, a percentage of the whole score (3), or demographic+points beyond the demographic part "
                + "(demographic+3), over the contract's baseline means"
        ),
        ("discount", "a percentage off every regime's budget, or none"),
        (
            "actual-trend",
            "the actual trend in percent (-2.2) for every regime with a retrospective trend adjustment, or none"
        ),
        ("truncation", "none, a percentile (p99) or an amount per member (250000.00)"),
        (
            "run-out",
            "the months of run-out of the provisional and the final settlement (3:12), or none (every line counts, "
                + "whenever it was received)"
        ),
    ]

    /// Parses overrides written as `key=value,key=value`.
    ///
    /// - Throws: ``ContractOverrideError`` naming the pair that cannot be read.
    public init(parsing text: String) throws(ContractOverrideError) {
        var keys: [String] = []
        var values: [String] = []
        var name: String?
        for pair in text.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = pair.trimmingWhitespace
            guard let equals = trimmed.firstIndex(of: "=") else {
                throw ContractOverrideError("'\(trimmed)' is not key=value")
            }
            let key = String(trimmed[..<equals]).trimmingWhitespace
            let value = String(trimmed[trimmed.index(after: equals)...]).trimmingWhitespace
            guard Self.keys.contains(where: { $0.key == key }) else {
                let known = Self.keys.map(\.key).joined(separator: ", ")
                throw ContractOverrideError("'\(key)' is not a parameter that can be varied; use one of \(known)")
            }
            guard !value.isEmpty else { throw ContractOverrideError("\(key) has no value") }
            if key == "name" {
                name = value
            } else {
                keys.append(key)
                values.append(value)
            }
        }
        guard !keys.isEmpty else { throw ContractOverrideError("'\(text)' changes nothing") }
        keysWritten = keys
        valuesWritten = values
        self.name = name ?? zip(keys, values).map { "\($0)=\($1)" }.joined(separator: ",")
    }

    /// The contract with the overrides applied.
    ///
    /// - Returns: `contract` changed.
    /// - Throws: ``ContractOverrideError`` when a value cannot be read or does not fit the contract, or the
    ///   changed contract breaks a rule of ``Contract/validate()``.
    public func applied(to contract: Contract) throws(ContractOverrideError) -> Contract {
        var result = contract
        for (key, value) in changes {
            try Self.apply(key, value, to: &result)
        }
        let errors = result.validate().filter { $0.severity == .error }
        if !errors.isEmpty {
            throw ContractOverrideError(
                "the changed contract breaks its rules: " + errors.map(\.message).joined(separator: "; ")
            )
        }
        return result
    }

    private static func apply(_ key: String, _ value: String, to contract: inout Contract) throws(ContractOverrideError)
    {
        switch key {
        case "model":
            switch value {
            case "fee-for-service": contract = PaymentModel.feeForService.applied(to: contract)
            case "capitation":
                if case .capitation = contract.settlement { return }
                contract.settlement = .capitation(CapitationTerms())
            case "shared-savings": contract.settlement = PaymentModel.sharedSavingsOneSided.terms(for: contract)
            default:
                throw ContractOverrideError("model: '\(value)' is not fee-for-service, capitation or shared-savings")
            }
        case "corridors":
            guard case .capitation = contract.settlement else {
                throw ContractOverrideError(
                    "corridors is a parameter of capitation, and the contract is \(contract.settlement.modelName); add model=capitation first"
                )
            }
            contract.settlement = .capitation(CapitationTerms(corridors: try Self.corridors(value)))
        case "risk-adjustment":
            switch value {
            case "off": for index in contract.regimes.indices { contract.regimes[index].riskModel = nil }
            case "on": break
            default: throw ContractOverrideError("risk-adjustment: '\(value)' is not off or on")
            }
        case "growth-cap":
            for index in contract.riskModels.indices {
                if value == "none" {
                    contract.riskModels[index].growthCap = nil
                    continue
                }
                var cap = contract.riskModels[index].growthCap ?? GrowthCap()
                if value.hasPrefix("demographic+") {
                    cap.percent = nil
                    cap.demographicPlus = try percent(key, String(value.dropFirst("demographic+".count)))
                } else {
                    cap.demographicPlus = nil
                    cap.percent = try percent(key, value)
                }
                contract.riskModels[index].growthCap = cap
            }
        case "actual-trend":
            guard contract.regimes.contains(where: { $0.trendAdjustment != nil }) else {
                throw ContractOverrideError(
                    "actual-trend: no regime of the contract has a retrospective trend adjustment (<trendAdjustment>)"
                )
            }
            var actual: Percentage?
            if value != "none" {
                let text = value.hasSuffix("%") ? String(value.dropLast()).trimmingWhitespace : value
                guard let parsed = try? Percentage(parsing: text), parsed.value > ExactDecimal(-100) else {
                    throw ContractOverrideError(
                        "actual-trend: '\(value)' is not a change in percent above -100, or none"
                    )
                }
                actual = parsed
            }
            // The same actual trend for every performance year, against each year's own forecast; none: the
            // settlement before any actual trend is known.
            for index in contract.regimes.indices {
                guard var rule = contract.regimes[index].trendAdjustment else { continue }
                let forecasts = Dictionary(rule.actuals.map { ($0.year, $0.forecastPercent) }) { first, _ in first }
                rule.actuals =
                    actual.map { actual in
                        contract.performanceYears.map { year in
                            TrendActual(year: year, percent: actual, forecastPercent: forecasts[year] ?? nil)
                        }
                    } ?? []
                contract.regimes[index].trendAdjustment = rule
            }
        case "run-out":
            // The stage being settled stays; its cut-off moves with the run-out.
            let stage = contract.reconciliation.stage
            contract.reconciliation.cutOff = nil
            contract.reconciliation.stage = nil
            guard value != "none" else {
                contract.reconciliation.runOut = nil
                break
            }
            let parts = value.split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
            guard parts.count == 2, let months = parts[0], let final = parts[1], (0...60).contains(months),
                (0...60).contains(final)
            else {
                throw ContractOverrideError(
                    "run-out: '\(value)' is not the months of the provisional and the final run-out (3:12), or none"
                )
            }
            contract.reconciliation.runOut = RunOut(months: months, finalMonths: final)
            if let stage { contract = contract.staged(stage) }
        case "discount":
            let discount = try optionalPercent(key, value)
            for index in contract.regimes.indices { contract.regimes[index].discount = discount }
        case "truncation":
            contract.truncation = try truncation(value)
        default:
            var terms = try sharedSavingsTerms(of: contract, key)
            try applySharing(key, value, to: &terms)
            for rule in [terms.minimumSavingsRate]
                + [terms.minimumLossRate].compactMap({ rule in
                    if case .rule(let own)? = rule { own } else { nil }
                })
            {
                if case .table(let table) = rule, contract.msrTable(table) == nil {
                    let known = (MSRTable.builtIn + contract.msrTables).map(\.id.rawValue).joined(separator: ", ")
                    throw ContractOverrideError("\(key): there is no table '\(table)'; the tables are \(known)")
                }
            }
            contract.settlement = .sharedSavings(terms)
        }
    }

    private static func sharedSavingsTerms(
        of contract: Contract,
        _ key: String
    ) throws(ContractOverrideError)
        -> SharedSavingsTerms
    {
        guard case .sharedSavings(let terms) = contract.settlement else {
            throw ContractOverrideError(
                "\(key) is a parameter of shared savings, and the contract is \(contract.settlement.modelName); add model=shared-savings first"
            )
        }
        return terms
    }

    private static func applySharing(
        _ key: String,
        _ value: String,
        to terms: inout SharedSavingsTerms
    ) throws(ContractOverrideError) {
        switch key {
        case "sides":
            switch value {
            case "one":
                terms = PaymentModel.oneSided(terms)
            case "two":
                terms = PaymentModel.twoSided(terms)
            default: throw ContractOverrideError("sides: '\(value)' is not one or two")
            }
        case "msr":
            terms.minimumSavingsRate = try rule(key, value)
        case "mlr":
            terms.minimumLossRate = value == "same" ? .sameAsSavings : .rule(try rule(key, value))
        case "sharing-rate":
            terms.sharingRate.rate = try percent(key, value)
        case "quality":
            guard let quality = QualityApplication(rawValue: value) else {
                throw ContractOverrideError("quality: '\(value)' is not multiply, gate or none")
            }
            terms.sharingRate.quality = quality
        case "basis":
            guard let basis = SharingBasis(rawValue: value) else {
                throw ContractOverrideError("basis: '\(value)' is not first-euro or above-minimum")
            }
            terms.sharingRate.basis = basis
        case "savings-cap":
            terms.savingsCap = try optionalPercent(key, value)
        case "loss-sharing":
            if value == "complement" {
                if case .complementOfSharingRate = terms.lossSharingRate { return }
                terms.lossSharingRate = .complementOfSharingRate(minimum: nil, maximum: nil)
            } else {
                terms.lossSharingRate = .fixed(try percent(key, value))
            }
        case "loss-sharing-max":
            guard case .complementOfSharingRate(let minimum, _) = terms.lossSharingRate else {
                throw ContractOverrideError(
                    "loss-sharing-max bounds a complementary loss-sharing rate; add loss-sharing=complement first"
                )
            }
            terms.lossSharingRate = .complementOfSharingRate(minimum: minimum, maximum: try optionalPercent(key, value))
        case "loss-cap":
            terms.lossCap = try optionalPercent(key, value)
        default:
            terms.paymentReduction = try optionalPercent(key, value)
        }
    }

    private static func percent(_ key: String, _ value: String) throws(ContractOverrideError) -> Percentage {
        let text = value.hasSuffix("%") ? String(value.dropLast()).trimmingWhitespace : value
        guard let percent = try? Percentage(parsing: text), percent.isWithinZeroToHundred else {
            throw ContractOverrideError("\(key): '\(value)' is not a percentage from 0 to 100")
        }
        return percent
    }

    private static func optionalPercent(_ key: String, _ value: String) throws(ContractOverrideError) -> Percentage? {
        value == "none" ? nil : try percent(key, value)
    }

    private static func rule(_ key: String, _ value: String) throws(ContractOverrideError) -> MinimumRateRule {
        if value.hasPrefix("table:") {
            let table = String(value.dropFirst("table:".count))
            guard table.isEmpty == false else { throw ContractOverrideError("\(key): 'table:' names no table") }
            return .table(MSRTableID(table))
        }
        if value.hasPrefix("confidence:") {
            let level = try percent(key, String(value.dropFirst("confidence:".count)))
            guard SettlementCalculator.zValues[level] != nil else {
                let levels = SettlementCalculator.zValues.keys.sorted().map { "\($0.value)" }.joined(separator: ", ")
                throw ContractOverrideError("\(key): confidence \(level) is not one of \(levels)")
            }
            return .confidence(level)
        }
        return .fixed(try percent(key, value))
    }

    private static func truncation(_ value: String) throws(ContractOverrideError) -> Truncation? {
        if value == "none" { return nil }
        if value.hasPrefix("p") {
            return .percentile(try percent("truncation", String(value.dropFirst())))
        }
        guard let amount = try? Cents(parsing: value), amount > .zero else {
            throw ContractOverrideError(
                "truncation: '\(value)' is not none, a percentile (p99) or an amount (250000.00)"
            )
        }
        return .perMemberAnnual(amount)
    }

    /// Bands written `0-5:50/5-10:35/10-:15` (from–to in percent of the budget : the providers' share).
    private static func corridors(_ value: String) throws(ContractOverrideError) -> [CorridorBand] {
        switch value {
        case "none": return []
        case "reach-professional": return PaymentModel.reachProfessionalCorridors
        case "reach-global": return PaymentModel.reachGlobalCorridors
        default: break
        }
        var bands: [CorridorBand] = []
        for band in value.split(separator: "/") {
            let parts = band.split(separator: ":", omittingEmptySubsequences: false)
            let range = parts.first?.split(separator: "-", omittingEmptySubsequences: false) ?? []
            guard parts.count == 2, range.count == 2 else {
                throw ContractOverrideError("corridors: '\(band)' is not from-to:share, for example 5-10:35")
            }
            let from = try percent("corridors", String(range[0]))
            let to = range[1].isEmpty ? nil : try percent("corridors", String(range[1]))
            let expectedFrom = bands.last?.to ?? .zero
            guard bands.last.map({ $0.to != nil }) ?? true, from == expectedFrom, to.map({ $0 > from }) ?? true else {
                throw ContractOverrideError(
                    "corridors: band '\(band)' must start where the one before ends (\(expectedFrom.value)) and end above its start"
                )
            }
            bands.append(CorridorBand(from: from, to: to, providerShare: try percent("corridors", String(parts[1]))))
        }
        return bands
    }
}

/// Why a contract override cannot be read or applied.
public struct ContractOverrideError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    var trimmingWhitespace: String {
        let characters = Array(self)
        guard let first = characters.firstIndex(where: { $0 != " " && $0 != "\t" }),
            let last = characters.lastIndex(where: { $0 != " " && $0 != "\t" })
        else { return "" }
        return String(characters[first...last])
    }
}
