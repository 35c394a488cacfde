import ContractXML
import Foundation
import Testing

/// The schema is the documented reference of the contract format.
struct SchemaTests {
    private var schemaText: String {
        get throws {
            try String(
                contentsOf: Fixtures.repository.appendingPathComponent("Contracts/contract.xsd"),
                encoding: .utf8
            )
        }
    }

    @Test func theLoaderValidatesAgainstTheShippedSchema() throws {
        #expect(ContractLoader.schema == (try schemaText))
    }

    /// Every element, attribute and named type in the schema carries an `xs:annotation` as its first child.
    @Test func everyDeclarationIsDocumented() throws {
        let text = try schemaText
        var undocumented: [String] = []
        var count = 0
        var rest = Substring(text)
        while let open = rest.firstRange(of: /<xs:(element|attribute|simpleType) name="([^"]+)"[^>]*>/) {
            count += 1
            let tag = rest[open]
            let after = rest[open.upperBound...].drop { $0 == " " || $0 == "\n" }
            if tag.hasSuffix("/>") || !after.hasPrefix("<xs:annotation>") {
                undocumented.append(String(tag))
            }
            rest = rest[open.upperBound...]
        }
        #expect(count > 150)
        #expect(undocumented.isEmpty)
    }
}
