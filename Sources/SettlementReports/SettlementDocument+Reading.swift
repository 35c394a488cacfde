public import CapitationCore

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
        guard SettlementJSON.readableFormats.contains(format) else {
            throw SettlementDocumentError(
                field: "format",
                problem: "is '\(format)'; this program reads " + Self.readableFormatNames
            )
        }
        programVersion = try root["program"]["version"].string()
        let contract = root["contract"]
        self.contract = Contract(
            id: try contract["id"].string(),
            version: try contract["version"].string(),
            title: try contract["title"].string(),
            start: try contract["period"]["start"].date(),
            end: try contract["period"]["end"].date(),
            model: try contract["model"].code(),
            sides: try contract["sides"].optional { field throws(SettlementDocumentError) in try field.code() },
            rounding: try contract["rounding"].code()
        )
        inputs = try root["inputs"].array { input throws(SettlementDocumentError) in
            Input(
                role: try input["role"].code(),
                path: try input["path"].string(),
                format: try input["format"].string(),
                sha256: try input["sha256"].string(),
                lines: try input["lines"].int()
            )
        }
        // Formats 1 and 2 wrote warnings, gate failures and findings as English sentences.
        let coded = format == SettlementJSON.format
        acceptance = try root["acceptance"].ifPresent { field throws(SettlementDocumentError) in
            Acceptance(
                reason: try field["reason"].string(),
                findings: try field["findings"].array { finding throws(SettlementDocumentError) in
                    try Self.acceptedFinding(finding, coded: coded)
                }
            )
        }
        runOut = try root["runOut"].ifPresent(Self.runOut)
        let population = root["population"]
        self.population = Population(
            rosterMembers: try population["rosterMembers"].int(),
            members: try population["members"].int(),
            exposureDays: try population["exposureDays"].int(),
            daysInPeriod: try population["daysInPeriod"].int(),
            personYears: try population["personYears"].decimal(),
            excluded: try population["excluded"].array { entry throws(SettlementDocumentError) in
                (try entry["reason"].code(), try entry["members"].int())
            }
        )
        risk = try root["risk"]["models"].array(Self.riskModel)
        let reconciliation = root["reconciliation"]
        self.reconciliation = Reconciliation(
            read: try reconciliation["read"].lineTotal(),
            accepted: try reconciliation["accepted"].lineTotal(),
            proRataExcluded: try reconciliation["accepted"]["proRataExcludedCents"].cents(),
            rejected: try reconciliation["rejected"].array { entry throws(SettlementDocumentError) in
                (try entry["reason"].code(), try entry.lineTotal())
            },
            codes: try reconciliation["codes"].array(Self.code),
            refusals: try reconciliation["refusals"].ifPresent { list throws(SettlementDocumentError) in
                try list.array { entry throws(SettlementDocumentError) in
                    (try entry["code"].string(), try entry["meaning"].string(), try entry.lineTotal())
                }
            } ?? []
        )
        regimes = try root["regimes"].array { regime throws(SettlementDocumentError) in
            RegimeFigures(
                regime: try regime["regime"].string(),
                financier: try regime["financier"].string(),
                riskModel: try regime["riskModel"].optional { model throws(SettlementDocumentError) in
                    try model.string()
                },
                perCapitaAnnual: try regime["perCapitaAnnualCents"].cents(),
                riskWeightedPersonYears: try regime["riskWeightedPersonYears"].decimal(),
                capitationBudget: try regime["capitationBudgetCents"].cents(),
                lumpSums: try regime["lumpSumCents"].cents(),
                budget: try regime["budgetCents"].cents(),
                claims: try regime["claimsCents"].cents(),
                truncated: try regime["truncatedCents"].cents(),
                notYetReceived: try regime["notYetReceivedCents"].ifPresent { field throws(SettlementDocumentError) in
                    try field.cents()
                } ?? .zero,
                expenditure: try regime["expenditureCents"].cents(),
                savings: try regime["savingsCents"].cents(),
                savingsRate: try regime["savingsRate"].optional { field throws(SettlementDocumentError) in
                    try field.decimal()
                },
                outOfScope: try regime["outOfScopeCents"].cents(),
                acceptedLines: try regime["acceptedLines"].int(),
                trendAdjustment: try regime["trendAdjustment"].ifPresent(Self.trendAdjustment)
            )
        }
        let totals = root["totals"]
        self.totals = Totals(
            budget: try totals["budgetCents"].cents(),
            claims: try totals["claimsCents"].cents(),
            truncated: try totals["truncatedCents"].cents(),
            truncationThreshold: try totals["truncationThresholdCents"].optional {
                amount throws(SettlementDocumentError) in
                try amount.cents()
            },
            lumpSums: try totals["lumpSumCents"].cents(),
            expenditure: try totals["expenditureCents"].cents(),
            savings: try totals["savingsCents"].cents(),
            savingsRate: try totals["savingsRate"].optional { field throws(SettlementDocumentError) in
                try field.decimal()
            },
            outOfScope: try totals["outOfScopeCents"].cents(),
            outOfScopeByRegime: try totals["outOfScopeByRegime"].array { entry throws(SettlementDocumentError) in
                (try entry["regime"].string(), try entry["amountCents"].cents())
            }
        )
        minimumSavingsRate = try root["minimumSavingsRate"].optional(Self.threshold)
        minimumLossRate = try root["minimumLossRate"].optional(Self.threshold)
        quality = try root["quality"].optional { field throws(SettlementDocumentError) in
            try Self.quality(field, coded: coded)
        }
        sharing = try Self.sharing(root["sharing"], totals: self.totals, sides: self.contract.sides)
        parties = try root["parties"].array { party throws(SettlementDocumentError) in
            Party(
                party: try party["party"].string(),
                role: try party["role"].code(),
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
                reason: try transfer["reason"].transferReason()
            )
        }
        paymentSchedule = try root["paymentSchedule"].optional(Self.paymentSchedule)
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
        warnings = try root["warnings"].array { warning throws(SettlementDocumentError) in
            try Self.warning(warning, coded: coded)
        }
    }

    /// The formats read, newest first: `capitation-settlement/3, /2 and /1`.
    static var readableFormatNames: String {
        let newest = Array(SettlementJSON.readableFormats.reversed())
        let versions = newest.dropFirst().map { "/" + ($0.split(separator: "/").last.map(String.init) ?? $0) }
        return ReportLocale.list([newest[0]] + versions, and: " and ")
    }

    private static func threshold(_ field: Field) throws(SettlementDocumentError) -> Threshold {
        Threshold(
            mode: try field["mode"].code(),
            percent: try field["percent"].decimal(),
            table: try field["table"].optional { table throws(SettlementDocumentError) in try table.string() },
            confidence: try field["confidence"].optional { level throws(SettlementDocumentError) in
                try level.decimal()
            },
            populationSize: try field["populationSize"].int(),
            met: try field["met"].bool()
        )
    }

    /// The quality result.
    ///
    /// `unobserved` and each indicator's `observations`, `whenUnobserved` and `inScore` were added to the
    /// format later; a settlement written without them reads as every indicator in the score, observed
    /// when measured.
    private static func quality(_ field: Field, coded: Bool) throws(SettlementDocumentError) -> Quality {
        let indicators = try field["indicators"].array { indicator throws(SettlementDocumentError) in
            let measured = try indicator["measured"].bool()
            let unit: IndicatorUnit = try indicator["unit"].code()
            let inScore = try indicator["inScore"].ifPresent { flag throws(SettlementDocumentError) in
                try flag.bool()
            }
            return Indicator(
                id: try indicator["id"].string(),
                label: try indicator["label"].ifPresent { label throws(SettlementDocumentError) in try label.string() },
                unit: unit,
                better: try indicator["better"].code(),
                measured: measured,
                observations: try indicator["observations"].ifPresent { kind throws(SettlementDocumentError) in
                    try kind.code()
                } ?? Self.observations(measured: measured, unit: unit),
                whenUnobserved: try indicator["whenUnobserved"].ifPresent { rule throws(SettlementDocumentError) in
                    try rule.code()
                },
                inScore: inScore ?? true,
                value: try indicator["value"].optional { value throws(SettlementDocumentError) in
                    try value.decimal()
                },
                baseline: try indicator["baseline"].decimal(),
                target: try indicator["target"].decimal(),
                floor: try indicator["floor"].decimal(),
                weight: try indicator["weight"].decimal(),
                mandatory: try indicator["mandatory"].bool(),
                points: try indicator["points"].optional { points throws(SettlementDocumentError) in
                    try points.decimal()
                }
            )
        }
        return Quality(
            score: try field["score"].decimal(),
            minimumScore: try field["minimumScore"].decimal(),
            gatePassed: try field["gatePassed"].bool(),
            gateFailures: try field["gateFailures"].array { failure throws(SettlementDocumentError) in
                try Self.gateFailure(failure, coded: coded)
            },
            unobserved: try field["unobserved"].ifPresent { list throws(SettlementDocumentError) in
                try list.array { id throws(SettlementDocumentError) in try id.string() }
            } ?? indicators.filter { $0.observations == .unobserved }.map(\.id),
            indicators: indicators
        )
    }

    /// What an indicator's observations were, for a settlement that does not say: `events` or
    /// `measured-values` when it has a value, `none` otherwise.
    private static func observations(measured: Bool, unit: IndicatorUnit) -> Observations {
        guard measured else { return .unobserved }
        return unit == .perThousandPersonYears ? .events : .measuredValues
    }

    private static func sharing(
        _ field: Field,
        totals: Totals,
        sides: SharedSavingsTerms.Sides?
    ) throws(SettlementDocumentError) -> Sharing {
        let model: Model = try field["model"].code()
        let outcome: SharingOutcome
        var quality: QualityApplication?
        if field["outcome"].json == nil {
            // Format 1 wrote the outcome as a sentence; the figures tell which rule applied.
            let explanation = try field["explanation"].string()
            outcome = Self.outcome(
                model: model,
                shared: field["sharedBaseCents"].json.map { $0 != .null } ?? false,
                lossShared: field["lossSharingRate"].json.map { $0 != .null } ?? false,
                savings: totals.savings,
                oneSided: sides == .one
            )
            if explanation.contains("× quality score") {
                quality = .multiply
            } else if explanation.contains("the quality gate passed") {
                quality = .gate
            } else if explanation.contains("quality does not apply") {
                quality = QualityApplication.none
            }
        } else {
            let outcomeField = field["outcome"]
            guard let read = SharingOutcome(rawValue: try outcomeField.string()) else {
                throw outcomeField.problem(
                    "must be one of " + SharingOutcome.allCases.map(\.rawValue).joined(separator: ", ")
                )
            }
            outcome = read
            quality = try field["quality"].optional { application throws(SettlementDocumentError) in
                guard let rule = QualityApplication(rawValue: try application.string()) else {
                    throw application.problem(
                        "must be one of " + QualityApplication.allCases.map(\.rawValue).joined(separator: ", ")
                    )
                }
                return rule
            }
        }
        return Sharing(
            model: model,
            outcome: outcome,
            quality: quality,
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
            earnedAfterCap: try field["earnedAfterCapCents"].cents(),
            paymentReduction: try field["paymentReductionCents"].cents(),
            payout: try field["payoutCents"].cents(),
            lossSharingRate: try field["lossSharingRate"].optional { rate throws(SettlementDocumentError) in
                try rate.decimal()
            },
            sharedLoss: try field["sharedLossCents"].cents(),
            lossCap: try field["lossCapCents"].optional { cap throws(SettlementDocumentError) in try cap.cents() },
            lossCapped: try field["lossCapped"].bool(),
            lossPayment: try field["lossPaymentCents"].cents()
        )
    }

    /// The outcome of a settlement of format 1, from its model and figures.
    private static func outcome(
        model: Model,
        shared: Bool,
        lossShared: Bool,
        savings: Cents,
        oneSided: Bool
    ) -> SharingOutcome {
        switch model {
        case .feeForService: return .feeForService
        case .capitation: return .capitationResult
        case .sharedSavings: break
        }
        if shared { return .savingsShared }
        if lossShared { return .lossShared }
        if savings > .zero { return .savingsBelowMinimum }
        if savings < .zero { return oneSided ? .lossNotShared : .lossBelowMinimum }
        return .breakEven
    }

    private static func runOut(_ field: Field) throws(SettlementDocumentError) -> RunOutResult {
        let stageField = field["stage"]
        guard let stage = SettlementStage(rawValue: try stageField.string()) else {
            throw stageField.problem("must be provisional or final")
        }
        func total(_ field: Field) throws(SettlementDocumentError) -> CapitationCore.LineTotal {
            CapitationCore.LineTotal(lines: try field["lines"].int(), amount: try field["amountCents"].cents())
        }
        return RunOutResult(
            stage: stage,
            months: try field["months"].int(),
            cutOff: try field["cutOff"].date(),
            receivedAfterCutOff: try total(field["receivedAfterCutOff"]),
            undated: try total(field["undated"]),
            completion: try field["completion"].array { entry throws(SettlementDocumentError) in
                CompletionResult(
                    regime: try entry["regime"].regime(),
                    baselineYears: try entry["baselineYears"].array { year throws(SettlementDocumentError) in
                        try year.int()
                    },
                    baselineClaims: try entry["baselineClaimsCents"].cents(),
                    development: try entry["development"].array { lag throws(SettlementDocumentError) in
                        CompletionResult.DevelopmentLag(
                            lag: try lag["lag"].int(),
                            origins: try lag["origins"].int(),
                            received: try lag["receivedCents"].cents(),
                            receivedNext: try lag["receivedNextCents"].cents(),
                            ageToAgeFactor: try lag["ageToAgeFactor"].optional {
                                factor throws(SettlementDocumentError) in
                                try factor.decimal()
                            }
                        )
                    },
                    months: try entry["months"].array { month throws(SettlementDocumentError) in
                        CompletionResult.ServiceMonth(
                            month: try month["month"].date(),
                            age: try month["age"].int(),
                            finalAge: try month["finalAge"].int(),
                            received: try month["receivedCents"].cents(),
                            developmentFactor: try month["developmentFactor"].decimal(),
                            completionFactor: try month["completionFactor"].decimal(),
                            estimate: try month["estimateCents"].cents()
                        )
                    },
                    undated: try total(entry["undated"]),
                    baselineUndated: try total(entry["baselineUndated"]),
                    estimate: try entry["estimateCents"].cents()
                )
            },
            trueUp: try field["trueUp"].optional { trueUp throws(SettlementDocumentError) in
                TrueUp(
                    provisionalCutOff: try trueUp["provisionalCutOff"].date(),
                    provisionalFile: try trueUp["provisionalFile"].optional { file throws(SettlementDocumentError) in
                        TrueUp.File(path: try file["path"].string(), sha256: try file["sha256"].string())
                    },
                    lines: try trueUp["parties"].array { line throws(SettlementDocumentError) in
                        TrueUp.Line(
                            party: PartyID(try line["party"].string()),
                            provisional: try line["provisionalNetCents"].cents(),
                            final: try line["finalNetCents"].cents(),
                            change: try line["changeCents"].cents()
                        )
                    },
                    estimates: try trueUp["regimes"].ifPresent { list throws(SettlementDocumentError) in
                        try list.array { check throws(SettlementDocumentError) in
                            TrueUp.EstimateCheck(
                                regime: try check["regime"].regime(),
                                estimated: try check["estimatedCents"].cents(),
                                countedSince: try check["countedSinceCents"].cents()
                            )
                        }
                    } ?? []
                )
            }
        )
    }

    private static func trendAdjustment(_ field: Field) throws(SettlementDocumentError) -> TrendAdjustmentResult {
        TrendAdjustmentResult(
            year: try field["year"].int(),
            forecastFactor: try field["forecastFactor"].decimal(),
            actualPercent: try field["actualTrendPercent"].optional { percent throws(SettlementDocumentError) in
                try percent.percentage()
            },
            ratio: try field["ratio"].optional(decimal),
            appliedFactor: try field["appliedFactor"].decimal(),
            threshold: try field["thresholdPercent"].percentage(),
            corridors: try field["corridors"].array { corridor throws(SettlementDocumentError) in
                TrendCorridor(
                    from: try corridor["fromPercent"].percentage(),
                    to: try corridor["toPercent"].optional { to throws(SettlementDocumentError) in try to.percentage()
                    },
                    borne: try corridor["bornePercent"].percentage()
                )
            }
        )
    }

    private static func decimal(_ field: Field) throws(SettlementDocumentError) -> ExactDecimal {
        try field.decimal()
    }

    private static func riskModel(_ field: Field) throws(SettlementDocumentError) -> RiskModel {
        RiskModel(
            model: try field["model"].string(),
            regimes: try field["regimes"].array { regime throws(SettlementDocumentError) in try regime.string() },
            riskWeightedDays: try field["riskWeightedDays"].decimal(),
            meanScore: try field["meanScore"].decimal(),
            demographicMeanScore: try field["demographicMeanScore"].ifPresent(decimal),
            markerMeanScore: try field["markerMeanScore"].ifPresent(decimal),
            normalisationFactor: try field["normalisationFactor"].decimal(),
            growthCapPercent: try field["growthCapPercent"].optional { cap throws(SettlementDocumentError) in
                try cap.decimal()
            },
            growthCapBeyondDemographicPoints: try field["growthCapBeyondDemographicPoints"].ifPresent(decimal),
            baselineMeanScore: try field["baselineMeanScore"].optional { score throws(SettlementDocumentError) in
                try score.decimal()
            },
            baselineDemographicMeanScore: try field["baselineDemographicMeanScore"].ifPresent(decimal),
            demographicGrowth: try field["demographicGrowth"].ifPresent(decimal),
            growthCapApplied: try field["growthCapApplied"].bool(),
            budgetRiskWeightedDays: try field["budgetRiskWeightedDays"].decimal()
        )
    }

    private static func code(_ field: Field) throws(SettlementDocumentError) -> Code {
        func tally(_ field: Field) throws(SettlementDocumentError) -> Code.Tally {
            Code.Tally(
                lines: try field["lines"].int(),
                amount: try field["amountCents"].cents(),
                volume: try field["volume"].optional { volume throws(SettlementDocumentError) in try volume.int64() }
            )
        }
        return Code(
            regime: try field["regime"].string(),
            category: try field["category"].string(),
            product: try field["product"].string(),
            careProfile: try field["careProfile"].optional { profile throws(SettlementDocumentError) in
                try profile.string()
            },
            unit: try field["unit"].optional { unit throws(SettlementDocumentError) in try unit.string() },
            accepted: try tally(field["accepted"]),
            outOfScope: try tally(field["outOfScope"])
        )
    }

    private static func paymentSchedule(_ field: Field) throws(SettlementDocumentError) -> PaymentSchedule {
        PaymentSchedule(
            financiers: try field["financiers"].array { financier throws(SettlementDocumentError) in
                FinancierSchedule(
                    financier: PartyID(rawValue: try financier["financier"].string()),
                    regime: try financier["regime"].regime(),
                    months: try financier["months"].array { month throws(SettlementDocumentError) in
                        MonthlyPayment(
                            counted: try month["counted"].date(),
                            days: try month["days"].int(),
                            members: try month["members"].int(),
                            riskWeightedMembers: try month["riskWeightedMembers"].decimal(),
                            amount: try month["amountCents"].cents()
                        )
                    },
                    prospective: try financier["prospectiveCents"].cents(),
                    capitationBudget: try financier["capitationBudgetCents"].cents(),
                    claimsBorne: try financier["claimsBorneCents"].cents(),
                    providersResult: try financier["providersResultCents"].cents(),
                    due: try financier["dueCents"].cents(),
                    reconciliation: try financier["reconciliationCents"].cents()
                )
            }
        )
    }

    /// The chance analysis as ``ChanceJSON`` writes it; probabilities come back as counts of resamples.
    private static func chance(_ field: Field) throws(SettlementDocumentError) -> ChanceAnalysis {
        let resamples = try field["resamples"].int()
        func proportion(_ field: Field) throws(SettlementDocumentError) -> Proportion {
            let count = try field["resamples"].int()
            guard (0...resamples).contains(count) else {
                throw field["resamples"].problem("must lie between 0 and the \(resamples) resamples")
            }
            return Proportion(count, of: resamples)
        }
        func threshold(_ field: Field, _ key: String) throws(SettlementDocumentError) -> ChanceAnalysis.Threshold? {
            try field.optional { threshold throws(SettlementDocumentError) in
                ChanceAnalysis.Threshold(
                    rate: try threshold["rate"].percentage(),
                    byChance: try proportion(threshold[key])
                )
            }
        }
        let seedField = field["seed"]
        guard let seed = UInt64(try seedField.string()) else {
            throw seedField.problem("must be a whole number in a string")
        }
        let interval = field["interval"]
        return ChanceAnalysis(
            members: try field["members"].int(),
            resamples: resamples,
            seed: seed,
            observedRate: try field["observedRate"].decimal(),
            standardError: try field["standardError"].decimal(),
            bootstrapStandardError: try field["bootstrapStandardError"].decimal(),
            resultByChance: try proportion(field["resultByChance"]),
            payout: try threshold(field["minimumSavingsRate"], "payoutByChance"),
            loss: try threshold(field["minimumLossRate"], "lossByChance"),
            interval: ChanceAnalysis.Interval(
                level: try interval["level"].percentage(),
                low: try interval["low"].decimal(),
                high: try interval["high"].decimal()
            ),
            requiredRates: try field["requiredMinimumSavingsRates"].array { rate throws(SettlementDocumentError) in
                ChanceAnalysis.RequiredRate(
                    confidence: try rate["confidence"].percentage(),
                    bootstrap: try rate["bootstrap"].percentage(),
                    normal: try rate["normal"].optional { normal throws(SettlementDocumentError) in
                        try normal.percentage()
                    }
                )
            },
            power: try field["power"].array { power throws(SettlementDocumentError) in
                ChanceAnalysis.Power(
                    trueSaving: try power["trueSaving"].percentage(),
                    probability: try proportion(power["probability"])
                )
            }
        )
    }
}

/// A value of the document with its path, for messages.
struct Field {
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

    func int64() throws(SettlementDocumentError) -> Int64 {
        guard case .integer(let value)? = json else { throw problem("must be a whole number") }
        return value
    }

    func percentage() throws(SettlementDocumentError) -> Percentage {
        Percentage(try decimal())
    }

    /// Why a payment is made, as the document writes it.
    func transferReason() throws(SettlementDocumentError) -> SettlementDocument.TransferReason {
        guard let reason = SettlementDocument.TransferReason(written: try string()) else {
            throw problem(
                "must be 'lump sum: LABEL', 'shared savings', 'shared losses', 'capitation result' or "
                    + "'transfer: LABEL'"
            )
        }
        return reason
    }

    /// A value of a closed set, by its name in the document: a rounding rule, a role, a reason.
    func code<Code: RawRepresentable & CaseIterable>() throws(SettlementDocumentError) -> Code
    where Code.RawValue == String {
        guard let code = Code(rawValue: try string()) else {
            throw problem("must be one of " + Code.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return code
    }

    func regime() throws(SettlementDocumentError) -> Regime {
        guard let regime = Regime(rawValue: try string()) else {
            throw problem("must be one of \(Regime.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return regime
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

    /// `nil` when the field is missing (a key that earlier versions did not write) or `null`; otherwise
    /// the value read by `read`.
    func ifPresent<Value>(
        _ read: (Field) throws(SettlementDocumentError) -> Value
    ) throws(SettlementDocumentError) -> Value? {
        guard let json else { return nil }
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
