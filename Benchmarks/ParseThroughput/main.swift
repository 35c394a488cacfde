import CapitationCore
import ClaimFormats
import SettlementRunner

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Measures how fast each claim format is parsed alone, on one thread: a file's bytes, already in memory,
// handed over in the settlement's 4 MiB blocks, split into chunks of complete records and parsed into the
// packed lines of the member partitions that a settlement reconciles (WMO323: streamed, one client at a
// time), exactly as `capitation settle` does per chunk. Reading the files from disk, reconciling and
// settling are left out.
//
//     swift run -c release parse-throughput FILE_OR_FOLDER… [--repeat N]
//
// A folder counts with every file in it and its subfolders; answers files are left out. Prints, per
// format, the files, bytes and lines, and the median of N runs (default 3) of the CPU time, in MB and lines
// per CPU-second.

let blockBytes = 4 << 20
let partitionBytes = 8 << 20

struct Measured {
    var bytes = 0
    var lines = 0
    var encoded = 0
}

func fail(_ message: String) -> Never {
    let line = Array("parse-throughput: \(message)\n".utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(2)
}

/// The regular files at `path`: the file itself, or every file under the folder, in order of their paths.
func files(at path: String) -> [String] {
    var status = stat()
    guard stat(path, &status) == 0 else { fail("cannot read \(path)") }
    guard status.st_mode & S_IFMT == S_IFDIR else { return [path] }
    guard let directory = opendir(path) else { fail("cannot list \(path)") }
    defer { closedir(directory) }
    var found: [String] = []
    while let entry = readdir(directory) {
        // In place, up to its NUL: an entry is only as long as its name needs.
        let name = String(
            cString: (UnsafeRawPointer(entry) + (MemoryLayout<dirent>.offset(of: \dirent.d_name) ?? 0))
                .assumingMemoryBound(to: CChar.self)
        )
        guard name != ".", name != ".." else { continue }
        found += files(at: path + "/" + name)
    }
    return found.sorted()
}

func contents(of path: String) -> [UInt8] {
    guard let file = fopen(path, "rb") else { fail("cannot open \(path)") }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var block = [UInt8](repeating: 0, count: 1 << 20)
    while true {
        let count = fread(&block, 1, block.count, file)
        guard count > 0 else { break }
        bytes += block[0..<count]
    }
    return bytes
}

func cpuSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// Parses a file of records as the settlement does, chunk by chunk.
func parseRecords<Format: ClaimRecordFormat>(
    _ format: Format.Type,
    _ bytes: [UInt8],
    path: String,
    partitionCount: Int
) -> Measured {
    var measured = Measured(bytes: bytes.count)
    var tally = Format.Tally()
    do throws(InputError) {
        let parser = try RecordChunker<Format>.forEachChunk(of: bytes, blockBytes: blockBytes, path: path, file: 0) {
            var result = ClaimPipeline.ChunkResult()
            tally.merge(
                $0.parse(
                    record: { result.add($0, partitionCount: partitionCount) },
                    invalid: { result.invalid.append($0) }
                )
            )
            measured.lines += result.readable + result.invalid.count
            measured.encoded += result.bytes
        }
        _ = try parser?.finish(tally)
    } catch {
        fail("\(path) is refused: \(error.diagnostics.map(\.description).joined(separator: "; "))")
    }
    return measured
}

/// Parses a WMO323 message as the settlement does, one client at a time.
func parseMessage(_ bytes: [UInt8], path: String, partitionCount: Int) -> Measured {
    var measured = Measured(bytes: bytes.count)
    var result = ClaimPipeline.ChunkResult()
    var offset = 0
    func count() {
        measured.lines += result.readable + result.invalid.count
        measured.encoded += result.bytes
        result = ClaimPipeline.ChunkResult()
    }
    do throws(InputError) {
        _ = try WMO323Claims.read(
            path: path,
            file: 0,
            next: {
                guard offset < bytes.count else { return nil }
                defer { offset += blockBytes }
                return Array(bytes[offset..<min(bytes.count, offset + blockBytes)])
            },
            verdict: { _ in nil },
            answersExpected: false,
            record: { result.add($0, partitionCount: partitionCount) },
            invalid: { result.invalid.append($0) },
            clientRead: { if result.bytes + 256 * result.invalid.count >= partitionBytes { count() } }
        )
    } catch {
        fail("\(path) is refused: \(error.diagnostics.map(\.description).joined(separator: "; "))")
    }
    count()
    return measured
}

var paths: [String] = []
var repeats = 3
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    if argument == "--repeat" {
        guard let value = arguments.popFirst().flatMap(Int.init), value > 0 else { fail("--repeat takes a count") }
        repeats = value
    } else {
        paths.append(argument)
    }
}
guard !paths.isEmpty else { fail("usage: parse-throughput FILE_OR_FOLDER… [--repeat N]") }

var byFormat: [ClaimFileFormat: [(path: String, bytes: [UInt8])]] = [:]
for path in paths.flatMap(files(at:)) {
    let bytes = contents(of: path)
    let format = ClaimFileFormat.detect(bytes.prefix(ClaimFileFormat.detectionBytes))
    guard !format.isAnswers, !bytes.isEmpty else { continue }
    byFormat[format, default: []].append((path, bytes))
}
let totalBytes = byFormat.values.joined().reduce(0) { $0 + $1.bytes.count }
let partitionCount = ClaimPipeline.partitionCount(forBytes: totalBytes, partitionBytes: partitionBytes)

print("format          files        MB        lines   CPU s (median)   MB per CPU-s   lines per CPU-s   runs (CPU s)")
for format in ClaimFileFormat.allCases {
    guard let files = byFormat[format] else { continue }
    var measured = Measured()
    var runs: [Double] = []
    for _ in 0..<repeats {
        let start = cpuSeconds()
        var run = Measured()
        for file in files {
            let one: Measured
            switch format.reading {
            case .records(let type):
                one = parseRecords(type, file.bytes, path: file.path, partitionCount: partitionCount)
            case .message:
                one = parseMessage(file.bytes, path: file.path, partitionCount: partitionCount)
            case .answers:
                continue
            }
            run.bytes += one.bytes
            run.lines += one.lines
            run.encoded += one.encoded
        }
        runs.append(cpuSeconds() - start)
        measured = run
    }
    let median = runs.sorted()[runs.count / 2]
    let megabytes = Double(measured.bytes) / 1e6
    func fixed(_ value: Double, _ digits: Int) -> String {
        var scaled = Int((value * Double([1, 10, 100, 1000][digits])).rounded())
        let whole = scaled / [1, 10, 100, 1000][digits]
        scaled %= [1, 10, 100, 1000][digits]
        guard digits > 0 else { return "\(whole)" }
        let fraction = String(scaled)
        return "\(whole)." + String(repeating: "0", count: digits - fraction.count) + fraction
    }
    func column(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
    print(
        format.rawValue.padding(15) + column("\(files.count)", 6) + column(fixed(megabytes, 1), 10)
            + column("\(measured.lines)", 13) + column(fixed(median, 3), 17)
            + column(fixed(megabytes / median, 1), 15) + column("\(Int(Double(measured.lines) / median))", 18)
            + "   " + runs.map { fixed($0, 3) }.joined(separator: " ")
    )
}

extension String {
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
