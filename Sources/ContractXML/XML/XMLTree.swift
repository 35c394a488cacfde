/// An XML element as a Swift value: the contract decoder never touches libxml2 pointers.
struct XMLElement {
    /// The local name, without a prefix.
    var name: String
    /// The namespace URI, if any.
    var namespace: String?
    /// The attributes in document order.
    var attributes: [XMLAttribute]
    /// The child elements in document order.
    var children: [XMLElement]
    /// The element's own text (text and CDATA children), concatenated.
    var text: String
    /// Where the element's start tag begins.
    var location: Position
    /// The element's position among all elements of the document, in document order.
    var ordinal: Int

    /// The value of the attribute `name` (without a namespace), if present.
    func attribute(_ name: String) -> XMLAttribute? {
        attributes.first { $0.name == name && $0.namespace == nil }
    }

    /// The child elements called `name`.
    func children(named name: String) -> [XMLElement] {
        children.filter { $0.name == name }
    }

    /// The first child element called `name`.
    func child(named name: String) -> XMLElement? {
        children.first { $0.name == name }
    }
}

/// An attribute with its value and where its name begins.
struct XMLAttribute {
    var name: String
    var namespace: String?
    var value: String
    var location: Position
}

/// A 1-based line and column; the column is `nil` where only the line is known.
struct Position: Hashable {
    var line: Int
    var column: Int?
}
