import CapitationCore

/// A calculation step's inputs or results, as `settlement.json` has them, written as rows of a table.
enum StepValues {
    /// A step's values as rows: amounts (keys ending in `Cents`, and the members of such a group) in euros,
    /// percentages with `%`, groups as `group › member`.
    static func rows(
        _ json: JSONValue,
        _ locale: ReportLocale,
        prefix: String = "",
        unitKey: String? = nil
    ) -> [(name: String, value: String)] {
        guard case .object(let members) = json else {
            return [(prefix, display(json, key: unitKey ?? "", locale))]
        }
        var rows: [(name: String, value: String)] = []
        for (key, value) in members {
            let name = (prefix.isEmpty ? "" : prefix + " › ") + label(key, locale, group: unitKey)
            // Within a group, the group's key says what its members are: `partCents` › `insurer-a`.
            let unit = unitKey ?? key
            if case .object = value {
                rows += self.rows(value, locale, prefix: name, unitKey: unit)
            } else {
                rows.append((name, display(value, key: unit, locale)))
            }
        }
        return rows
    }

    /// The key in words, without its unit suffix: `riskWeightedDaysCents` → `risk weighted days`.
    ///
    /// In Dutch `risicogewogen dagen`; a key this version has no Dutch words for is written in English words,
    /// a member of a group (a party, a regime, a month) as it is, and a reason in the report's language.
    private static func label(_ key: String, _ locale: ReportLocale, group: String? = nil) -> String {
        // Members of a group of reasons are reasons.
        switch group {
        case "excluded": return IneligibilityReason(rawValue: key).map(ReportTerms(locale).exclusion) ?? key
        case "rejectedLines", "rejectedCents":
            return RejectionReason(rawValue: key).map(ReportTerms(locale).rejection) ?? key
        default: break
        }
        var name = key
        for suffix in ["Cents", "Percent"] where key.hasSuffix(suffix) && key.count > suffix.count {
            name = String(key.dropLast(suffix.count))
        }
        if locale == .dutch, group == nil, let dutch = dutchNames[name] { return dutch }
        // `1.sameMonths` in a group of lags: the lag, counted over the same months as the one before it.
        if group != nil, key.hasSuffix(".sameMonths") {
            return key.dropLast(".sameMonths".count) + locale.pick(", same months", ", dezelfde maanden")
        }
        var words = ""
        for character in name {
            if character.isUppercase, !words.isEmpty, words.last != " " {
                words += " " + character.lowercased()
            } else {
                words.append(character)
            }
        }
        return words
    }

    /// Rates recorded as fractions, shown as percentages: `0.154366` → `15.4366 %`.
    private static let fractionRates: Set<String> = [
        "savingsRate", "observedRate", "standardError", "bootstrapStandardError", "intervalLow", "intervalHigh",
        "resultByChance", "payoutByChance", "lossByChance",
    ]

    /// The Dutch words of the codes that steps record as text, by their key.
    private static let dutchCodes: [String: [String: String]] = [
        "mode": [
            "fixed": "vast", "table": "tabel", "confidence": "betrouwbaarheid",
            "same-as-savings": "gelijk aan de besparingsdrempel",
        ],
        "observations": [
            "events": "gebeurtenissen", "measured-values": "gemeten waarden",
            "declared-no-events": "geen gebeurtenissen (verklaard)", "none": "geen",
        ],
        "whenUnobserved": ["zero-points": "nul punten", "leave-out": "buiten de score", "refuse": "weigeren"],
        "quality": ["multiply": "vermenigvuldigen met de score", "gate": "drempel", "none": "telt niet mee"],
        "basis": ["first-euro": "vanaf de eerste euro", "above-minimum": "boven de besparingsdrempel"],
        "financing": [
            "proportional-to-savings": "naar besparing", "proportional-to-budget": "naar budget",
            "fixed-shares": "vaste aandelen",
        ],
        "lossFinancing": [
            "proportional-to-losses": "naar verlies", "proportional-to-budget": "naar budget",
            "fixed-shares": "vaste aandelen",
        ],
        "stage": ["provisional": "voorlopig", "final": "definitief"],
        "rule": ["per-member-annual": "vast bedrag per lid", "percentile": "percentiel"],
    ]

    /// The Dutch words of the steps' keys.
    private static let dutchNames: [String: String] = [
        "rosterMembers": "mensen op de lijst", "period": "periode", "ages": "leeftijden", "agesOn": "leeftijd op",
        "postcodes": "postcodes", "municipalities": "gemeenten", "insurers": "zorgverzekeraars",
        "percentile": "percentiel", "nearestRank": "rang",
        "daysInPeriod": "dagen in de periode", "excluded": "uitgesloten", "members": "leden",
        "exposureDays": "blootstellingsdagen", "personYears": "persoonsjaren",
        "normalisationFactor": "normalisatiefactor", "growthCap": "groeiplafond",
        "growthCapBeyondDemographic": "groeiplafond boven het demografische deel",
        "baselineMeanScore": "gemiddelde score nulmeting",
        "baselineDemographicMeanScore": "demografisch gemiddelde nulmeting",
        "riskWeightedDays": "risicogewogen dagen",
        "riskWeightedDays (no risk model: exposure days)":
            "risicogewogen dagen (geen risicomodel: blootstellingsdagen)",
        "meanScore": "gemiddelde score", "demographicRiskWeightedDays": "demografisch gewogen dagen",
        "demographicMeanScore": "demografisch gemiddelde", "markerMeanScore": "gemiddelde van de markers",
        "demographicGrowth": "demografische groei", "limitOfWholeScore": "grens van de hele score",
        "limitBeyondDemographic": "grens boven het demografische deel", "cappedMeanScore": "begrensd gemiddelde",
        "growthCapApplied": "groeiplafond toegepast", "perCapitaAnnual": "bedrag per persoon per jaar",
        "trend": "trend", "discount": "korting", "actualTrend": "werkelijke trend",
        "forecastTrend": "voorspelde trend", "trendAdjustmentThreshold": "drempel trendcorrectie",
        "corridorBorne": "gedragen deel van de corridor", "lumpSums": "vaste bedragen",
        "forecastFactor": "voorspelde factor", "trendRatio": "trendverhouding",
        "trendAdjustmentFactor": "trendcorrectiefactor", "riskWeightedPersonYears": "risicogewogen persoonsjaren",
        "capitationBudget": "capitatiebudget", "budget": "budget", "readLines": "gelezen regels", "read": "gelezen",
        "acceptedLines": "geaccepteerde regels", "accepted": "geaccepteerd",
        "proRataExcluded": "weggelaten door pro rata", "rejectedLines": "afgewezen regels", "rejected": "afgewezen",
        "rule": "regel", "threshold": "drempel", "membersTruncated": "afgetopte leden", "truncated": "afgetopt",
        "stage": "fase", "periodEnd": "einde van de periode", "months": "maanden", "cutOff": "peildatum",
        "receivedAfterCutOffLines": "regels ontvangen na de peildatum",
        "receivedAfterCutOff": "ontvangen na de peildatum", "undatedLines": "regels zonder ontvangstdatum",
        "baselineYears": "nulmetingsjaren", "receivedWithin": "ontvangen binnen", "received": "ontvangen",
        "age": "leeftijd", "finalAge": "leeftijd op de definitieve peildatum", "ageToAgeFactor": "ontwikkelfactor",
        "developmentFactor": "cumulatieve ontwikkelfactor", "estimate": "schatting",
        "acceptedClaims": "geaccepteerde declaraties",
        "notYetReceived": "nog niet ontvangen", "expenditure": "uitgaven", "savings": "besparing",
        "savingsRate": "besparingspercentage", "outOfScope": "buiten de scope", "mode": "wijze",
        "populationSize": "omvang van de populatie", "table": "tabel", "confidence": "betrouwbaarheid",
        "rate": "drempel", "met": "gehaald", "z": "z", "standardError": "standaardfout",
        "observations": "waarnemingen", "whenUnobserved": "zonder waarnemingen", "events": "gebeurtenissen",
        "excludedEvents": "niet meegetelde gebeurtenissen", "valueTimesRespondents": "waarde × respondenten",
        "respondents": "respondenten", "baseline": "nulmeting", "target": "doel", "floor": "ondergrens",
        "weight": "gewicht", "measured": "gemeten", "value": "waarde", "points": "punten", "inScore": "in de score",
        "leftOut": "buiten de score", "minimumScore": "minimumscore", "score": "score", "gatePassed": "drempel gehaald",
        "sharingRate": "deelpercentage", "quality": "kwaliteit", "qualityFactor": "kwaliteitsfactor",
        "basis": "soort grondslag", "savingsCap": "besparingsplafond", "paymentReduction": "betalingskorting",
        "finalSharingRate": "definitief deelpercentage", "sharedBase": "grondslag", "earned": "verdiend",
        "cap": "plafond", "capped": "begrensd", "reduction": "betalingskorting", "payout": "uitbetaling",
        "loss": "verlies",
        "lossCap": "verliesplafond", "lossSharingRate": "verliesdeelpercentage", "sharedLoss": "gedeeld verlies",
        "lossPayment": "verliesbetaling", "kept": "behouden", "providersResult": "resultaat van de zorgaanbieders",
        "resamples": "trekkingen", "seed": "startwaarde", "observedRate": "waargenomen percentage",
        "bootstrapStandardError": "standaardfout (bootstrap)", "resultByChance": "resultaat door toeval",
        "payoutByChance": "uitbetaling door toeval", "lossByChance": "verlies door toeval",
        "intervalLow": "interval van", "intervalHigh": "interval tot",
        "amount": "bedrag", "financing": "financiering", "lossFinancing": "financiering van verlies", "part": "deel",
        "from": "van", "to": "aan", "settledUnderTheContract": "verrekend onder het contract",
        "retainedSavings": "behouden besparing", "share": "aandeel", "transfers": "betalingen", "net": "saldo",
        "claimsBorne": "gedragen declaraties", "month": "maand", "prospective": "vooruitbetaald",
        "due": "verschuldigd", "reconciliation": "verrekening", "cost": "kosten", "trendFactor": "trendfactor",
    ]

    private static func display(_ value: JSONValue, key: String, _ locale: ReportLocale) -> String {
        switch value {
        case .integer(let number):
            return key.hasSuffix("Cents") ? locale.euros(Cents(number)) : locale.count(Int(number))
        case .string(let text):
            guard let decimal = try? ExactDecimal(parsing: text) else {
                return locale == .dutch ? dutchCodes[key]?[text] ?? locale.dateText(text) : text
            }
            if key.hasSuffix("Percent") { return locale.percent(decimal) }
            return fractionRates.contains(key) ? locale.rateAsPercent(decimal) : locale.decimal(decimal)
        case .bool(let flag): return ReportTerms(locale).yes(flag)
        case .null: return "–"
        case .array(let elements): return elements.map { display($0, key: key, locale) }.joined(separator: ", ")
        case .object: return value.serialized(pretty: false)
        }
    }
}
