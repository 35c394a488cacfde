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

/// The element structure of an iWmo message: its root and, per container element, its children.
struct MessageStructure {
    let root: WMO323Structure.Child
    let containers: [String: [WMO323Structure.Child]]
    /// The message's name in messages: `WMO323`.
    let name: String

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

    struct Frame {
        let name: String
        let line: Int
        let children: [WMO323Structure.Child]?
        /// The position in `children` of the child last entered (−1 before the first), and how often it
        /// occurred in a row.
        var position = -1
        var count = 0
        var text = ""
    }

    private(set) var stack: [Frame] = []

    /// Enters an element; returns the problem when it is not allowed where it is.
    mutating func enter(_ name: String, namespace: String, line: Int) -> String? {
        guard var parent = stack.last else {
            let root = structure.root
            guard name == root.name, namespace == root.namespace else {
                return
                    "the root element is \(Self.describe(name, namespace)); a \(structure.name) message is a Bericht in the namespace \(root.namespace)"
            }
            stack.append(Frame(name: name, line: line, children: structure.containers[name]))
            return nil
        }
        guard let children = parent.children else {
            return "element \(name) is not allowed inside \(parent.name), which holds only text"
        }
        guard
            let index = children.indices.dropFirst(max(parent.position, 0)).first(where: {
                children[$0].name == name && children[$0].namespace == namespace
            })
        else {
            if let child = children.first(where: { $0.name == name }), child.namespace != namespace {
                let actual = namespace.isEmpty ? "no namespace" : "the namespace \(namespace)"
                return "element \(name) is in \(actual); \(structure.name) expects it in \(child.namespace)"
            }
            return "element \(name) is not expected here in \(parent.name)\(Self.expected(parent))"
        }
        if index == parent.position {
            guard parent.count < children[index].maximum else {
                return "\(parent.name) may hold only one \(name)"
            }
            parent.count += 1
        } else {
            if let missing = children[(parent.position + 1)..<index].first(where: { $0.minimum > 0 }) {
                return "\(parent.name) is missing \(missing.name) before \(name)"
            }
            parent.position = index
            parent.count = 1
        }
        stack[stack.count - 1] = parent
        stack.append(Frame(name: name, line: line, children: structure.containers[name]))
        return nil
    }

    /// Adds text to the current element; returns the problem when the element holds no text.
    mutating func text(_ text: String) -> String? {
        guard var frame = stack.last else { return nil }
        guard frame.children == nil else {
            return text.allSatisfy(\.isWhitespace) ? nil : "\(frame.name) holds elements, not text"
        }
        frame.text += text
        stack[stack.count - 1] = frame
        return nil
    }

    /// Leaves the current element; returns it, or the problem when a required child is missing.
    mutating func leave() -> Result<Frame, StructureProblem> {
        let frame = stack.removeLast()
        if let children = frame.children,
            let missing = children[(frame.position + 1)...].first(where: { $0.minimum > 0 })
        {
            return .failure(StructureProblem(line: frame.line, "\(frame.name) is missing \(missing.name)"))
        }
        return .success(frame)
    }

    /// The names of the elements from the root to the current one.
    var path: [String] { stack.map(\.name) }

    /// What may come next in `frame`, for a message.
    private static func expected(_ frame: Frame) -> String {
        guard let children = frame.children else { return "" }
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
