import CapitationCore
import SettlementReports
import Testing

// The reports read settlement.json back and show its figures exactly. The scenario: budgets 36,500.00
// (Zvw) and 73,000.00 (Wlz), expenditure 30,000.00 and 60,000.00, savings 19,500.00 (17.8082 % of
// 109,500.00), 50 % earned 9,750.00, less 2 % payment reduction 195.00: payout 9,555.00, paid 1 : 2 by the
// insurer and the care office, 80/20 to the cooperative (7,644.00) and the fund (1,911.00).
struct SettlementDocumentTests {
    private func document() throws -> (SettlementDocument, JSONValue) {
        var scenario = SettlementScenario()
        scenario.spend(zvw: 3_000_000, wlz: 6_000_000)
        let json = SettlementJSON.render(try scenario.settle())
        return (try SettlementDocument(json), json)
    }

    @Test func readsBackWhatWasWrittenToTheCent() throws {
        let (document, json) = try document()
        let text = json.serialized()
        // Parsing the text gives the same document, byte for byte when written again.
        #expect(try JSONValue.parse(Array(text.utf8)).serialized() == text)
        let reread = try SettlementDocument(json: Array(text.utf8))
        #expect(reread.totals.savings == Cents(1_950_000))
        #expect(document.totals.budget == Cents(10_950_000))
        #expect(document.totals.expenditure == Cents(9_000_000))
        #expect(document.totals.savingsRate == (try ExactDecimal(parsing: "0.178082")))
        #expect(document.sharing.payout == Cents(955_500))
        #expect(document.parties.map(\.net) == [Cents(-318_500), Cents(-637_000), Cents(764_400), Cents(191_100)])
        #expect(document.regimes.map(\.budget) == [Cents(3_650_000), Cents(7_300_000)])
    }

    @Test func walksFromTheBudgetToEachPartysShare() throws {
        let (document, _) = try document()
        let steps = document.waterfall
        // 109,500.00 − 90,000.00 = 19,500.00; the financiers keep 19,500.00 − 9,555.00 = 9,945.00; the
        // 9,555.00 shared go 7,644.00 to the cooperative and 1,911.00 to the fund.
        #expect(
            steps.map { $0.label } == [
                "Budget", "Expenditure", "Savings", "Kept by the financiers", "Shared savings", "Cooperative", "Fund",
            ]
        )
        #expect(
            steps.map { $0.shown.rawValue } == [10_950_000, -9_000_000, 1_950_000, -994_500, 955_500, 764_400, 191_100]
        )
        // The shares end at zero: they are the whole payout.
        #expect(steps.last?.to == .zero)
    }

    @Test func namesTheFieldThatIsMissingOrWrong() throws {
        let (_, json) = try document()
        guard case .object(var members) = json, let totals = members.firstIndex(where: { $0.key == "totals" }),
            case .object(var inner) = members[totals].value
        else {
            Issue.record("no totals")
            return
        }
        inner.removeAll { $0.key == "savingsCents" }
        members[totals].value = .object(inner)
        #expect(throws: SettlementDocumentError(field: "totals.savingsCents", problem: "is missing")) {
            try SettlementDocument(.object(members))
        }
        let text = json.serialized().replacing("\"budgetCents\": 7300000", with: "\"budgetCents\": \"73000.00\"")
        #expect(
            throws: SettlementDocumentError(
                field: "regimes[1].budgetCents",
                problem: "must be an amount in cents, a whole number"
            )
        ) { try SettlementDocument(json: Array(text.utf8)) }
        let other = json.serialized().replacing("capitation-settlement/3", with: "capitation-comparison/1")
        #expect(throws: SettlementDocumentError.self) { try SettlementDocument(json: Array(other.utf8)) }
    }

    @Test(arguments: [
        ("{\"a\": 1.5}", 1, 8, "a fraction or exponent"),
        ("{\"a\": 1, \"a\": 2}", 1, 10, "occurs twice"),
        ("[1, 2]\n x", 2, 2, "text after the JSON value"),
        ("{\"a\": 012}", 1, 7, "leading zero"),
        ("{\"a\": 99999999999999999999}", 1, 7, "does not fit in 64 bits"),
        ("\"\\ud800\"", 1, 8, "lone surrogate"),
        ("\"a\\qb\"", 1, 5, "unknown escape"),
        ("{\"a\": [1, 2}", 1, 12, "',' or ']'"),
        ("", 1, 1, "ends where a value should be"),
    ])
    func refusesWhatIsNotSettlementJSON(text: String, line: Int, column: Int, message: String) throws {
        do {
            _ = try JSONValue.parse(Array(text.utf8))
            Issue.record("parsed \(text)")
        } catch {
            #expect(error.message.contains(message), "\(error)")
            #expect((error.line, error.column) == (line, column), "\(error)")
        }
    }

    @Test func refusesNestingDeeperThanItsLimit() throws {
        let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(Array(deep.utf8)) }
        let allowed = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(try JSONValue.parse(Array(allowed.utf8)) != .null)
    }

    @Test func readsEscapesAndUnicode() throws {
        let value = try JSONValue.parse(
            Array("[\"Zorgcoöperatie \\\"Oost\\\"\\n\\u00e9\\ud83d\\ude00\", -12, true, null]".utf8)
        )
        #expect(value == .array([.string("Zorgcoöperatie \"Oost\"\né😀"), .integer(-12), .bool(true), .null]))
    }
}

struct ReportLocaleTests {
    @Test func writesAmountsDatesAndRatesInBothLocales() throws {
        let amount = Cents(123_456_789)
        #expect(ReportLocale.standard.euros(amount) == "€ 1,234,567.89")
        #expect(ReportLocale.dutch.euros(amount) == "€ 1.234.567,89")
        #expect(ReportLocale.standard.euros(Cents(-5)) == "-€ 0.05")
        #expect(ReportLocale.dutch.euros(Cents(-123_456)) == "€ -1.234,56")
        let date = SettlementScenario.date("2026-12-31")
        #expect(ReportLocale.standard.date(date) == "2026-12-31")
        #expect(ReportLocale.dutch.date(SettlementScenario.date("2026-03-05")) == "05-03-2026")
        let rate = try ExactDecimal(parsing: "0.178082")
        #expect(ReportLocale.standard.rateAsPercent(rate) == "17.8082 %")
        #expect(ReportLocale.dutch.rateAsPercent(rate) == "17,8082 %")
        #expect(ReportLocale.dutch.count(12_345) == "12.345")
    }
}

struct SettlementHTMLTests {
    private func page(_ locale: ReportLocale = .standard, title: String = "Scenario") throws -> String {
        var scenario = SettlementScenario()
        scenario.contract.title = title
        scenario.spend(zvw: 3_000_000, wlz: 6_000_000)
        return SettlementHTML.render(
            try SettlementDocument(SettlementJSON.render(try scenario.settle())),
            locale: locale
        )
    }

    @Test func isSelfContained() throws {
        let html = try page()
        #expect(!html.contains("<script"))
        #expect(!html.contains("<link"))
        #expect(!html.contains("@import"))
        #expect(!html.contains("<img"))
        // The only address is the SVG namespace, which is a name, not a request.
        let addresses = html.ranges(of: "http").map { String(html[$0.lowerBound...].prefix(26)) }
        #expect(Set(addresses) == ["http://www.w3.org/2000/svg"])
        #expect(html.ranges(of: "url(").count == html.ranges(of: "url(#arrow)").count)
        #expect(html.contains("@page { size: A4"))
    }

    @Test func marksTheKeyFiguresWithTheirCents() throws {
        let html = try page()
        #expect(html.contains("data-figure=\"total-savings\" data-cents=\"1950000\">€ 19,500.00</span>"))
        #expect(html.contains("data-figure=\"payout\" data-cents=\"955500\">€ 9,555.00</span>"))
        for (party, cents, text) in [
            ("insurer-a", -318_500, "-€ 3,185.00"), ("zk", -637_000, "-€ 6,370.00"), ("coop", 764_400, "€ 7,644.00"),
            ("fund", 191_100, "€ 1,911.00"),
        ] {
            #expect(html.contains("data-figure=\"net:\(party)\" data-cents=\"\(cents)\">\(text)</span>"))
        }
        // Every chart is an image with a title, and its numbers are in a table too.
        #expect(html.ranges(of: "<svg xmlns").count == 4)
        #expect(html.ranges(of: "role=\"img\"").count == 4)
        #expect(html.contains("<td class=\"num\" data-cents=\"-994500\">-€ 9,945.00</td>"))
    }

    @Test func writesDutchAmountsAndDates() throws {
        let html = try page(.dutch)
        #expect(html.contains("data-figure=\"total-savings\" data-cents=\"1950000\">€ 19.500,00</span>"))
        #expect(html.contains("01-01-2026 tot en met 31-12-2026"))
        #expect(html.contains("17,8082 %"))
        #expect(html.contains("<h2>Samenvatting</h2>"))
        #expect(html.contains("<html lang=\"nl\">"))
    }

    @Test func escapesTheContractsText() throws {
        let html = try page(title: "Oost & <West> \"fieldlab\"")
        #expect(html.contains("Settlement: Oost &amp; &lt;West&gt; &quot;fieldlab&quot;"))
        #expect(!html.contains("<West>"))
    }

    @Test func listsEveryFigureAsCSV() throws {
        var scenario = SettlementScenario()
        scenario.spend(zvw: 3_000_000, wlz: 6_000_000)
        let csv = SettlementFigures.csv(try SettlementDocument(SettlementJSON.render(try scenario.settle())))
        let lines = csv.split(separator: "\n").map(String.init)
        #expect(lines.first == "section,item,lines,cents,euros,rate")
        #expect(lines.contains("totals,savings,,1950000,19500.00,0.178082"))
        #expect(lines.contains("party coop,net,,764400,7644.00,"))
        #expect(lines.contains("sharing,payout,,955500,9555.00,"))
    }
}

// The Markdown report renders from the document, section for section as the HTML page.
struct SettlementMarkdownTests {
    private func settlement() throws -> Settlement {
        var scenario = SettlementScenario()
        scenario.spend(zvw: 3_000_000, wlz: 6_000_000)
        return try scenario.settle()
    }

    private func markdown(_ settlement: Settlement, _ locale: ReportLocale = .standard) throws -> String {
        SettlementMarkdown.render(try SettlementDocument(SettlementJSON.render(settlement)), locale: locale)
    }

    @Test func readsBackTheChanceAnalysisAndThePaymentSchedule() throws {
        let settlement = try settlement()
        let document = try SettlementDocument(SettlementJSON.render(settlement))
        // Every figure of the bootstrap, probabilities as counts of resamples, comes back as it was.
        #expect(settlement.chance != nil)
        #expect(document.chance == settlement.chance)
        #expect(document.risk.count == settlement.risk.count)
        #expect(document.reconciliation.codes.count == settlement.reconciliation.codes.count)
        let capitation = try PaymentScheduleTests.settlement()
        let schedule = try SettlementDocument(SettlementJSON.render(capitation)).paymentSchedule
        #expect(schedule != nil)
        #expect(schedule == capitation.paymentSchedule)
    }

    @Test func showsEverySectionWithTheFiguresOfTheScenario() throws {
        let text = try markdown(try settlement())
        let headings = text.split(separator: "\n").filter { $0.hasPrefix("## ") }
        #expect(
            headings == [
                "## Summary", "## From budget to each party's share", "## Population",
                "## Budget and expenditure per regime", "## Claims", "## Sharing", "## Transfers", "## Chance",
                "## Every calculation step", "## Inputs",
            ]
        )
        // 109,500.00 − 90,000.00 = 19,500.00, 17.8082 % of the budget; 50 % of it, 9,750.00, less 2 %
        // (195.00): 9,555.00; the financiers keep 19,500.00 − 9,555.00 = 9,945.00.
        #expect(text.contains("a saving of € 19,500.00 (17.8082 % of the budget)"))
        // Three sentences: the result, what the contract makes of it, and who pays and receives on balance:
        // the insurer 3,185.00 and the care office 6,370.00 (the parts below); the cooperative receives 80 % of
        // the payout, 7,644.00, and the fund 20 %, 1,911.00.
        #expect(
            text.contains(
                "The savings rate of 17.8082 % meets the minimum savings rate of 2 %, so the providers receive "
                    + "€ 9,555.00 of shared savings. Beyond the claims, on balance, Insurer pays € 3,185.00 and Care "
                    + "office € 6,370.00; Cooperative receives € 7,644.00 and Fund € 1,911.00.\n"
            )
        )
        #expect(text.contains("| Kept by the financiers | -€ 9,945.00 |"))
        #expect(text.contains("| earned | € 9,750.00 |"))
        #expect(text.contains("| payment reduction | € 195.00 |"))
        // The payout's parts, in proportion to savings of 6,500.00 (Zvw) and 13,000.00 (Wlz), are amounts
        // in a group of the step's results, and shown as amounts: 9,555 × 1 ÷ 3 = 3,185.00 and 6,370.00.
        #expect(text.contains("| result | part › insurer-a | € 3,185.00 |"))
        #expect(text.contains("| result | part › zk | € 6,370.00 |"))
        let dutch = try markdown(try settlement(), .dutch)
        #expect(dutch.contains("| uitkomst | deel › zk | € 6.370,00 |"))
        #expect(
            dutch.contains(
                "Het besparingspercentage van 17,8082 % haalt de minimale besparingsdrempel van 2 %, dus de "
                    + "zorgaanbieders ontvangen € 9.555,00 gedeelde besparing. Naast de declaraties, per saldo: Insurer "
                    + "betaalt € 3.185,00 en Care office € 6.370,00; Cooperative ontvangt € 7.644,00 en Fund € 1.911,00.\n"
            )
        )
        #expect(
            dutch.split(separator: "\n").filter { $0.hasPrefix("## ") } == [
                "## Samenvatting", "## Van budget naar het aandeel van elke partij", "## Populatie",
                "## Budget en uitgaven per stelsel", "## Declaraties", "## Gedeelde besparing of verlies",
                "## Betalingen", "## Toeval", "## Alle rekenstappen", "## Invoer",
            ]
        )
        // The chance section has the tables that `simulate` prints: the MSR per confidence level and power.
        #expect(text.contains("| confidence | bootstrap | z × SE |"))
        #expect(text.contains("| true saving | power |"))
    }

    @Test func showsThePaymentScheduleOfACapitationContract() throws {
        let settlement = try PaymentScheduleTests.settlement()
        let text = try markdown(settlement)
        #expect(text.contains("## Payment schedule"))
        #expect(settlement.paymentSchedule?.financiers.isEmpty == false)
        for financier in settlement.paymentSchedule?.financiers ?? [] {
            #expect(text.contains("### \(financier.financier) (\(financier.regime))"))
            #expect(
                text.contains(
                    "| reconciliation (due − paid ahead) | \(ReportLocale.standard.euros(financier.reconciliation)) |"
                )
            )
            // Twelve monthly rows, counted on the first of each month.
            #expect(financier.months.count == 12)
            #expect(text.contains("| 2026-07-01 |"))
        }
    }

    // The outcome is said in the report's language from the figures: 50 % of the savings of 19,500.00 is
    // 9,750.00, less 2 % = 195.00, so 9,555.00 is paid out.
    @Test func saysTheOutcomeInTheLanguageOfTheReport() throws {
        let settlement = try settlement()
        #expect(
            try markdown(settlement).contains(
                "The savings rate meets the minimum savings rate of 2 %; the providers earn 50 % (quality does not "
                    + "apply) of € 19,500.00: € 9,750.00, less a payment reduction of € 195.00; payout € 9,555.00."
            )
        )
        let dutch = try markdown(settlement, .dutch)
        #expect(
            dutch.contains(
                "De besparing haalt de minimale besparingsdrempel van 2 %; de zorgaanbieders verdienen 50 % (kwaliteit "
                    + "telt niet mee) van € 19.500,00: € 9.750,00, min een betalingskorting van € 195,00; uitbetaling "
                    + "€ 9.555,00."
            )
        )
        #expect(!dutch.contains("19,500.00"))
    }

    // A loss is said by its size: claims of 40,000.00 and 80,000.00 against budgets of 36,500.00 and
    // 73,000.00 lose 10,500.00, 9.589 % of the budget of 109,500.00 (10,500 ÷ 109,500 = 0.0958904…, six
    // decimals 0.095890). The contract is one-sided, and no money moves between the parties.
    @Test func saysALossByItsSize() throws {
        var scenario = SettlementScenario()
        scenario.spend(zvw: 4_000_000, wlz: 8_000_000)
        let settlement = try scenario.settle()
        #expect(
            try markdown(settlement).contains(
                "The budget was € 109,500.00 and the expenditure € 120,000.00: a loss of € 10,500.00 (9.589 % of the "
                    + "budget). The contract is one-sided, so the providers share no loss. Beyond the claims, no money "
                    + "moves between the parties.\n"
            )
        )
        #expect(
            try markdown(settlement, .dutch).contains(
                "Het budget was € 109.500,00 en de uitgaven € 120.000,00: een verlies van € 10.500,00 (9,589 % van "
                    + "het budget). Het contract is eenzijdig, dus de zorgaanbieders delen geen verlies. Naast de "
                    + "declaraties wordt er tussen de partijen niets betaald.\n"
            )
        )
    }

    // A document of format 1 recorded the outcome as an English sentence; it reads with the outcome the
    // figures show and the quality the sentence names.
    @Test func readsTheOutcomeOfAnEarlierFormat() throws {
        let settlement = try settlement()
        var json = SettlementJSON.render(settlement).serialized()
        json = json.replacing("capitation-settlement/3", with: "capitation-settlement/1")
        json = json.replacing(
            "\"outcome\": \"savings-shared\",\n    \"quality\": \"none\",\n",
            with: ""
        )
        json = json.replacing(
            "\"lossPaymentCents\": 0\n  },\n  \"parties\"",
            with:
                "\"lossPaymentCents\": 0,\n    \"explanation\": \"the savings rate meets the minimum savings rate of 2 %; "
                + "the providers earn 50 % (quality does not apply) of € 19,500.00: € 9,750.00\"\n  },\n  \"parties\""
        )
        #expect(json.contains("\"explanation\"") && !json.contains("\"outcome\""))
        let document = try SettlementDocument(json: Array(json.utf8))
        #expect(document.sharing.outcome == .savingsShared)
        #expect(document.sharing.quality == QualityApplication.none)
    }
}
