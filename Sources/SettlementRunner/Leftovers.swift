#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Temporary files and folders that a killed run (`kill -9`, a crash, a power cut) could not remove: each
/// carries the id of the process that made it in its name, and is removed by a later run once that
/// process has ended.
///
/// Only names of the run's own kind are considered, of the current user, and only when no process with
/// that id exists: a folder of a run still going, or of another user, is never touched.
package enum Leftovers {
    /// The process id in `name` when it is `prefix`, a process id in decimal, `suffix`, and then
    /// `randomCharacters` letters or digits (as `mkdtemp` makes them); `nil` for any other name.
    ///
    /// - Complexity: O(*n*) in the length of `name`, without touching the disk.
    package static func processID(
        in name: String,
        prefix: String,
        suffix: String,
        randomCharacters: Int = 0
    ) -> Int32? {
        let bytes = Array(name.utf8)
        let start = prefix.utf8.count
        guard bytes.count > start, bytes.starts(with: prefix.utf8) else { return nil }
        let digits = bytes[start...].prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        guard let first = digits.first, first != UInt8(ascii: "0"), digits.count <= 10 else { return nil }
        let rest = bytes[(start + digits.count)...]
        guard rest.count == suffix.utf8.count + randomCharacters, rest.starts(with: suffix.utf8),
            rest.dropFirst(suffix.utf8.count).allSatisfy(Self.isLetterOrDigit),
            let id = Int32(String(decoding: digits, as: UTF8.self))
        else { return nil }
        return id
    }

    /// The process id in `entry` when it is `.NAME.PID.tmp`, the temporary file that ``OutputWriter``
    /// writes for one of `names`; `nil` for any other name.
    package static func processID(inTemporaryFile entry: String, of names: Set<String>) -> Int32? {
        guard entry.hasPrefix("."), entry.hasSuffix(".tmp") else { return nil }
        let inner = entry.dropFirst().dropLast(4)
        guard let dot = inner.lastIndex(of: "."), names.contains(String(inner[..<dot])) else { return nil }
        return processID(in: entry, prefix: ".\(inner[..<dot]).", suffix: ".tmp")
    }

    /// Whether a process with id `id` exists, of this user or another.
    static func isRunning(_ id: pid_t) -> Bool {
        kill(id, 0) == 0 || errno != ESRCH
    }

    /// Removes the entries of `folder` whose names `processID` recognises, when they are folders (with
    /// `folders`) or regular files of the current user, their process has ended and `inUse` does not say
    /// otherwise.
    static func remove(
        in folder: String,
        folders: Bool,
        inUse: (String) -> Bool = { _ in false },
        processID: (String) -> pid_t?
    ) {
        for name in DirectoryListing.entries(of: folder) ?? [] {
            guard let id = processID(name), !isRunning(id) else { continue }
            let path = SettlementPaths.join(folder, name)
            guard !inUse(path) else { continue }
            var information = stat()
            guard lstat(path, &information) == 0, information.st_uid == geteuid(),
                information.st_mode & S_IFMT == (folders ? S_IFDIR : S_IFREG)
            else { continue }
            if folders { DirectoryListing.removeTree(path) } else { unlink(path) }
        }
    }

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "A")...UInt8(ascii: "Z"):
            true
        default: false
        }
    }
}
