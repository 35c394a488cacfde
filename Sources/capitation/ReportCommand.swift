import ArgumentParser
import CapitationCore
import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The formats `capitation report` renders.
enum ReportFormatOption: String, ExpressibleByArgument, CaseIterable {
    case html, markdown, csv
}

/// The locales of the reports.
enum LocaleOption: String, ExpressibleByArgument, CaseIterable {
    case en, nl

    var reportLocale: ReportLocale { self == .nl ? .dutch : .standard }
}

extension Capitation {
    /// `capitation report`: renders a written `settlement.json` again, as HTML, Markdown or CSV.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render a settlement.json as an HTML page, a Markdown report or a CSV of its figures.",
            discussion: """
                The report shows the figures of the JSON exactly: nothing is computed again. html is one \
                self-contained file (no scripts, fonts or network; charts as inline SVG, each with its numbers in \
                a table) that prints on A4; csv lists every total, regime, rejection reason, party and transfer \
                with its lines and cents. The output goes next to the JSON (report.html, report.md, figures.csv) unless --out names another file; --out - writes to standard output.

                Exit codes: 0 written, 1 usage error, 2 the JSON cannot be read as a settlement, 4 the report \
                cannot be written.

                Examples:
                  capitation report Examples/small-fieldlab/settlement/settlement.json --format html
                  capitation report settlement.json --format html --locale nl --out /tmp/afrekening.html
                """
        )

        @Argument(help: "The settlement.json to render.", completion: .file(extensions: ["json"]))
        var settlement: String

        @Option(help: "html, markdown or csv.")
        var format: ReportFormatOption = .html

        @Option(help: "How amounts and dates are written: en (€ 1,234.56, 2026-12-31) or nl (€ 1.234,56, 31-12-2026).")
        var locale: LocaleOption = .en

        @Option(name: .customLong("out"), help: "The file to write, or - for standard output.", completion: .file())
        var output: String?

        func run() throws {
            let bytes: [UInt8]
            do {
                bytes = try Self.read(settlement)
            } catch {
                Console.error("error: \(settlement): \(error)")
                throw ExitStatus.invalidInput.exitCode
            }
            let document: SettlementDocument
            do {
                document = try SettlementDocument(json: bytes)
            } catch {
                Console.error("error: \(settlement): \(error)")
                throw ExitStatus.invalidInput.exitCode
            }
            let text: String
            switch format {
            case .html: text = SettlementHTML.render(document, locale: locale.reportLocale)
            case .markdown: text = SettlementFigures.markdown(document, locale: locale.reportLocale)
            case .csv: text = SettlementFigures.csv(document)
            }
            let target = output ?? Self.sibling(of: settlement, format: format)
            if target == "-" {
                Console.output(text, terminator: "")
                return
            }
            do {
                try Self.write(text, to: target)
            } catch {
                Console.error("error: cannot write \(target): \(error)")
                throw ExitStatus.outputFailed.exitCode
            }
            Console.error("Wrote \(target)")
        }

        /// The default output: beside the JSON.
        static func sibling(of path: String, format: ReportFormatOption) -> String {
            let folder = path.lastIndex(of: "/").map { String(path[...$0]) } ?? ""
            switch format {
            case .html: return folder + "report.html"
            case .markdown: return folder + "report.md"
            case .csv: return folder + "figures.csv"
            }
        }

        static func read(_ path: String) throws -> [UInt8] {
            let descriptor = try FileDescriptor.open(FilePath(path), .readOnly)
            defer { try? descriptor.close() }
            var bytes: [UInt8] = []
            var block = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = try block.withUnsafeMutableBytes { try descriptor.read(into: $0) }
                if count == 0 { break }
                bytes += block[..<count]
                if bytes.count > 1 << 30 { throw ReportInputError.tooLarge }
            }
            return bytes
        }

        /// Writes to a temporary file beside `path` and renames it, so that no half-written report remains.
        static func write(_ text: String, to path: String) throws {
            let temporary = path + ".partial"
            let descriptor = try FileDescriptor.open(
                FilePath(temporary),
                .writeOnly,
                options: [.create, .truncate],
                permissions: [.ownerReadWrite, .groupRead, .otherRead]
            )
            do {
                try descriptor.closeAfter { _ = try descriptor.writeAll(Array(text.utf8)) }
            } catch {
                _ = unlink(temporary)
                throw error
            }
            guard rename(temporary, path) == 0 else {
                _ = unlink(temporary)
                throw Errno(rawValue: errno)
            }
        }
    }
}

enum ReportInputError: Error, CustomStringConvertible {
    case tooLarge
    var description: String { "larger than 1 GiB; a settlement.json is far smaller" }
}
