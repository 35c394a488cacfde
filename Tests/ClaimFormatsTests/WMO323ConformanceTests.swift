import CapitationCore
import ClaimFormats
import Foundation
import SafeXML
import Testing

/// The official iWmo 3.2 schemas (`Tests/Standards/iwmo-3.2`), loaded for libxml2's schema validation
/// through the project's hardened XML layer.
enum OfficialWMO323 {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Standards/iwmo-3.2")

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: folder.appendingPathComponent(name)))
    }

    static func schema(_ name: String) throws -> SchemaSet {
        SchemaSet(name: name, schema: try bytes(name), imports: ["basisschema.xsd": try bytes("basisschema.xsd")])
    }

    /// The schema violations of a message, and the iWmo rules it breaks (read back as the chain reads it).
    static func problems(of message: [UInt8], schema: SchemaSet) throws -> [String] {
        try schema.validate(message).problems
            + WMO323Rules.violations(ofMessage: message, path: "message.xml").map(\.description)
    }
}

struct WMO323ConformanceTests {
    @Test func theSchemasLoadAndRefuseWhatTheyShould() throws {
        let schema = try OfficialWMO323.schema("WMO323.xsd")
        let valid = try WMO323Writer.message(WMO323Sample.lines, header: WMO323Sample.header)
        #expect(try OfficialWMO323.problems(of: valid, schema: schema) == [])

        // The faults the chain refuses, each found: an assignment that is not a number, a declaration
        // number with a hyphen, an identification of 13 characters.
        let text = String(decoding: valid, as: UTF8.self)
        for (old, new) in [
            ("<wmo323:ToewijzingNummer>1<", "<wmo323:ToewijzingNummer>P000468-02<"),
            ("<wmo323:DeclaratieNummer>DEC202603<", "<wmo323:DeclaratieNummer>D2026-0001<"),
            ("<iwmo:Identificatie>BER-0001<", "<iwmo:Identificatie>WMO-2026-0007<"),
        ] {
            let broken = Array(WMO323Sample.replacing(old, with: new, in: text).utf8)
            guard case .validated(let violations) = schema.validate(broken) else {
                Issue.record("not validated: \(new)")
                continue
            }
            #expect(violations.count == 1, "\(new): \(violations)")
        }
        // Only the documents registered are served: an import of anything else is refused.
        let elsewhere = SchemaSet(
            name: "other.xsd",
            schema: Array(
                String(decoding: try OfficialWMO323.bytes("WMO323.xsd"), as: UTF8.self)
                    .replacing("schemaLocation=\"basisschema.xsd\"", with: "schemaLocation=\"/etc/passwd\"").utf8
            ),
            imports: [:]
        )
        guard case .schemaUnusable = elsewhere.validate(valid) else {
            Issue.record("a schema importing an unregistered file loaded")
            return
        }
    }

    @Test func theWriterRefusesAMessageTheChainWouldRefuse() throws {
        // A credit in the same message as its debit (TR316).
        let credit = WMO323Sample.line(
            "WMO-9",
            member: WMO323Sample.first,
            amount: 3_500,
            side: .credit,
            corrects: "WMO-1",
            hours: 1
        )
        let error = #expect(throws: WMO323WriteError.self) {
            try WMO323Writer.message(WMO323Sample.lines + [credit], header: WMO323Sample.header)
        }
        #expect(error?.description.contains("TR316: WMO-1 is declared and credited in the same message") == true)

        // A declaration of a whole year (CS340) with a hyphenated number (XSD).
        var year = WMO323Sample.header
        year.periodStart = "2026-01-01"
        year.periodEnd = "2026-12-31"
        year.declarationNumber = "D2026-0001"
        let yearError = #expect(throws: WMO323WriteError.self) {
            try WMO323Writer.message(WMO323Sample.lines, header: year)
        }
        #expect(yearError?.description.contains("CS340: the DeclaratiePeriode 2026-01-01–2026-12-31") == true)
        #expect(yearError?.description.contains("XSD: DeclaratieNummer 'D2026-0001'") == true)

        // A service over two months (CS337).
        var long = WMO323Sample.lines[0]
        long.service = AW319Sample.period("2026-02-20", "2026-03-05")
        let longError = #expect(throws: WMO323WriteError.self) {
            try WMO323Writer.message([long], header: WMO323Sample.header)
        }
        #expect(longError?.description.contains("CS337") == true)
    }

    @Test func pricesEachServiceAsTheRulesAsk() {
        // 420.00 for 12 hours: 35.00 an hour.
        #expect(WMO323Service.pricing(amount: 42_000, volume: 12, unit: "04") == ("12", "04", "3500"))
        // 100.00 for 3 days is no whole number of cents a day: declared in euros, volume = amount.
        #expect(WMO323Service.pricing(amount: 10_000, volume: 3, unit: "14") == ("10000", "83", nil))
        #expect(WMO323Service.pricing(amount: 5_000, volume: 5_000, unit: "83") == ("5000", "83", nil))
    }
}
