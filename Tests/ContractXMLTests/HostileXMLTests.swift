import CapitationCore
import ContractXML
import Foundation
import Testing

// Contracts come from many hands, and some may be hostile.
//
// None may read a file, reach the network or
// exhaust the machine.
struct HostileXMLTests {
    private let secretPath = Fixtures.path("hostile/secret.txt")
    private let secretMarker = "TOP-SECRET-4c9e2f"

    private func load(_ text: String) -> ContractLoadError? {
        #expect(throws: ContractLoadError.self) {
            try ContractLoader().load(bytes: Array(text.utf8), path: "hostile.xml")
        }
    }

    @Test func refusesAnExternalEntityWithoutReadingTheFile() throws {
        #expect(try String(contentsOfFile: secretPath, encoding: .utf8).contains(secretMarker))
        let attacks = [
            // Classic XXE: an external general entity used in content.
            """
            <?xml version="1.0"?>
            <!DOCTYPE contract [<!ENTITY secret SYSTEM "file://\(secretPath)">]>
            <contract xmlns="urn:capitation:contract:1" id="x" version="1"><title>&secret;</title></contract>
            """,
            // A parameter entity that pulls the file into the DTD.
            """
            <!DOCTYPE contract [<!ENTITY % secret SYSTEM "file://\(secretPath)"> %secret;]>
            <contract xmlns="urn:capitation:contract:1" id="x" version="1"/>
            """,
            // An external DTD.
            """
            <!DOCTYPE contract SYSTEM "file://\(secretPath)">
            <contract xmlns="urn:capitation:contract:1" id="x" version="1"/>
            """,
            // An entity in an attribute value.
            """
            <!DOCTYPE contract [<!ENTITY secret SYSTEM "\(secretPath)">]>
            <contract xmlns="urn:capitation:contract:1" id="&secret;" version="1"/>
            """,
        ]
        for attack in attacks {
            let error = load(attack)
            #expect(error?.code == .refused)
            #expect(error?.diagnostics.count == 1)
            #expect(error?.description.contains(secretMarker) == false)
            #expect(error?.diagnostics.first?.message.hasPrefix("the document declares a DOCTYPE") == true)
        }
    }

    @Test func refusesAnEntityExpansionBombWithinASecond() {
        var lines = ["<?xml version=\"1.0\"?>", "<!DOCTYPE contract [", "<!ENTITY lol0 \"lol\">"]
        for level in 1...12 {
            lines.append("<!ENTITY lol\(level) \"\(String(repeating: "&lol\(level - 1);", count: 10))\">")
        }
        lines.append("]>")
        lines.append(
            "<contract xmlns=\"urn:capitation:contract:1\" id=\"x\" version=\"1\"><title>&lol12;</title></contract>"
        )
        let clock = ContinuousClock()
        let start = clock.now
        let error = load(lines.joined(separator: "\n"))
        let elapsed = clock.now - start
        #expect(error?.code == .refused)
        #expect(error?.diagnostics.first?.location?.line == 2)
        // 10^12 "lol"s if expanded; refused at the DOCTYPE instead, in about a millisecond.
        #expect(elapsed < .seconds(1))
    }

    /// XInclude is never processed: the include element is just an element the schema does not allow.
    @Test func neverProcessesXInclude() throws {
        let minimal = try String(contentsOfFile: Fixtures.path("valid/minimal.xml"), encoding: .utf8)
        let text = minimal.replacingOccurrences(
            of: "<title>",
            with:
                "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"\(secretPath)\" parse=\"text\"/><title>"
        )
        let error = load(text)
        #expect(error?.code == .schemaViolation)
        #expect(
            error?.diagnostics.map(\.message) == [
                "<include xmlns=\"http://www.w3.org/2001/XInclude\"> is not expected here; expected <title>"
            ]
        )
        #expect(error?.description.contains(secretMarker) == false)
    }

    /// A schema location in the document is a hint that is never followed: the contract schema is built in.
    @Test func ignoresSchemaLocationHints() throws {
        let minimal = try String(contentsOfFile: Fixtures.path("valid/minimal.xml"), encoding: .utf8)
        let text = minimal.replacingOccurrences(
            of: "id=\"minimal\"",
            with: "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                + "xsi:schemaLocation=\"urn:capitation:contract:1 http://192.0.2.1/other.xsd\" id=\"minimal\""
        )
        let loaded = try ContractLoader().load(bytes: Array(text.utf8), path: "hint.xml")
        #expect(loaded.contract.id == "minimal")
    }

    @Test func refusesDeepNesting() {
        let text =
            "<contract xmlns=\"urn:capitation:contract:1\">" + String(repeating: "<a>", count: 5_000)
            + String(repeating: "</a>", count: 5_000) + "</contract>"
        let error = load(text)
        #expect(error?.code == .malformed)
        #expect(error?.diagnostics.first?.message == "elements are nested more than 256 levels deep")
    }

    @Test func refusesHugeValuesWithoutEchoingThem() {
        let attribute =
            "<contract xmlns=\"urn:capitation:contract:1\" id=\"" + String(repeating: "x", count: 11_000_000)
            + "\" version=\"1\"><title>t</title></contract>"
        let tooLong = load(attribute)
        #expect(tooLong?.code == .malformed)
        #expect(tooLong?.diagnostics.map(\.message) == ["an attribute value is longer than 10 MB, the most accepted"])

        let text =
            "<contract xmlns=\"urn:capitation:contract:1\" id=\"x\" version=\"1\"><title>"
            + String(repeating: "x", count: 11_000_000) + "</title></contract>"
        let error = load(text)
        #expect(error?.code == .schemaViolation)
        #expect(
            error?.diagnostics.first?.message
                == "<title>: its text is not valid: expected a short human-readable text (at most 200 characters)"
        )
        #expect((error?.description.count ?? .max) < 1_000)
    }

    // A large contract (about 6 MB, 60,000 scope entries) loads with every entry; a 50 MB one takes a few
    // seconds in a release build (see the README), which is not something to time in a test.
    @Test func loadsALargeContract() throws {
        let minimal = try String(contentsOfFile: Fixtures.path("valid/minimal.xml"), encoding: .utf8)
        let entries = (0..<60_000).map {
            "      <product code=\"P\($0)\" label=\"product \($0) of a long scope list\"/>\n"
        }
        let text = minimal.replacingOccurrences(
            of: "      <category code=\"wijkverpleging\"/>\n",
            with: "      <category code=\"wijkverpleging\"/>\n" + entries.joined()
        )
        let loaded = try ContractLoader().load(bytes: Array(text.utf8), path: "large.xml")
        #expect(loaded.contract.regimes[0].scope.products.count == 60_001)
    }
}
