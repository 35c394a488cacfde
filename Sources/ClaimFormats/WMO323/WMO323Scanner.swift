import CapitationCore
import SafeXML

/// Follows the events of a streamed WMO323 message: checks each element against the message structure,
/// collects the texts of the header (as strings) and of the client and the service being read (as the
/// bytes they were read as), and says when a part of the message is complete.
///
/// ``WMO323Reader`` makes strings of the parts; ``WMO323Claims`` reads most services from their bytes.
struct WMO323Scanner {
    /// What an event completed.
    enum Step {
        /// The header and the declaration's totals: ``header`` is complete (at the start of Clienten).
        case header
        /// A service: ``service`` holds its texts, ``client`` those of its client.
        case service
        /// A client, after all of its services.
        case client
    }

    private(set) var checker = WMO323StructureChecker()
    /// Texts of the header and declaration, and their lines, by their path below Bericht.
    private var values: [String: String] = [:]
    private var lines: [String: Int] = [:]
    /// The client being read.
    private(set) var client = ClientTexts()
    /// The service being read, or last read.
    private(set) var service = ServiceTexts()
    /// The positions of the names of the elements that start or end a part.
    private let clienten: Int
    private let clientName: Int
    private let prestatie: Int
    private let bsn: Int

    init() {
        let names = checker.structure.names.names
        func position(_ name: String) -> Int { names.firstIndex(of: name) ?? -1 }
        (clienten, clientName, prestatie, bsn) = (
            position("Clienten"), position("Client"), position("Prestatie"), position("Bsn")
        )
    }

    /// The element names of the message, for ``XMLStreamReader``.
    var names: XMLNames { checker.structure.names }

    /// Takes the next event of the message; returns what it completed.
    ///
    /// - Throws: ``StructureProblem`` when the message breaks its structure.
    mutating func take(_ event: XMLStreamEvent) throws(StructureProblem) -> Step? {
        switch event {
        case .start(let start):
            if let problem = checker.enter(start) { throw StructureProblem(line: start.line, problem) }
            switch start.name {
            case clienten: return .header
            case clientName: client = ClientTexts(line: start.line)
            case prestatie: service.start(line: start.line)
            case bsn: client.line = start.line
            default: break
            }
            return nil
        case .text(let bytes, let line):
            if let problem = checker.text(bytes) { throw StructureProblem(line: line, problem) }
            return nil
        case .end:
            let frame: WMO323StructureChecker.Frame
            switch checker.leave() {
            case .failure(let problem): throw problem
            case .success(let left): frame = left
            }
            // The node's fields one by one: copying it whole would count references to its strings.
            let nodes = checker.structure.nodes
            if nodes[frame.node].holdsText {
                if let slot = nodes[frame.node].serviceSlot {
                    service.set(slot, checker.text)
                } else if nodes[frame.node].nameID == bsn {
                    client.bsn = checker.text
                } else {
                    let key = nodes[frame.node].key
                    values[key] = String(decoding: checker.text, as: UTF8.self).trimmingWhitespace()
                    lines[key] = frame.line
                }
                return nil
            }
            switch nodes[frame.node].nameID {
            case prestatie: return .service
            case clientName: return .client
            default: return nil
            }
        }
    }

    /// The header and the declaration's totals, complete at ``Step/header``.
    var header: WMO323Header {
        WMO323Header(
            messageCode: values["Header/BerichtCode", default: ""],
            version: values["Header/BerichtVersie", default: ""],
            subversion: values["Header/BerichtSubversie", default: ""],
            sender: values["Header/Afzender", default: ""],
            receiver: values["Header/Ontvanger", default: ""],
            identification: values["Header/BerichtIdentificatie/Identificatie", default: ""],
            messageDate: values["Header/BerichtIdentificatie/Dagtekening", default: ""],
            baseSchemaVersion: values["Header/XsdVersie/BasisschemaXsdVersie", default: ""],
            messageSchemaVersion: values["Header/XsdVersie/BerichtXsdVersie", default: ""],
            declarationNumber: values["Declaratie/DeclaratieNummer", default: ""],
            periodStart: values["Declaratie/DeclaratiePeriode/Begindatum", default: ""],
            periodEnd: values["Declaratie/DeclaratiePeriode/Einddatum", default: ""],
            declarationDate: values["Declaratie/DeclaratieDagtekening", default: ""],
            totalAmount: values["Declaratie/TotaalIngediendBedrag/TotaalBedrag", default: ""],
            totalSide: values["Declaratie/TotaalIngediendBedrag/DebetCredit", default: ""],
            lines: lines
        )
    }
}

/// The texts of a client (`Client`) being read.
struct ClientTexts {
    /// The line of its Bsn element (of the Client element until the Bsn starts).
    var line = 0
    /// The text of its Bsn as read.
    var bsn: [UInt8] = []

    /// Its Bsn, as the text of the element without the white space around it.
    var bsnText: String { String(decoding: bsn, as: UTF8.self).trimmingWhitespace() }
}

/// The texts of a service (`Prestatie`) as read, in the slots of ``WMO323Service/textPaths``.
struct ServiceTexts {
    /// The line of the Prestatie element.
    private(set) var line = 0
    /// The texts, one after the other.
    private var bytes: [UInt8] = []
    /// Where each slot's text is in ``bytes``; `nil` where its element is absent.
    private var slots = [Range<Int>?](repeating: nil, count: WMO323Service.textPaths.count)

    /// Forgets the texts of the service before.
    mutating func start(line: Int) {
        self.line = line
        bytes.removeAll(keepingCapacity: true)
        for slot in slots.indices { slots[slot] = nil }
    }

    mutating func set(_ slot: Int, _ text: [UInt8]) {
        let start = bytes.count
        bytes.append(contentsOf: text)
        slots[slot] = start..<bytes.count
    }

    /// The service with its texts made strings without the white space around them.
    var service: WMO323Service {
        WMO323Service(
            slots: slots.map { $0.map { String(decoding: bytes[$0], as: UTF8.self).trimmingWhitespace() } },
            line: line
        )
    }

    /// Calls `body` with the text of each slot as read (`nil` where absent), valid during the call.
    func withTexts<Result>(_ body: (PlainTexts) -> Result) -> Result {
        bytes.withUnsafeBufferPointer { buffer in body(PlainTexts(buffer: buffer, slots: slots)) }
    }

    /// The texts of a service in memory.
    struct PlainTexts {
        let buffer: UnsafeBufferPointer<UInt8>
        let slots: [Range<Int>?]

        /// The text of `slot` as read, or `nil` where its element is absent.
        subscript(_ slot: Int) -> UnsafeBufferPointer<UInt8>? {
            slots[slot].map { UnsafeBufferPointer(rebasing: buffer[$0]) }
        }
    }
}
