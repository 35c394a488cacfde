#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Lists directories and tells files from directories, with the C library (swift-system has no
/// directory listing).
enum DirectoryListing {
    enum Kind { case file, directory, other, missing }

    /// The names in directory `path`, or `nil` when it is not a readable directory.
    static func entries(of path: String) -> [String]? {
        guard let directory = opendir(path) else { return nil }
        defer { closedir(directory) }
        var names: [String] = []
        // The name is read in place, up to its NUL: an entry is only as long as its name needs, so copying
        // the whole `d_name` array out of it would read beyond it.
        let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name) ?? 0
        while let entry = readdir(directory) {
            let name = String(cString: (UnsafeRawPointer(entry) + nameOffset).assumingMemoryBound(to: CChar.self))
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// The size of the file at `path` in bytes, or 0 when it cannot be told.
    static func size(of path: String) -> Int {
        var information = stat()
        guard stat(path, &information) == 0 else { return 0 }
        return Int(information.st_size)
    }

    static func kind(of path: String) -> Kind {
        var information = stat()
        guard stat(path, &information) == 0 else { return .missing }
        switch information.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    /// Removes `path` and, when it is a folder, everything in it; what cannot be removed stays.
    static func removeTree(_ path: String) {
        var information = stat()
        guard lstat(path, &information) == 0 else { return }
        if information.st_mode & S_IFMT == S_IFDIR {
            for name in entries(of: path) ?? [] { removeTree(path + "/" + name) }
            rmdir(path)
        } else {
            unlink(path)
        }
    }
}
