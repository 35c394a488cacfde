import SafeXML

/// The element structure of a WMO323 message.
///
/// For each element that holds other elements: its children in order, with how often each may occur.
/// Every other element holds text.
enum WMO323Structure {
    struct Child {
        let name: String
        let namespace: String
        let minimum: Int
        let maximum: Int

        init(_ name: String, _ namespace: String, _ minimum: Int = 1, _ maximum: Int = 1) {
            self.name = name
            self.namespace = namespace
            self.minimum = minimum
            self.maximum = maximum
        }
    }

    static let root = Child("Bericht", WMO323.messageNamespace)

    private static let message = WMO323.messageNamespace
    private static let base = WMO323.baseNamespace

    /// The children of each container element, by local name.
    static let containers: [String: [Child]] = [
        "Bericht": [Child("Header", message), Child("Declaratie", message)],
        "Header": [
            Child("BerichtCode", message), Child("BerichtVersie", message), Child("BerichtSubversie", message),
            Child("Afzender", message), Child("Ontvanger", message), Child("BerichtIdentificatie", message),
            Child("XsdVersie", message),
        ],
        "BerichtIdentificatie": [Child("Identificatie", base), Child("Dagtekening", base)],
        "XsdVersie": [Child("BasisschemaXsdVersie", base), Child("BerichtXsdVersie", base)],
        "Declaratie": [
            Child("DeclaratieNummer", message), Child("DeclaratiePeriode", message),
            Child("DeclaratieDagtekening", message), Child("TotaalIngediendBedrag", message),
            Child("Clienten", message),
        ],
        "DeclaratiePeriode": [Child("Begindatum", base), Child("Einddatum", base)],
        "TotaalIngediendBedrag": [Child("TotaalBedrag", base), Child("DebetCredit", base)],
        "Clienten": [Child("Client", message, 1, .max)],
        "Client": [Child("Bsn", message), Child("Prestaties", message)],
        "Prestaties": [Child("Prestatie", message, 1, .max)],
        "Prestatie": [
            Child("ProductReferentie", message), Child("ToewijzingNummer", message),
            Child("ProductCategorie", message), Child("ProductCode", message), Child("ProductPeriode", message),
            Child("GeleverdVolume", message), Child("Eenheid", message), Child("ProductTarief", message, 0),
            Child("IngediendBedrag", message),
        ],
        "ProductReferentie": [Child("ReferentieNummer", base), Child("VorigReferentieNummer", base, 0)],
        "ProductPeriode": [Child("Begindatum", base), Child("Einddatum", base)],
        "IngediendBedrag": [Child("Bedrag", base), Child("DebetCredit", base)],
    ]
}

/// The element structure of an iWmo message: its root and, per container element, its children, compiled
/// into a tree of elements, each knowing its children and its path, so that reading a message compares
/// the positions of names but builds no paths.
struct MessageStructure {
    /// The message's name in messages: `WMO323`.
    let name: String
    /// The elements of the tree.
    let nodes: [Node]
    /// The root's position in ``nodes``.
    let root: Int
    /// The local names and namespaces of the elements, which the nodes name by position.
    let names: XMLNames

    /// An element where it occurs in the tree.
    struct Node {
        let name: String
        let namespace: String
        /// The positions of ``name`` and ``namespace`` in the structure's ``MessageStructure/names``.
        let nameID: Int
        let namespaceID: Int
        let minimum: Int
        let maximum: Int
        /// The positions in ``MessageStructure/nodes`` of the children in order; `nil` for an element that
        /// holds text.
        let children: [Int]?
        /// The name of the element it is in; empty for the root.
        let parent: String
        /// Its path below the root: `Header/BerichtIdentificatie/Identificatie`.
        let key: String
        /// For a text of a Prestatie, its position in ``WMO323Service/textPaths``.
        let serviceSlot: Int?

        var holdsText: Bool { children == nil }
    }

    init(root: WMO323Structure.Child, containers: [String: [WMO323Structure.Child]], name: String) {
        self.name = name
        var nodes: [Node] = []
        var names: [String] = []
        var namespaces: [String] = []
        func position(_ text: String, in texts: inout [String]) -> Int {
            if let found = texts.firstIndex(of: text) { return found }
            texts.append(text)
            return texts.count - 1
        }
        // Children before their parent, so that each node is made once, knowing its children's positions.
        func add(_ child: WMO323Structure.Child, parent: String, path: [String]) -> Int {
            let children = containers[child.name].map { children in
                children.map { add($0, parent: child.name, path: path + [$0.name]) }
            }
            let belowService = path.lastIndex(of: "Prestatie").map { path[($0 + 1)...].joined(separator: "/") }
            nodes.append(
                Node(
                    name: child.name,
                    namespace: child.namespace,
                    nameID: position(child.name, in: &names),
                    namespaceID: position(child.namespace, in: &namespaces),
                    minimum: child.minimum,
                    maximum: child.maximum,
                    children: children,
                    parent: parent,
                    key: path.dropFirst().joined(separator: "/"),
                    serviceSlot: children == nil
                        ? belowService.flatMap { WMO323Service.textPaths.firstIndex(of: $0) } : nil
                )
            )
            return nodes.count - 1
        }
        self.root = add(root, parent: "", path: [root.name])
        self.nodes = nodes
        self.names = XMLNames(names: names, namespaces: namespaces)
    }

    static let wmo323 = MessageStructure(
        root: WMO323Structure.root,
        containers: WMO323Structure.containers,
        name: "WMO323"
    )
}

/// Follows the elements of a message and checks each against its structure (``WMO323Structure`` unless
/// told otherwise), keeping the text of the element that holds text last entered.
struct WMO323StructureChecker {
    let structure: MessageStructure

    /// An element being read.
    struct Frame {
        /// Its position in the structure's nodes.
        let node: Int
        let line: Int
        /// The position among its node's children of the child last entered (−1 before the first), and
        /// how often it occurred in a row.
        var position = -1
        var count = 0
    }

    private(set) var stack: [Frame] = []
    /// The text, as read, of the element that holds text entered last: while it is read, and after it ends
    /// until another element that holds text starts.
    private(set) var text: [UInt8] = []

    init(structure: MessageStructure = .wmo323) {
        self.structure = structure
    }

    /// The element in the structure that `frame` is.
    func node(of frame: Frame) -> MessageStructure.Node { structure.nodes[frame.node] }

    /// Enters an element; returns the problem when it is not allowed where it is.
    ///
    /// Nodes are read field by field, never copied whole: a node holds strings, and copying one for each
    /// element would count references for each.
    mutating func enter(_ start: XMLElementStart) -> String? {
        guard var parent = stack.last else {
            let root = structure.nodes[structure.root]
            guard start.name == root.nameID, start.namespace == root.namespaceID else {
                return
                    "the root element is \(Self.describe(start.localName, start.namespaceName)); a \(structure.name) message is a Bericht in the namespace \(root.namespace)"
            }
            stack.append(Frame(node: structure.root, line: start.line))
            return nil
        }
        guard let children = structure.nodes[parent.node].children else {
            return
                "element \(start.localName) is not allowed inside \(structure.nodes[parent.node].name), which holds only text"
        }
        var found: Int?
        for index in max(parent.position, 0)..<children.count {
            let child = children[index]
            if structure.nodes[child].nameID == start.name, structure.nodes[child].namespaceID == start.namespace {
                found = index
                break
            }
        }
        guard let index = found else { return misplaced(start, in: parent) }
        let child = children[index]
        if index == parent.position {
            guard parent.count < structure.nodes[child].maximum else {
                return "\(structure.nodes[parent.node].name) may hold only one \(structure.nodes[child].name)"
            }
            parent.count += 1
        } else {
            for skipped in children[(parent.position + 1)..<index] where structure.nodes[skipped].minimum > 0 {
                return
                    "\(structure.nodes[parent.node].name) is missing \(structure.nodes[skipped].name) before \(structure.nodes[child].name)"
            }
            parent.position = index
            parent.count = 1
        }
        stack[stack.count - 1] = parent
        stack.append(Frame(node: child, line: start.line))
        if structure.nodes[child].holdsText { text.removeAll(keepingCapacity: true) }
        return nil
    }

    /// The problem of an element that is not among the children that may come next in `parent`.
    private func misplaced(_ start: XMLElementStart, in parent: Frame) -> String {
        let nodes = structure.nodes
        let name = start.localName
        let children = nodes[parent.node].children ?? []
        if let child = children.lazy.map({ nodes[$0] }).first(where: { $0.nameID == start.name }),
            child.namespaceID != start.namespace
        {
            let namespace = start.namespaceName
            let actual = namespace.isEmpty ? "no namespace" : "the namespace \(namespace)"
            return "element \(name) is in \(actual); \(structure.name) expects it in \(child.namespace)"
        }
        return "element \(name) is not expected here in \(nodes[parent.node].name)\(expected(parent))"
    }

    /// Adds text to the current element; returns the problem when the element holds no text.
    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard let frame = stack.last else { return nil }
        guard structure.nodes[frame.node].holdsText else {
            let text = String(decoding: bytes, as: UTF8.self)
            return text.allSatisfy(\.isWhitespace)
                ? nil : "\(structure.nodes[frame.node].name) holds elements, not text"
        }
        text.append(contentsOf: bytes)
        return nil
    }

    /// Leaves the current element; returns it, or the problem when a required child is missing.
    mutating func leave() -> Result<Frame, StructureProblem> {
        let frame = stack.removeLast()
        if let children = structure.nodes[frame.node].children {
            for child in children[(frame.position + 1)...] where structure.nodes[child].minimum > 0 {
                return .failure(
                    StructureProblem(
                        line: frame.line,
                        "\(structure.nodes[frame.node].name) is missing \(structure.nodes[child].name)"
                    )
                )
            }
        }
        return .success(frame)
    }

    /// What may come next in `frame`, for a message.
    private func expected(_ frame: Frame) -> String {
        guard let children = structure.nodes[frame.node].children?.map({ structure.nodes[$0] }) else { return "" }
        var names: [String] = []
        if frame.position >= 0, frame.count < children[frame.position].maximum {
            names.append(children[frame.position].name)
        }
        for child in children[(frame.position + 1)...] {
            names.append(child.name)
            if child.minimum > 0 { break }
        }
        return names.isEmpty ? " (nothing more may follow)" : " (expected \(names.joined(separator: " or ")))"
    }

    private static func describe(_ name: String, _ namespace: String) -> String {
        namespace.isEmpty ? "\(name) without a namespace" : "\(name) in the namespace \(namespace)"
    }
}

/// A structure problem and its line.
struct StructureProblem: Error {
    let line: Int
    let message: String

    init(line: Int, _ message: String) {
        self.line = line
        self.message = message
    }
}
