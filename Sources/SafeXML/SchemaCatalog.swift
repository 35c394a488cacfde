import CLibXML2

/// What the contract schema documents about its elements, attributes and types, read from the schema's
/// own annotations so that messages explain what was expected without repeating the schema.
package struct SchemaCatalog: Sendable {
    /// An attribute as the schema declares it.
    struct AttributeInfo: Sendable {
        var type: String
        var documentation: String
    }

    /// The documentation of each named simple type.
    var types: [String: String] = [:]
    /// The attributes of each element, by element name and attribute name.
    var attributes: [String: [String: AttributeInfo]] = [:]
    /// The type of each element that holds text, by element name.
    var elementTypes: [String: String] = [:]

    /// Reads the annotations of the XSD in `schema`.
    package init(schema: [UInt8]) {
        LibXML2.prepare()
        let document = schema.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                xmlReadMemory(chars.baseAddress, Int32(chars.count), "contract.xsd", nil, LibXML2.parseOptions)
            }
        }
        guard let document, let root = xmlDocGetRootElement(document) else { return }
        defer { xmlFreeDoc(document) }
        var builder = TreeBuilder(index: SourceIndex([]))
        collect(builder.element(from: root))
    }

    private mutating func collect(_ element: XMLElement) {
        if element.name == "simpleType", let name = element.attribute("name")?.value {
            types[name] = Self.documentation(of: element)
        }
        if element.name == "element", let name = element.attribute("name")?.value,
            let type = element.attribute("type")?.value
        {
            elementTypes[name] = type
        }
        if element.name == "element", let name = element.attribute("name")?.value,
            let complexType = element.child(named: "complexType")
        {
            for attribute in complexType.children(named: "attribute") {
                guard let attributeName = attribute.attribute("name")?.value else { continue }
                attributes[name, default: [:]][attributeName] = AttributeInfo(
                    type: attribute.attribute("type")?.value ?? "",
                    documentation: Self.documentation(of: attribute)
                )
            }
        }
        for child in element.children { collect(child) }
    }

    private static func documentation(of element: XMLElement) -> String {
        element.child(named: "annotation")?.child(named: "documentation")?.text.trimmingWhitespace() ?? ""
    }

    /// What a value of `attribute` on `element` (or the element's text, when `attribute` is `nil`) must look
    /// like, as a phrase: "an amount in euros …".
    func expectation(element: String, attribute: String?) -> String? {
        let type = attribute.map { attributes[element]?[$0]?.type } ?? elementTypes[element]
        guard let type else { return nil }
        if let description = types[type] { return description.asPhrase }
        return type == "xs:boolean" ? "true or false" : nil
    }
}

extension String {
    /// The sentence as a phrase to continue another: first letter lowercased, final period removed.
    var asPhrase: String {
        var text = self
        if text.hasSuffix(".") { text.removeLast() }
        guard let first = text.first else { return text }
        // Keep acronyms such as "A Dutch" → "a Dutch" but "CBS" stays.
        let second = text.dropFirst().first
        if first.isUppercase, second.map({ !$0.isUppercase }) ?? true {
            return first.lowercased() + text.dropFirst()
        }
        return text
    }
}
