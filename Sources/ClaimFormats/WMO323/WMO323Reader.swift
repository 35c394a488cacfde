import CapitationCore
import SafeXML

/// A part of a WMO323 message, in the order of the message.
public enum WMO323Part: Sendable {
    /// The header and the declaration's totals; comes once, before the clients.
    case header(WMO323Header)
    /// A client with all their services.
    case client(WMO323Client)
}

/// Reads iWmo 3.2 WMO323 declaration messages as a stream, through the same hardened libxml2 layer as
/// contracts: no network, no DTD, no entities, a DOCTYPE refused unread.
///
/// Elements are matched by namespace and local name, never by prefix, and their order and number are
/// checked against the message structure. The parts are handed over as they end, so memory holds one
/// client at a time however large the message.
public enum WMO323Reader: Sendable {
    /// Streams the message whose bytes `next` returns block by block, handing each part to `handle`.
    ///
    /// - Throws: ``InputError`` when the message is refused (a DOCTYPE), not well-formed, not a WMO323
    ///   message, breaks its structure, or when `next` or `handle` throw.
    public static func read(
        path: String,
        next: () throws(InputError) -> [UInt8]?,
        _ handle: (WMO323Part) throws(InputError) -> Void
    ) throws(InputError) {
        var builder = PartBuilder()
        var checker = WMO323StructureChecker()
        func fail(_ line: Int?, _ message: String) -> XMLStreamError {
            .content([Diagnostic(.error, at: SourceLocation(path: path, line: line), message)])
        }
        do throws(XMLStreamError) {
            try XMLStreamReader.read(
                path: path,
                next: { () throws(XMLStreamError) -> [UInt8]? in
                    do throws(InputError) {
                        return try next()
                    } catch {
                        throw .content(error.diagnostics)
                    }
                },
                { (event) throws(XMLStreamError) in
                    switch event {
                    case .start(let name, let namespace, let line):
                        if let problem = checker.enter(name, namespace: namespace, line: line) {
                            throw fail(line, problem)
                        }
                        builder.start(name, line: line)
                        if name == "Clienten" {
                            do throws(InputError) {
                                try handle(.header(builder.header()))
                            } catch {
                                throw .content(error.diagnostics)
                            }
                        }
                    case .text(let text, let line):
                        if let problem = checker.text(text) { throw fail(line, problem) }
                    case .end:
                        switch checker.leave() {
                        case .failure(let problem):
                            throw fail(problem.line, problem.message)
                        case .success(let frame):
                            let part = builder.end(frame, within: checker)
                            if let part {
                                do throws(InputError) {
                                    try handle(part)
                                } catch {
                                    throw .content(error.diagnostics)
                                }
                            }
                        }
                    }
                }
            )
        } catch {
            switch error {
            case .refused(let diagnostic), .malformed(let diagnostic), .source(let diagnostic):
                throw InputError(diagnostics: [diagnostic])
            case .content(let diagnostics):
                throw InputError(diagnostics: diagnostics)
            }
        }
    }
}

/// Collects element texts into the parts of the message.
private struct PartBuilder {
    /// Texts of the header and declaration, and their lines, by their path below Bericht.
    private var values: [String: String] = [:]
    private var lines: [String: Int] = [:]
    private var client: WMO323Client?
    /// Texts of the current service, in the order of ``WMO323Service/textPaths``.
    private var service = Self.noTexts
    private static let noTexts = [String?](repeating: nil, count: WMO323Service.textPaths.count)
    private var serviceLine = 0

    mutating func start(_ name: String, line: Int) {
        switch name {
        case "Client": client = WMO323Client(bsn: "", line: line, services: [])
        case "Prestatie":
            service = Self.noTexts
            serviceLine = line
        case "Bsn": client?.line = line
        default: break
        }
    }

    /// Records a leaf's text, or completes a part.
    mutating func end(_ frame: WMO323StructureChecker.Frame, within checker: WMO323StructureChecker) -> WMO323Part? {
        if frame.holdsText {
            let value = frame.text.trimmingWhitespace()
            if let slot = frame.serviceSlot {
                service[slot] = value
            } else if frame.name == "Bsn" {
                client?.bsn = value
            } else {
                let key = checker.node(of: frame).key
                values[key] = value
                lines[key] = frame.line
            }
            return nil
        }
        switch frame.name {
        case "Prestatie":
            client?.services.append(WMO323Service(slots: service, line: serviceLine))
            return nil
        case "Client":
            defer { client = nil }
            return client.map(WMO323Part.client)
        default:
            return nil
        }
    }

    func header() -> WMO323Header {
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
