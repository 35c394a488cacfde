public import CapitationCore

/// Warnings, quality-gate failures and accepted findings in a report's language, from the codes and
/// figures a settlement records.
///
/// English is the core's own wording (what the command line printed before reports had a language);
/// Dutch uses the terms the parties use and Dutch number formats. Names from the contract and the files
/// (ids, paths, attributes) stay as written, and so does the reason a claim line could not be read,
/// which is the input check's own message.
public enum WarningText: Sendable {
    /// A warning as the document records it, after its place: `contract.xml:12:5: <settlement>: …`.
    public static func warning(
        _ recorded: SettlementDocument.Recorded<SettlementWarning>,
        _ locale: ReportLocale
    ) -> String {
        switch recorded {
        case .data(let warning): Self.warning(warning, locale)
        case .sentence(let sentence): sentence
        }
    }

    /// A warning, after its place.
    public static func warning(_ warning: SettlementWarning, _ locale: ReportLocale) -> String {
        guard locale == .dutch else { return warning.description }
        return (warning.location.map { "\($0): " } ?? "") + dutch(warning.kind, locale)
    }

    /// A warning of an evaluation: `fieldlab, 2026: …`, in Dutch `fieldlab, 2026: …`, `vergelijkingsgroep, …`.
    public static func warning(_ warning: EvaluationWarning, _ locale: ReportLocale) -> String {
        guard locale == .dutch else { return warning.description }
        return switch warning.kind {
        case .measured(let population, let year, let measured):
            (population == .fieldlab ? "fieldlab" : "vergelijkingsgroep") + ", \(year): "
                + Self.warning(measured, locale)
        case .settlement(let year, let settled): "fieldlab, \(year), afrekening: " + Self.warning(settled, locale)
        case .placeboNotEstimated(let reason): "de placebo tussen de basisjaren kan niet worden geschat: \(reason)"
        }
    }

    /// A reason the quality gate fails, as the document records it.
    public static func gateFailure(
        _ recorded: SettlementDocument.Recorded<GateFailure>,
        _ locale: ReportLocale
    )
        -> String
    {
        switch recorded {
        case .data(let failure): gateFailure(failure, locale)
        case .sentence(let sentence): sentence
        }
    }

    /// A reason the quality gate fails.
    public static func gateFailure(_ failure: GateFailure, _ locale: ReportLocale) -> String {
        guard locale == .dutch else { return failure.message }
        return switch failure {
        case .noScore: "geen indicator heeft waarnemingen, dus er is geen kwaliteitsscore"
        case .scoreBelowMinimum(let score, let minimum):
            "de score \(locale.decimal(score)) ligt onder het minimum \(locale.decimal(minimum))"
        case .mandatoryUnobserved(let indicator): "verplichte indicator '\(indicator)' heeft geen waarnemingen"
        case .mandatoryBeyondFloor(let indicator, let value, let floor):
            "verplichte indicator '\(indicator)' ligt voorbij haar ondergrens (\(locale.decimal(value)), "
                + "ondergrens \(locale.decimal(floor)))"
        case .givenAsFailed: "volgens de casus is de kwaliteitsdrempel niet gehaald"
        }
    }

    /// An accepted finding, as the document records it, and then its first unreadable lines, each on a
    /// line of its own indented by two spaces more.
    public static func finding(_ accepted: SettlementDocument.AcceptedFinding, _ locale: ReportLocale) -> [String] {
        let text =
            switch accepted.finding {
            case .data(let kind): finding(kind, locale)
            case .sentence(let sentence): sentence
            }
        guard !accepted.examples.isEmpty else { return [text] }
        let lead = accepted.examples.count > 1 ? locale.pick("; the first lines:", "; de eerste regels:") : ":"
        return [text + lead] + accepted.examples.map { "  " + line($0, locale) }
    }

    /// An accepted finding: its subject, then what was found.
    public static func finding(_ kind: ClaimCompleteness.Finding.Kind, _ locale: ReportLocale) -> String {
        guard locale == .dutch else { return ClaimCompleteness.Finding(kind).description }
        let subject = kind.file ?? kind.regime.map { "stelsel \($0.rawValue)" } ?? ""
        let message =
            switch kind {
            case .fileWithoutClaimLines: "het bestand bevat geen declaratieregels"
            case .fileWithoutReadableLines(_, let lines):
                lines == 1
                    ? "zijn enige declaratieregel kan niet worden gelezen"
                    : "geen van zijn \(locale.count(lines)) declaratieregels kan worden gelezen"
            case .tooManyInvalidLines(_, let unreadable, let lines, let allowed):
                "\(locale.count(unreadable)) van zijn \(locale.count(lines)) declaratieregels kunnen niet worden "
                    + "gelezen, meer dan de \(locale.percent(allowed.value)) die het contract toestaat "
                    + "(reconciliation invalidLinesPercent)"
            case .regimeWithoutClaims:
                "geen geaccepteerde declaratieregel, dus de uitgaven zouden € 0,00 zijn tegenover het volledige budget: "
                    + "ontbreekt er een declaratiebestand?"
            case .linesWithoutReceiptDate(_, let lines, let amount, let cutOff):
                undated(lines, amount, locale)
                    + ", dus de peildatum \(locale.date(cutOff)) kan er niet op worden toegepast: geef elke regel "
                    + "zijn ontvangstdatum (de kolom received_date van de CSV)"
            }
        return subject + ": " + message
    }

    /// `line 12: reason` with `line` in the report's language; the reason is the input check's own.
    static func line(_ example: String, _ locale: ReportLocale) -> String {
        guard locale == .dutch, example.hasPrefix("line ") else { return example }
        return "regel " + example.dropFirst("line ".count)
    }

    private static func dutch(_ kind: SettlementWarning.Kind, _ locale: ReportLocale) -> String {
        switch kind {
        case .contract(let warning, let element, let attribute):
            return (element.map { "<\($0)>" + (attribute.map { " attribuut '\($0)'" } ?? "") + ": " } ?? "")
                + contract(warning, locale)
        case .unreadableLines(let unreadable, let lines, let first, let listedIn):
            let one = unreadable == 1
            let listed =
                switch listedIn {
                case .rejectedClaimsFile: "zie rejected-claims.csv"
                case .settleCommand: "capitation settle zet ze in rejected-claims.csv"
                }
            return "\(locale.count(unreadable)) van de \(locale.count(lines)) declaratieregel\(lines == 1 ? "" : "s") "
                + (one ? "kan niet worden gelezen en telt" : "kunnen niet worden gelezen en tellen")
                + " in geen enkel stelsel mee (\(listed))"
                + (first.map { (one ? ": " : ", de eerste: ") + line($0, locale) } ?? "")
        case .claimFile(.emptyLinesAfterTrailer(let count)):
            return count == 1
                ? "1 lege regel na het sluitrecord 99, die geen record bevat en wordt genegeerd"
                : "\(locale.count(count)) lege regels na het sluitrecord 99, die geen record bevatten en worden genegeerd"
        case .claimFile(.declarationWithoutAnswer(let declaration, let date)):
            return
                "er is geen WMO325-retourbericht op declaratie \(declaration) van \(locale.dateText(date)) bij de declaratiebestanden, "
                + "dus de prestaties ervan tellen zoals ze gedeclareerd zijn"
        case .growthCapWithoutBaseline(let model):
            return "risicomodel '\(model)' heeft een groeiplafond maar geen gemiddelde score van de nulmeting, "
                + "dus het plafond kan niet worden toegepast"
        case .demographicLimitWithoutBaseline(let model):
            return "risicomodel '\(model)' begrenst de groei boven het demografische deel, maar heeft geen "
                + "demografische gemiddelde score van de nulmeting, dus die grens kan niet worden toegepast"
        case .trendAdjustmentWithoutActual(let regime, let year):
            return "de \(regime) heeft een retrospectieve trendcorrectie, maar de werkelijke trend voor \(year) is "
                + "nog niet bekend, dus het budget behoudt de verwachte trend"
        case .spendingOutsideContract(let regime, let amount):
            return "de populatie gaf \(locale.euros(amount)) uit in de \(regime), die het contract niet dekt "
                + "(mogelijke kostenverschuiving)"
        case .undatedLinesCounted(let lines, let amount, let stage, let cutOff):
            let settlement = stage == .provisional ? "voorlopige" : "definitieve"
            return undated(lines, amount, locale) + "; de \(settlement) afrekening telt "
                + (lines == 1 ? "hem" : "ze")
                + " als tijdig ontvangen, uiterlijk op de peildatum \(locale.date(cutOff))"
        case .nothingReceivedYet(let regime, let months, let cutOff):
            let named = ReportLocale.list(months.map { month($0) }, and: " en ")
            return "van de declaraties in de \(regime) over \(named) was op \(locale.date(cutOff)) nog niets "
                + "ontvangen, hoewel de declaraties over zulke maanden in de basisjaren toen nog niet allemaal binnen "
                + "waren; de chain-ladder raamt voor die maanden dus niets aan nog te ontvangen declaraties"
        case .undatedBaselineLines(let regime, let lines, let amount):
            return lines == 1
                ? "1 geaccepteerde declaratieregel in de \(regime) uit de basisjaren zegt niet wanneer hij ontvangen "
                    + "is (\(locale.euros(amount))); de factoren laten hem weg"
                : "\(locale.count(lines)) geaccepteerde declaratieregels in de \(regime) uit de basisjaren zeggen niet "
                    + "wanneer ze ontvangen zijn (\(locale.euros(amount))); de factoren laten ze weg"
        case .indicatorUnobserved(let indicator, let rule, let excluded):
            let outside =
                excluded == 0
                ? ""
                : excluded == 1
                    ? " (haar ene gebeurtenis valt buiten de populatie of de periode)"
                    : " (alle \(locale.count(excluded)) gebeurtenissen vallen buiten de populatie of de periode)"
            let consequence =
                switch rule {
                case .refuse:
                    "; de kwaliteitsscore verandert onder dit contract geen betaling, dus blijft de indicator buiten "
                        + "de score, in plaats van dat de afrekening wordt geweigerd"
                case .zeroPoints: " en krijgt nul punten, zoals het contract zegt (whenUnobserved=\"zero-points\")"
                case .leaveOut: " en blijft buiten de score, zoals het contract zegt (whenUnobserved=\"leave-out\")"
                }
            return "indicator '\(indicator)' heeft geen waarnemingen" + outside + consequence
        case .indicatorDeclaredWithoutEvents(let indicator):
            return "indicator '\(indicator)' is afgerekend op een verklaring dat er geen gebeurtenissen waren: "
                + "0 per 1.000 persoonsjaren"
        case .qualityGate(let failure):
            return "kwaliteitsdrempel: " + gateFailure(failure, locale)
        case .chanceNotComputed(let reason):
            return "de kans dat het resultaat toeval is, kan niet worden berekend: " + chance(reason, locale)
        }
    }

    /// `3 aanvaarde declaratieregels zeggen niet wanneer ze ontvangen zijn (€ 120,00)`.
    private static func undated(_ lines: Int, _ amount: Cents, _ locale: ReportLocale) -> String {
        lines == 1
            ? "1 geaccepteerde declaratieregel zegt niet wanneer hij ontvangen is (\(locale.euros(amount)))"
            : "\(locale.count(lines)) geaccepteerde declaratieregels zeggen niet wanneer ze ontvangen zijn "
                + "(\(locale.euros(amount)))"
    }

    /// `2026-03` → `maart 2026`; anything else as written.
    private static func month(_ text: String) -> String {
        let names = [
            "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
            "november", "december",
        ]
        let parts = text.split(separator: "-")
        guard parts.count == 2, let month = Int(parts[1]), (1...12).contains(month) else { return text }
        return "\(names[month - 1]) \(parts[0])"
    }

    private static func chance(_ reason: ChanceError.Reason, _ locale: ReportLocale) -> String {
        switch reason {
        case .unequalLists(let budgets, let costs):
            "\(locale.count(budgets)) budgetaandelen voor \(locale.count(costs)) kostenbedragen"
        case .noMembers: "er zijn geen leden om trekkingen uit te doen"
        case .caseOfTotals:
            "een casus met alleen totalen heeft geen leden; reken af op gegevens per lid, of geef het contract een "
                + "vaste minimale besparingsdrempel of een drempeltabel"
        case .negativeBudgetShare: "een budgetaandeel is negatief"
        case .zeroBudget: "het budget is nul, dus er is geen besparingspercentage"
        case .budgetNotSplit(let regime, let cause):
            "het budget van de \(regime) kan niet over de leden worden verdeeld: \(splitFailure(cause))"
        case .amountsTooLarge: "de bedragen van een lid zijn te groot"
        }
    }

    private static func splitFailure(_ cause: ChanceError.SplitFailure) -> String {
        switch cause {
        case .noShares: "er is niets om over te verdelen"
        case .negativeWeight: "een gewicht is negatief"
        case .zeroTotalWeight: "alle gewichten zijn nul"
        case .overflow: "de bedragen zijn te groot"
        }
    }

    private static func contract(_ warning: ContractWarning, _ locale: ReportLocale) -> String {
        switch warning {
        case .lossFinancingWithoutEffect(let rule):
            return "lossFinancing=\"\(rule)\" heeft geen effect: onder dit contract dragen de zorgaanbieders nooit "
                + "een verlies"
        case .financierWithoutShare(let financier, let regime, let part):
            let consequence =
                switch part {
                case .payout: "betaalt niets mee aan de uitbetaling"
                case .loss: "ontvangt niets van een gedeeld verlies"
                case .payoutAndLoss: "betaalt niets mee aan de uitbetaling en ontvangt niets van een gedeeld verlies"
                }
            return "financier '\(financier)' van de \(regime) heeft geen financieringsaandeel en \(consequence)"
        case .financierAsRecipient(let party):
            return "partij '\(party)' is financier en zou een deel ontvangen van de uitbetaling die ze zelf financiert"
        case .partyTakesNoPart(let party):
            return "partij '\(party)' doet niet mee: ze financiert, betaalt en ontvangt niets"
        case .implausiblePerCapita(let regime, let annual, let expected):
            return "een bedrag per persoon van \(locale.euros(annual)) per jaar voor de \(regime) ligt "
                + (annual < expected.lowerBound ? "ver onder" : "ver boven")
                + " wat een jaar zorg in dit stelsel per persoon kost (deze controle verwacht "
                + "\(locale.euros(expected.lowerBound)) tot \(locale.euros(expected.upperBound))): is het een "
                + "maandbedrag, of staat het in duizenden of in centen? annual staat in euro per jaar"
        case .percentBelowOne(let term, let percent, let attribute):
            let hundredfold = ContractWarning.hundredfold(percent)
            let shown = (try? ExactDecimal(parsing: hundredfold)).map { locale.decimal($0) } ?? hundredfold
            return "een \(words(term)) van \(locale.percent(percent.value)) is minder dan één procent; het "
                + "attribuut staat in procenten, niet als fractie; als \(shown) % bedoeld is, schrijf dan "
                + "\(attribute)=\"\(hundredfold)\""
        case .savingsCapBelowMinimum(let cap, let minimum):
            return "het besparingsplafond van \(locale.percent(cap.value)) van het budget ligt onder de minimale "
                + "besparingsdrempel van \(locale.percent(minimum.value)); contracten leggen het plafond ruim boven "
                + "de drempel (de MSSP: een plafond van 10 % tegen een drempel van 2 tot 3,9 %); staat een van "
                + "beide misschien in de verkeerde eenheid?"
        case .actualTrendOutsideTerm(let year, let years):
            let term = years.count == 1 ? "\(years.lowerBound)" : "\(years.lowerBound)–\(years.upperBound)"
            return "\(year) is geen prestatiejaar van het contract (\(term)), dus deze werkelijke trend geldt voor "
                + "geen enkele afrekening"
        case .actualTrendWithoutForecast(let year, let regime, let rebased):
            return "de werkelijke trend van \(year) wordt vergeleken met de trends die het budget toepast, maar "
                + (rebased
                    ? "een herijkt bedrag per persoon draagt zijn trend uit de basisjaren mee"
                    : "de \(regime) past er geen toe")
                + ": geef forecastPercent, de trend die het bedrag per persoon meedraagt"
        case .careProfileOutsideWlz(let regime):
            return "zorgprofielen (ZZP) zijn Wlz-codes; geen declaratieregel in de \(regime) draagt er een, dus "
                + "deze vermelding in de scope past op geen enkele declaratieregel"
        case .scopeEntryTwice(let entry, let regime):
            let named =
                switch entry {
                case .category(let code): "categorie \(code)"
                case .product(let code, let category): "product \(code)\(category.map { " in \($0)" } ?? "")"
                case .careProfile(let code): "zorgprofiel \(code)"
                }
            return "\(named) staat twee keer in de scope van de \(regime)"
        case .unusedBaselineDemographicMean:
            return "de demografische gemiddelde score van de nulmeting telt alleen voor een grens boven het "
                + "demografische deel (demographicPlus), en dit groeiplafond heeft die niet"
        case .unusedRiskModel(let model):
            return "risicomodel '\(model)' wordt door geen enkel stelsel gebruikt"
        case .uncappedLosses:
            return "gedeelde verliezen zijn niet begrensd: voeg een <lossCap> toe, tenzij onbeperkte "
                + "aansprakelijkheid bedoeld is"
        }
    }

    /// A contract term in percent, in Dutch.
    private static func words(_ term: ContractWarning.PercentTerm) -> String {
        switch term {
        case .sharingRate: "deelpercentage"
        case .savingsCap: "besparingsplafond"
        case .lossCap: "verliesplafond"
        case .lossSharingRate: "verliesdeelpercentage"
        case .lossSharingRateBound: "grens van het verliesdeelpercentage"
        }
    }
}
