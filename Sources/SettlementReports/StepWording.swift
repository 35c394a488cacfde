import CapitationCore

/// A calculation step's description and formula in the report's language.
///
/// In English they are the step's own, as `settlement.json` records them. In Dutch they are written for each
/// kind of step from what the step records (its identifier, and which inputs and results it has, as the
/// formula's options follow them); a step of a kind this version does not know keeps its own words.
struct StepWording {
    var description: String
    var formula: String

    init(_ step: SettlementDocument.Step, _ locale: ReportLocale) {
        description = step.description
        formula = step.formula
        guard locale == .dutch, let dutch = Self.dutch(step) else { return }
        (description, formula) = dutch
    }

    private static func has(_ json: JSONValue, _ key: String) -> Bool {
        guard case .object(let members) = json else { return false }
        return members.contains { $0.key == key && $0.value != .null }
    }

    private static func text(_ json: JSONValue, _ key: String) -> String? {
        guard case .object(let members) = json, case .string(let text)? = members.first(where: { $0.key == key })?.value
        else { return nil }
        return text
    }

    /// What follows the description's first `: `: the label of an agreed transfer, as the contract names it.
    private static func label(_ description: String) -> String {
        guard let colon = description.firstRange(of: ": ") else { return "" }
        return String(description[colon.upperBound...])
    }

    private static func dutch(_ step: SettlementDocument.Step) -> (String, String)? {
        let id = step.id
        let (kind, subject) =
            id.firstIndex(of: ".").map { (String(id[..<$0]), String(id[id.index(after: $0)...])) } ?? (id, "")
        let inputs = step.inputs
        let result = step.result
        switch kind {
        case "population":
            return (
                "Leden van de populatie en hun dagen in de periode",
                "persoonsjaren = blootstellingsdagen ÷ dagen in de periode"
            )
        case "risk":
            var formula =
                "score = (celgewicht + markergewichten + interactiegewichten) × normalisatiefactor; risicogewogen "
                + "dagen = Σ score × dagen; gemiddelde = risicogewogen dagen ÷ blootstellingsdagen; demografisch "
                + "gemiddelde = Σ celgewicht × normalisatiefactor × dagen ÷ blootstellingsdagen; markergemiddelde = "
                + "gemiddelde − demografisch gemiddelde"
            if has(inputs, "growthCapPercent"), has(inputs, "baselineMeanScore") {
                formula += "; grens van de hele score = nulmeting × (1 + plafond)"
            }
            if has(result, "demographicGrowth") {
                formula +=
                    "; demografische groei = round6(demografisch gemiddelde ÷ demografisch gemiddelde van de "
                    + "nulmeting); grens boven het demografische deel = nulmeting × (demografische groei + punten ÷ 100)"
            }
            if has(result, "cappedMeanScore") {
                formula +=
                    "; begrensd gemiddelde = de laagste grens; als risicogewogen dagen ÷ blootstellingsdagen (het exacte "
                    + "gemiddelde, niet de afgeronde gemiddelde score) > begrensd gemiddelde, dan risicogewogen dagen = "
                    + "begrensd gemiddelde × blootstellingsdagen"
            }
            return ("Risicoscores onder model '\(subject)'", formula)
        case "benchmark" where subject.hasPrefix("risk."):
            return (
                "De gemiddelde risicoscore van de nulmeting onder model '\(subject.dropFirst(5))' waarmee het "
                    + "groeiplafond vergelijkt",
                "gemiddelde van de nulmeting = round6(Σ gewicht × gemiddelde score van het jaar ÷ Σ gewicht); het "
                    + "demografische deel evenzo"
            )
        case "benchmark":
            return (
                "Het bedrag per persoon van de \(subject), herijkt op de jaren van de nulmeting",
                "bedrag per persoon = round(Σ gewicht × kosten × dagen in de periode ÷ risicogewogen dagen × "
                    + "trendfactor ÷ Σ gewicht)"
            )
        case "budget":
            var factors = ""
            if has(inputs, "trendPercent") { factors += " × Π (1 + trend)" }
            if has(inputs, "discountPercent") { factors += " × (1 − korting)" }
            let adjusted = has(inputs, "trendAdjustmentThresholdPercent")
            if adjusted { factors += " × trendcorrectiefactor" }
            var formula =
                "capitatiebudget = round(bedrag per persoon × risicogewogen dagen ÷ dagen in de periode\(factors)); "
                + "budget = capitatiebudget + vaste bedragen"
            if adjusted {
                formula +=
                    "; voorspelde factor = 1 + voorspelde trend, of Π (1 + trend) als de werkelijke er geen noemt; "
                    + "trendverhouding = (1 + werkelijke trend) ÷ voorspelde factor; trendcorrectiefactor = 1 als "
                    + "|verhouding − 1| ≤ drempel, anders 1 ± Σ gedragen deel van de corridor × deel van |verhouding "
                    + "− 1| in de corridor, met het teken van verhouding − 1 (exact; getoond op zes decimalen)"
            }
            return ("Budget van de \(subject)", formula)
        case "reconciliation":
            return (
                "Elke declaratieregel geaccepteerd of om één reden afgewezen; creditregels verrekend met de regels "
                    + "die ze corrigeren",
                "gelezen = geaccepteerd + weggelaten door pro rata + Σ afgewezen (regels en bedragen)"
            )
        case "truncation":
            return (
                "De jaarkosten van elk lid afgetopt",
                "overschot = max(0, kosten van het lid − drempel), verdeeld over de stelsels van het lid naar hun kosten"
            )
        case "run-out":
            let stage = text(inputs, "stage") == "final" ? "definitieve" : "voorlopige"
            return (
                "De \(stage) afrekening telt de declaratieregels die vóór de peildatum zijn ontvangen",
                "peildatum = de laatste dag van de maand zoveel maanden na de laatste maand van de periode"
            )
        case "completion":
            return (
                "De nog niet ontvangen declaraties van de \(subject), geschat uit hoe snel de declaraties van de "
                    + "nulmetingsjaren binnenkwamen (chain-ladder)",
                "ontwikkelfactor f(k) = Σ C(k + 1) ÷ Σ C(k) over de zorgmaanden van de nulmeting die op k + 1 zijn "
                    + "waargenomen (C(k): ontvangen binnen k maanden); schatting = Σ over de zorgmaanden van ontvangen × "
                    + "(Π f(k) voor k van de leeftijd van de maand op de peildatum tot die op de definitieve peildatum "
                    + "− 1), één keer afgerond"
            )
        case "savings" where subject.isEmpty:
            return (
                "Totaal budget, uitgaven en besparing",
                "totalen zijn sommen over de stelsels; besparingspercentage = besparing ÷ budget"
            )
        case "savings":
            let estimate = has(inputs, "notYetReceivedCents") ? " + nog niet ontvangen declaraties (geschat)" : ""
            return (
                "Uitgaven en besparing van de \(subject)",
                "uitgaven = geaccepteerde declaraties − afgetopt + vaste bedragen\(estimate); besparing = budget − "
                    + "uitgaven; besparingspercentage = besparing ÷ budget"
            )
        case "minimumSavingsRate" where subject == "confidence", "minimumLossRate" where subject == "confidence":
            return (
                "Een minimale drempel uit de spreiding van de kosten van de leden",
                "drempel = z × standaardfout × 100 %; standaardfout² = Σ (cᵢ − R eᵢ − x̄)² ÷ E², R = C ÷ E, over "
                    + "de kosten c en budgetaandelen e van de leden (E, C met vaste bedragen); standaardfout op acht "
                    + "decimalen, naar beneden afgerond"
            )
        case "minimumSavingsRate":
            return (
                "De minimale besparingsdrempel en of het besparingspercentage die haalt",
                "gehaald als besparing > 0 en besparing × 100 ≥ drempel × budget"
            )
        case "minimumLossRate":
            return (
                "De minimale verliesdrempel en of het verlies die haalt",
                "gehaald als besparing < 0 en −besparing × 100 ≥ drempel × budget"
            )
        case "quality" where subject.isEmpty:
            return (
                "De kwaliteitsscore en haar drempels",
                "score = Σ gewicht × punten ÷ Σ gewicht, over de indicatoren in de score; de drempel is gehaald als "
                    + "score ≥ minimum en elke verplichte indicator gemeten is en niet voorbij haar ondergrens ligt"
            )
        case "quality":
            let value =
                has(inputs, "events")
                ? "waarde = gebeurtenissen × 1000 × dagen in de periode ÷ blootstellingsdagen"
                : "waarde = Σ waarde × respondenten ÷ Σ respondenten"
            let unobserved =
                has(result, "value")
                ? "" : "; zonder waarnemingen: nul punten, of buiten de score, zoals het contract bepaalt"
            return (
                "Punten van indicator '\(subject)'",
                value + "; punten = (waarde − ondergrens) ÷ (doel − ondergrens), begrensd op 0…1" + unobserved
            )
        case "sharing" where has(result, "earnedCents"):
            return (
                "Gedeelde besparing verdiend door de zorgaanbieders",
                "definitief deelpercentage = deelpercentage × kwaliteitsfactor; verdiend = round(te delen basis × "
                    + "definitief percentage); begrensd op round(budget × plafond); uitbetaling = begrensd − "
                    + "round(begrensd × betalingskorting)"
            )
        case "sharing" where has(result, "sharedLossCents"):
            return (
                "Gedeeld verlies gedragen door de zorgaanbieders",
                "gedeeld verlies = round(verlies × verliesdeelpercentage), begrensd op round(budget × verliesplafond)"
            )
        case "sharing":
            return (
                "Er wordt niets gedeeld",
                "een besparing wordt alleen gedeeld als ze de minimale besparingsdrempel haalt (een verlies: de "
                    + "minimale verliesdrempel)"
            )
        case "capitation":
            let corridors = has(result, "keptCents")
            return (
                "Het resultaat van de zorgaanbieders onder capitatie",
                corridors
                    ? "resultaat van de zorgaanbieders = teken(besparing) × Σ aandeel van de band × (deel van "
                        + "|besparing| in de band), banden in % van het budget"
                    : "resultaat van de zorgaanbieders = budget − uitgaven"
            )
        case "chance":
            return (
                "Hoe waarschijnlijk een resultaat zo ver van nul is door toeval alleen: de leden opnieuw getrokken met "
                    + "teruglegging",
                "getrokken percentage = 1 − Σ kosten ÷ Σ budgetaandeel over n leden getrokken met teruglegging; zonder "
                    + "werkelijk effect is het percentage verdeeld als getrokken − waargenomen; kansen zijn aandelen "
                    + "van de trekkingen"
            )
        case "distribution":
            let losses = subject == "losses"
            let rule = text(inputs, losses ? "lossFinancing" : "financing") ?? "?"
            return (
                losses
                    ? "Het gedeelde verlies verdeeld over de financiers die het ontvangen, elk deel over de ontvangers "
                        + "die het betalen"
                    : "De uitbetaling verdeeld over de financiers die haar betalen, elk deel over de ontvangers",
                "delen van de financiers = bedrag × gewicht ÷ Σ gewichten (\(Self.financing(rule))), grootste rest, gelijke resten naar de kleinste partij-id; daarna het deel van elke "
                    + "financier op dezelfde manier verdeeld over de ontvangers naar hun aandelen (groepen naar "
                    + "toegerekende leden)"
            )
        case "transfer":
            let from = text(inputs, "from") ?? "?"
            let to = text(inputs, "to") ?? "?"
            return (
                "Overdracht van \(from) aan \(to): \(label(step.description))",
                has(inputs, "sharePercent")
                    ? "round(max(0, behouden besparing) × percentage); behouden besparing = besparing − betaalde "
                        + "uitbetaling + ontvangen verlies"
                    : "het afgesproken bedrag"
            )
        case "parties":
            return (
                "Wat elke partij betaalt en ontvangt onder de afrekening",
                "saldo = ontvangt − betaalt; Σ saldo over alle partijen = 0"
            )
        case "schedule":
            return (
                "Vooruitbetaalde capitatie van \(subject) en de verrekening aan het eind van het jaar",
                "maand = round(bedrag per persoon × trends × (1 − korting) × Σ scores van de leden in de populatie op "
                    + "de eerste dag van de maand × het aandeel van de maand in de periode); aandeel = dagen van de "
                    + "maand in de periode ÷ dagen van de maand ÷ Σ hetzelfde over de maanden van de periode (1/12 in "
                    + "een jaar); verschuldigd = declaraties na aftopping + resultaat van de zorgaanbieders; "
                    + "verrekening = verschuldigd − Σ maanden"
            )
        default:
            return nil
        }
    }

    /// A financing rule in Dutch words.
    private static func financing(_ rule: String) -> String {
        [
            "proportional-to-savings": "naar besparing", "proportional-to-losses": "naar verlies",
            "proportional-to-budget": "naar budget", "fixed-shares": "vaste aandelen",
        ][rule] ?? rule
    }
}
