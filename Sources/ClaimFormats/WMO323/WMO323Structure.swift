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
/// names but builds no paths.
struct MessageStructure {
    /// The message's name in messages: `WMO323`.
    let name: String
    /// The elements of the tree.
    let nodes: [Node]
    /// The root's position in ``nodes``.
    let root: Int

    /// An element where it occurs in the tree.
    struct Node {
        let name: String
        let namespace: String
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
    }

    init(root: WMO323Structure.Child, containers: [String: [WMO323Structure.Child]], name: String) {
        self.name = name
        var nodes: [Node] = []
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
    }

    static let wmo323 = MessageStructure(
        root: WMO323Structure.root,
        containers: WMO323Structure.containers,
        name: "WMO323"
    )
}

/// Follows the elements of a message and checks each against its structure (``WMO323Structure`` unless
/// told otherwise).
struct WMO323StructureChecker {
    var structure = MessageStructure.wmo323

    /// An element being read.
    struct Frame {
        /// Its position in the structure's nodes.
        let node: Int
        let name: String
        let line: Int
        /// Whether it holds text rather than elements.
        let holdsText: Bool
        /// Its node's ``MessageStructure/Node/serviceSlot``.
        let serviceSlot: Int?
        /// The position among its node's children of the child last entered (−1 before the first), and
        /// how often it occurred in a row.
        var position = -1
        var count = 0
        var text = ""
    }

    private(set) var stack: [Frame] = []

    /// The element in the structure that `frame` is.
    func node(of frame: Frame) -> MessageStructure.Node { structure.nodes[frame.node] }

    /// Enters an element; returns the problem when it is not allowed where it is.
    mutating func enter(_ name: String, namespace: String, line: Int) -> String? {
        let nodes = structure.nodes
        guard var parent = stack.last else {
            let root = nodes[structure.root]
            guard name == root.name, namespace == root.namespace else {
                return
                    "the root element is \(Self.describe(name, namespace)); a \(structure.name) message is a Bericht in the namespace \(root.namespace)"
            }
            stack.append(
                Frame(node: structure.root, name: name, line: line, holdsText: root.children == nil, serviceSlot: nil)
            )
            return nil
        }
        guard let children = structure.nodes[parent.node].children else {
            return "element \(name) is not allowed inside \(parent.name), which holds only text"
        }
        var found: Int?
        for index in max(parent.position, 0)..<children.count {
            let child = structure.nodes[children[index]]
            if child.name == name, child.namespace == namespace {
                found = index
                break
            }
        }
        guard let index = found else {
            if let child = children.lazy.map({ nodes[$0] }).first(where: { $0.name == name }),
                child.namespace != namespace
            {
                let actual = namespace.isEmpty ? "no namespace" : "the namespace \(namespace)"
                return "element \(name) is in \(actual); \(structure.name) expects it in \(child.namespace)"
            }
            return "element \(name) is not expected here in \(parent.name)\(expected(parent))"
        }
        let child = structure.nodes[children[index]]
        if index == parent.position {
            guard parent.count < child.maximum else {
                return "\(parent.name) may hold only one \(name)"
            }
            parent.count += 1
        } else {
            if let missing = children[(parent.position + 1)..<index].lazy.map({ nodes[$0] })
                .first(where: { $0.minimum > 0 })
            {
                return "\(parent.name) is missing \(missing.name) before \(name)"
            }
            parent.position = index
            parent.count = 1
        }
        stack[stack.count - 1] = parent
        stack.append(
            Frame(
                node: children[index],
                name: child.name,
                line: line,
                holdsText: child.children == nil,
                serviceSlot: child.serviceSlot
            )
        )
        return nil
    }

    /// Adds text to the current element; returns the problem when the element holds no text.
    mutating func text(_ text: String) -> String? {
        guard !stack.isEmpty else { return nil }
        guard stack[stack.count - 1].holdsText else {
            return text.allSatisfy(\.isWhitespace) ? nil : "\(stack[stack.count - 1].name) holds elements, not text"
        }
        stack[stack.count - 1].text += text
        return nil
    }

    /// Leaves the current element; returns it, or the problem when a required child is missing.
    mutating func leave() -> Result<Frame, StructureProblem> {
        let frame = stack.removeLast()
        let nodes = structure.nodes
        if let children = nodes[frame.node].children,
            let missing = children[(frame.position + 1)...].lazy.map({ nodes[$0] })
                .first(where: { $0.minimum > 0 })
        {
            return .failure(StructureProblem(line: frame.line, "\(frame.name) is missing \(missing.name)"))
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
