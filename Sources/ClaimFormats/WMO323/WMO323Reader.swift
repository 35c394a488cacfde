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
        var services: [WMO323Service] = []
        try scan(path: path, next: next) { (step, scanner) throws(InputError) in
            switch step {
            case .header:
                try handle(.header(scanner.header))
            case .service:
                services.append(scanner.service.service)
            case .client:
                let client = WMO323Client(bsn: scanner.client.bsnText, line: scanner.client.line, services: services)
                services = []
                try handle(.client(client))
            }
        }
    }

    /// Streams the message whose bytes `next` returns block by block through a ``WMO323Scanner``, calling
    /// `handle` with the scanner each time a part is complete.
    ///
    /// - Throws: ``InputError`` when the message is refused (a DOCTYPE), not well-formed, not a WMO323
    ///   message, breaks its structure, or when `next` or `handle` throw.
    static func scan(
        path: String,
        next: () throws(InputError) -> [UInt8]?,
        _ handle: (WMO323Scanner.Step, borrowing WMO323Scanner) throws(InputError) -> Void
    ) throws(InputError) {
        var scanner = WMO323Scanner()
        do throws(XMLStreamError) {
            try XMLStreamReader.read(
                path: path,
                names: scanner.names,
                next: { () throws(XMLStreamError) -> [UInt8]? in
                    do throws(InputError) {
                        return try next()
                    } catch {
                        throw .content(error.diagnostics)
                    }
                },
                { (event) throws(XMLStreamError) in
                    let step: WMO323Scanner.Step?
                    do throws(StructureProblem) {
                        step = try scanner.take(event)
                    } catch {
                        throw .content([
                            Diagnostic(.error, at: SourceLocation(path: path, line: error.line), error.message)
                        ])
                    }
                    guard let step else { return }
                    do throws(InputError) {
                        try handle(step, scanner)
                    } catch {
                        throw .content(error.diagnostics)
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
