import CapitationCore
import ClaimFormats

/// The contract of a generated fieldlab: the Oost-Achterhoek shape, with per-capita amounts calibrated on
/// the generated claims.
struct SyntheticContract {
    let year: Int
    let members: Int
    let calibration: Calibration
    /// The baseline years written before the performance year: they get weights and dated trends.
    var baselineYears = 0
    /// The claims' formats: the scopes name the codes the claims carry.
    var format = SyntheticClaimFormat.csv
    /// The run-out of a provisional and a final settlement, when the contract has one.
    var runOut: RunOut?

    /// `<reconciliation>` with the run-out, when there is one.
    var reconciliation: String {
        guard let runOut else { return "" }
        return "\n  <reconciliation>\n    <runOut months=\"\(runOut.months)\" finalMonths=\"\(runOut.finalMonths)\"/>\n"
            + "  </reconciliation>"
    }

    /// `<term>` with the weights of the baseline years (MSSP's 10 30 60 for three, equal otherwise).
    var term: String {
        guard baselineYears > 0 else { return "" }
        let weights =
            baselineYears == 3 ? "10 30 60" : Array(repeating: "1", count: baselineYears).joined(separator: " ")
        return "\n  <term years=\"1\" baselineWeights=\"\(weights)\"/>"
    }

    /// The dated trends of a regime: the annual growth into each year after the first baseline year.
    var trends: String {
        guard baselineYears > 0 else { return "" }
        return ((year - baselineYears + 1)...year).map {
            "\n    <trend year=\"\($0)\" percent=\"\(SyntheticFieldlab.annualTrendPercent)\" label=\"growth \($0 - 1)–\($0)\"/>"
        }.joined()
    }

    /// The budget above (or below) the generated cost, per regime, in per mille: Zvw +2 %, Wmo −1 %, Wlz +5 %.
    static let margins: [Regime: Int] = [.zvw: 1_020, .wmo: 990, .wlz: 1_050]

    static func decimal(_ text: String) -> ExactDecimal {
        guard let value = try? ExactDecimal(parsing: text) else { preconditionFailure(text) }
        return value
    }

    static func cells(_ weights: [String]) -> [AgeSexCell] {
        let bands = [(75, 79), (80, 84), (85, 89), (90, nil)] as [(Int, Int?)]
        return zip([Sex.female, .female, .female, .female, .male, .male, .male, .male], weights).enumerated().map {
            index,
            pair in
            let band = bands[index % 4]
            return AgeSexCell(sex: pair.0, ages: AgeRange(minimum: band.0, maximum: band.1), weight: decimal(pair.1))
        }
    }

    /// The model for care at home (Zvw and Wmo).
    static let community = RiskModel(
        id: "community",
        cells: cells(["0.612", "0.874", "1.236", "1.588", "0.571", "0.809", "1.142", "1.463"]),
        markers: [
            RiskMarker(id: "frailty-mid", weight: decimal("0.310")),
            RiskMarker(id: "frailty-high", weight: decimal("0.905"), supersedes: ["frailty-mid"]),
            RiskMarker(id: "dementia", weight: decimal("0.850")),
            RiskMarker(id: "living-alone", weight: decimal("0.180")),
        ],
        interactions: [RiskInteraction(markers: ["dementia", "living-alone"], weight: decimal("0.310"))],
        normalisationFactor: decimal("1.042"),
        unspecifiedSexUses: .female
    )

    /// The prospective model for the Wlz: no Wlz indication among its markers.
    static let wlz = RiskModel(
        id: "wlz",
        cells: cells(["0.310", "0.720", "1.540", "2.610", "0.290", "0.640", "1.310", "2.150"]),
        markers: [
            RiskMarker(id: "frailty-mid", weight: decimal("0.450")),
            RiskMarker(id: "frailty-high", weight: decimal("1.600"), supersedes: ["frailty-mid"]),
            RiskMarker(id: "dementia", weight: decimal("1.900")),
            RiskMarker(id: "living-alone", weight: decimal("0.240")),
        ],
        interactions: [RiskInteraction(markers: ["dementia", "living-alone"], weight: decimal("0.700"))],
        normalisationFactor: decimal("1.018"),
        unspecifiedSexUses: .female
    )

    /// The scope of a regime, as `<category>`, `<product>` and `<careProfile>` elements, in the codes of
    /// the claims' formats.
    func scope(_ regime: Regime) -> String {
        let indent = "      "
        switch (regime, format) {
        case (.zvw, .csv):
            return ["huisarts", "wijkverpleging", "elv", "grz", "paramedisch"].map {
                indent + "<category code=\"\($0)\"/>"
            }.joined(separator: "\n")
        case (.wmo, .csv):
            return [
                "huishoudelijke-hulp", "begeleiding", "dagbesteding", "respijtzorg", "hulpmiddelen", "woningaanpassing",
            ]
            .map { indent + "<category code=\"\($0)\"/>" }.joined(separator: "\n")
        case (.wlz, .csv):
            return CareProfile.profiles.map { indent + "<product code=\"\($0.code)\" label=\"\($0.label)\"/>" }
                .joined(separator: "\n") + "\n" + indent + "<category code=\"vpt\"/>"
        case (.zvw, .native):
            return [
                indent + "<category code=\"huisarts\"/>",
                indent
                    + "<category code=\"\(AW319Codes.districtNursingList)\" label=\"district nursing (AW319 prestatiecodelijst)\"/>",
                indent
                    + "<category code=\"\(AW319Codes.firstLineStayList)\" label=\"first-line stay, ELV (AW319 prestatiecodelijst)\"/>",
                indent + "<category code=\"grz\"/>",
                indent + "<category code=\"paramedisch\"/>",
            ].joined(separator: "\n")
        case (.wmo, .native):
            return [
                indent + "<category code=\"01\" label=\"household help (WMO323)\"/>",
                indent + "<category code=\"02\" label=\"support (WMO323)\"/>",
                indent + "<category code=\"07\" label=\"day care (WMO323)\"/>",
                indent + "<category code=\"04\" label=\"short stay (WMO323)\"/>",
                indent + "<category code=\"hulpmiddelen\"/>",
                indent + "<category code=\"woningaanpassing\"/>",
            ].joined(separator: "\n")
        case (.wlz, .native):
            // Nursing homes and the full package at home (VPT) by the care profile of field 413.
            return CareProfile.profiles.map {
                indent + "<careProfile code=\"\($0.code)\" label=\"\($0.label)\"/>"
            }.joined(separator: "\n")
        }
    }

    /// The annual per-capita amount that makes the budget `margin` ‰ of the generated cost.
    func perCapita(_ regime: Regime) throws(SyntheticDataError) -> Cents {
        let riskDays = regime == .wlz ? calibration.wlzDays : calibration.communityDays
        let daysInYear = CalendarDate.isLeapYear(year) ? 366 : 365
        do {
            let exact =
                try Fraction(calibration.cost[regime] ?? 0) * Fraction(daysInYear)
                * Fraction(Self.margins[regime] ?? 1_000)
                / (Fraction(riskDays) * Fraction(1_000))
            return try exact.cents(rounding: .halfEven)
        } catch {
            throw SyntheticDataError("cannot calibrate the \(regime) budget: \(error)")
        }
    }

    /// The mean score of a model over the generated members, to three decimals: the baseline for the growth cap.
    func meanScore(_ riskDays: ExactDecimal) -> String {
        guard calibration.exposureDays > 0,
            let mean = try? (Fraction(riskDays) / Fraction(calibration.exposureDays)).decimal(
                scale: 3,
                rounding: .halfEven
            )
        else { return "1.000" }
        return mean.description
    }

    static func xml(_ model: RiskModel, baseline: String) -> String {
        var lines = ["  <riskModel id=\"\(model.id)\" unspecifiedSexUses=\"F\">"]
        for cell in model.cells {
            let maximum = cell.ages.maximum.map { " maxAge=\"\($0)\"" } ?? ""
            lines.append(
                "    <cell sex=\"\(cell.sex?.rawValue ?? "F")\" minAge=\"\(cell.ages.minimum)\"\(maximum) weight=\"\(cell.weight)\"/>"
            )
        }
        for marker in model.markers {
            let supersedes =
                marker.supersedes.isEmpty
                ? "" : " supersedes=\"\(marker.supersedes.map(\.rawValue).joined(separator: " "))\""
            lines.append("    <marker id=\"\(marker.id)\" weight=\"\(marker.weight)\"\(supersedes)/>")
        }
        for interaction in model.interactions {
            lines.append(
                "    <interaction markers=\"\(interaction.markers.map(\.rawValue).joined(separator: " "))\" weight=\"\(interaction.weight)\"/>"
            )
        }
        lines.append("    <normalisation factor=\"\(model.normalisationFactor)\"/>")
        lines.append("    <growthCap percent=\"3\" baselineMean=\"\(baseline)\"/>")
        lines.append("  </riskModel>")
        return lines.joined(separator: "\n")
    }

    func xml() throws(SyntheticDataError) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <!--
          A generated fieldlab of \(members) people aged 75 and over (capitation generate). The per-capita amounts
          are calibrated on the generated claims: the Zvw budget is 2 % above its cost, the Wmo budget 1 % below,
          the Wlz budget 5 % above. The baseline mean scores are the generated population's own.
        -->
        <contract xmlns="urn:capitation:contract:1" id="generated-fieldlab-\(year)" version="1">
          <title>Generated 75+ fieldlab, \(members) people</title>
          <period start="\(year)-01-01" end="\(year)-12-31"/>\(term)
          <rounding mode="half-even"/>
          <parties>
            <party id="insurer-a" role="insurer" name="Zorgverzekeraar Oost" uzovi="3311"/>
            <party id="municipality" role="municipality" name="Gemeente Winterswijk" municipalityCode="0294"/>
            <party id="zk" role="care-office" name="Zorgkantoor Achterhoek" uzovi="9664"/>
            <party id="coop" role="provider" name="Zorgcoöperatie Oost-Achterhoek" agb="73730001"/>
            <party id="prevention-fund" role="fund" name="Preventiefonds Achterhoek"/>
          </parties>
          <population referenceDate="\(year)-01-01">
            <minimumAge years="75"/>
            <area>
              <postcodes from="7100" to="7199"/>
            </area>
            <insurer uzovi="3311"/>
          </population>
        \(Self.xml(Self.community, baseline: meanScore(calibration.communityDays)))
        \(Self.xml(Self.wlz, baseline: meanScore(calibration.wlzDays)))
          <regime name="Zvw" financier="insurer-a" riskModel="community">
            <perCapita annual="\(try perCapita(.zvw))"/>
            <scope>
        \(scope(.zvw))
            </scope>\(trends)
          </regime>
          <regime name="Wmo" financier="municipality" riskModel="community">
            <perCapita annual="\(try perCapita(.wmo))"/>
            <scope>
        \(scope(.wmo))
            </scope>\(trends)
          </regime>
          <regime name="Wlz" financier="zk" riskModel="wlz">
            <perCapita annual="\(try perCapita(.wlz))"/>
            <scope>
        \(scope(.wlz))
            </scope>\(trends)
          </regime>
          <truncation perMemberAnnual="250000.00"/>\(reconciliation)
          <indicators minimumScore="0.40">
            <indicator id="acute-admissions" better="lower" unit="per-1000-person-years" baseline="330" target="290" floor="360" weight="2" mandatory="true"/>
            <indicator id="wlz-inflow" better="lower" unit="per-1000-person-years" baseline="45" target="38" floor="50" weight="2"/>
            <indicator id="experienced-control" better="higher" unit="percent" baseline="71" target="75" floor="68" weight="1"/>
          </indicators>
          <settlement model="shared-savings" sides="one">
            <minimumSavingsRate table="mssp"/>
            <sharingRate percent="50" quality="multiply"/>
            <savingsCap percentOfBudget="10"/>
          </settlement>
          <distribution financing="proportional-to-savings">
            <recipient party="coop" percent="80"/>
            <recipient party="prevention-fund" percent="20"/>
            <transfer from="zk" to="municipality" percentOfRetainedSavings="25" label="Wlz savings from Wmo prevention"/>
          </distribution>
        </contract>
        """
    }
}
