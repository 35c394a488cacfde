/// An XML element in Swift: the contract decoder never touches libxml2 pointers.
///
/// Immutable, and a class so that the maps from contract parts and libxml2 nodes to elements hold
/// references rather than copies (a large contract has hundreds of thousands of elements).
final class XMLElement {
    /// The local name, without a prefix.
    let name: String
    /// The namespace URI, if any.
    let namespace: String?
    /// The attributes in document order.
    let attributes: [XMLAttribute]
    /// The child elements in document order.
    let children: [XMLElement]
    /// The element's own text (text and CDATA children), concatenated.
    let text: String
    /// Where the element's start tag begins.
    let location: Position
    /// The element's position among all elements of the document, in document order.
    let ordinal: Int

    init(
        name: String,
        namespace: String?,
        attributes: [XMLAttribute],
        children: [XMLElement],
        text: String,
        location: Position,
        ordinal: Int
    ) {
        self.name = name
        self.namespace = namespace
        self.attributes = attributes
        self.children = children
        self.text = text
        self.location = location
        self.ordinal = ordinal
    }

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
