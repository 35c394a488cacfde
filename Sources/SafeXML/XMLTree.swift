import CapitationCore

/// An XML element in Swift: the contract decoder never touches libxml2 pointers.
///
/// Immutable, and a class so that the maps from contract parts and libxml2 nodes to elements hold
/// references rather than copies (a large contract has hundreds of thousands of elements).
package final class XMLElement {
    /// The local name, without a prefix.
    package let name: String
    /// The namespace URI, if any.
    package let namespace: String?
    /// The attributes in document order.
    package let attributes: [XMLAttribute]
    /// The child elements in document order.
    package let children: [XMLElement]
    /// The element's own text (text and CDATA children), concatenated.
    package let text: String
    /// Where the element's start tag begins.
    package let location: Position
    /// The element's position among all elements of the document, in document order.
    package let ordinal: Int

    package init(
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
    package func attribute(_ name: String) -> XMLAttribute? {
        attributes.first { $0.name == name && $0.namespace == nil }
    }

    /// The child elements called `name`.
    package func children(named name: String) -> [XMLElement] {
        children.filter { $0.name == name }
    }

    /// The first child element called `name`.
    package func child(named name: String) -> XMLElement? {
        children.first { $0.name == name }
    }
}

/// An attribute with its value and where its name begins.
package struct XMLAttribute {
    package var name: String
    package var namespace: String?
    package var value: String
    package var location: Position
}

/// A 1-based line and column; the column is `nil` where only the line is known.
package struct Position: Hashable {
    package var line: Int
    package var column: Int?
}
