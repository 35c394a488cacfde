import CapitationCore
import SafeXML

/// Reads iWmo 3.2 WMO325 declaration answers through the same hardened libxml2 layer as the declarations:
/// no network, no DTD, no entities, a DOCTYPE refused unread; elements matched by namespace and local name
/// and checked against the message structure.
///
/// An answer lists only what was refused, so it is read whole.
public enum WMO325Reader: Sendable {
    /// Reads the answer whose bytes `next` returns block by block.
    ///
    /// - Throws: ``InputError`` when the answer is refused (a DOCTYPE), not well-formed, not a WMO325
    ///   answer, or breaks its structure.
    public static func read(path: String, next: () throws(InputError) -> [UInt8]?) throws(InputError) -> WMO325Answer {
        var builder = AnswerBuilder()
        var checker = WMO323StructureChecker(structure: WMO325Structure.structure)
        let names = checker.structure.names
        func fail(_ line: Int?, _ message: String) -> XMLStreamError {
            .content([Diagnostic(.error, at: SourceLocation(path: path, line: line), message)])
        }
        do throws(XMLStreamError) {
            try XMLStreamReader.read(
                path: path,
                names: names,
                next: { () throws(XMLStreamError) -> [UInt8]? in
                    do throws(InputError) {
                        return try next()
                    } catch {
                        throw .content(error.diagnostics)
                    }
                },
                { (event) throws(XMLStreamError) in
                    switch event {
                    case .start(let start):
                        if let problem = checker.enter(start) { throw fail(start.line, problem) }
                        builder.start(checker.node(of: checker.stack[checker.stack.count - 1]).name, line: start.line)
                    case .text(let text, let line):
                        if let problem = checker.text(text) { throw fail(line, problem) }
                    case .end:
                        switch checker.leave() {
                        case .failure(let problem): throw fail(problem.line, problem.message)
                        case .success(let frame): builder.end(frame, node: checker.node(of: frame), text: checker.text)
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
        return builder.answer
    }
}

/// Collects element texts into an answer.
private struct AnswerBuilder {
    private var values: [String: String] = [:]
    private var lines: [String: Int] = [:]
    private var headerCodes: [String] = []
    private var declarationCodes: [String] = []
    private var hasDeclaration = false
    private var clients: [WMO325Answer.Client] = []
    private var client: WMO325Answer.Client?
    private var codes: [String] = []
    /// Texts of the current service, in the order of ``WMO323Service/textPaths``, and its return codes.
    private var service: [String?] = []
    private var serviceCodes: [String] = []
    private var serviceLine = 0

    mutating func start(_ name: String, line: Int) {
        switch name {
        case "DeclaratieAntwoord":
            hasDeclaration = true
            lines["DeclaratieAntwoord"] = line
        case "Client": client = WMO325Answer.Client(bsn: "", line: line, services: [], codes: [])
        case "Prestatie":
            service = Array(repeating: nil, count: WMO323Service.textPaths.count)
            serviceCodes = []
            serviceLine = line
        case "RetourCodes": codes = []
        default: break
        }
    }

    /// Records a leaf's text (`text`, as read), or completes a part.
    mutating func end(_ frame: WMO323StructureChecker.Frame, node: MessageStructure.Node, text: [UInt8]) {
        if node.holdsText {
            let value = String(decoding: text, as: UTF8.self).trimmingWhitespace()
            if node.name == "RetourCode" {
                codes.append(value)
            } else if let slot = node.serviceSlot {
                service[slot] = value
            } else if node.name == "Bsn" {
                client?.bsn = value
            } else {
                values[node.key] = value
                lines[node.key] = frame.line
            }
            return
        }
        switch node.name {
        case "RetourCodes":
            switch node.parent {
            case "Header": headerCodes = codes
            case "DeclaratieAntwoord": declarationCodes = codes
            case "Client": client?.codes = codes
            case "Prestatie": serviceCodes = codes
            default: break
            }
        case "Prestatie":
            let declared = WMO323Service(slots: service, line: serviceLine)
            client?.services.append(WMO325Answer.Service(declared: declared, codes: serviceCodes))
        case "Client":
            if let client { clients.append(client) }
            client = nil
        default:
            break
        }
    }

    var answer: WMO325Answer {
        let declaration =
            hasDeclaration
            ? WMO325Answer.Declaration(
                number: values["DeclaratieAntwoord/DeclaratieNummer", default: ""],
                declaredAmount: values["DeclaratieAntwoord/TotaalIngediendBedrag/TotaalBedrag", default: ""],
                declaredSide: values["DeclaratieAntwoord/TotaalIngediendBedrag/DebetCredit", default: ""],
                awardedAmount: values["DeclaratieAntwoord/TotaalToegekendBedrag/TotaalBedrag", default: ""],
                awardedSide: values["DeclaratieAntwoord/TotaalToegekendBedrag/DebetCredit", default: ""],
                clients: clients,
                codes: declarationCodes
            ) : nil
        return WMO325Answer(
            messageCode: values["Header/BerichtCode", default: ""],
            version: values["Header/BerichtVersie", default: ""],
            subversion: values["Header/BerichtSubversie", default: ""],
            sender: values["Header/Afzender", default: ""],
            receiver: values["Header/Ontvanger", default: ""],
            identification: values["Header/BerichtIdentificatie/Identificatie", default: ""],
            messageDate: values["Header/BerichtIdentificatie/Dagtekening", default: ""],
            baseSchemaVersion: values["Header/XsdVersie/BasisschemaXsdVersie", default: ""],
            messageSchemaVersion: values["Header/XsdVersie/BerichtXsdVersie", default: ""],
            declarationIdentification: values["Header/DeclaratieIdentificatie/Identificatie", default: ""],
            declarationMessageDate: values["Header/DeclaratieIdentificatie/Dagtekening", default: ""],
            declarationBaseSchemaVersion: values["Header/XsdVersieDeclaratie/BasisschemaXsdVersie", default: ""],
            declarationMessageSchemaVersion: values["Header/XsdVersieDeclaratie/BerichtXsdVersie", default: ""],
            headerCodes: headerCodes,
            declaration: declaration,
            lines: lines
        )
    }
}
