import CapitationCore
import ClaimFormats
import Foundation
import Pseudonymisation
import SafeXML
import SettlementRunner
import SyntheticData
import Testing

/// The official iWmo 3.2 schemas (`Tests/Standards/iwmo-3.2`), loaded for libxml2's schema validation
/// through the project's hardened XML layer.
enum OfficialWMO323 {
    static let folder = TemporaryFolder.repository.appendingPathComponent("Tests/Standards/iwmo-3.2")

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

struct GeneratedWMO323ConformanceTests {
    /// A generated native folder: each municipality's declarations one message per provider and month,
    /// every one valid against the official schema and the iWmo rules, and so is its pseudonymised copy.
    @Test func generatedMessagesPassTheOfficialSchemaAndRules() throws {
        let folder = try TemporaryFolder()
        let copy = try TemporaryFolder()
        defer {
            folder.remove()
            copy.remove()
        }
        let files = try SyntheticFieldlab(members: 400, seed: 5, year: 2026, format: .native).write(to: folder.path)
            .files
        let messages = files.filter { $0.hasPrefix("claims/wmo323-") }
        // Twelve months of 2026 and the January after it, for the credits of December's services.
        #expect(messages.first == "claims/wmo323-coop-2026-01.xml")
        #expect(messages.last == "claims/wmo323-coop-2027-01.xml")
        #expect(messages.count == 13)
        let schema = try OfficialWMO323.schema("WMO323.xsd")
        for name in messages {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: folder.path(name))))
            #expect(try OfficialWMO323.problems(of: bytes, schema: schema) == [], "\(name)")
        }

        let paths = try SettlementPaths.resolve(
            folder: folder.path,
            contract: nil,
            population: nil,
            claims: [],
            indicators: [],
            output: copy.path("pseudonymised")
        )
        let key = try PseudonymKey(Array("0123456789abcdef0123456789abcdef0123456789abcdef".utf8), source: "test")
        _ = try PseudonymisationRun(paths: paths, key: key).run()
        for name in messages {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: copy.path("pseudonymised/" + name))))
            #expect(try OfficialWMO323.problems(of: bytes, schema: schema) == [], "pseudonymised \(name)")
        }
    }
}
