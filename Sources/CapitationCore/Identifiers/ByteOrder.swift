/// The one order of text wherever order must be the same on every machine: by UTF-8 bytes, not by
/// Unicode collation, with absent text before any text.
enum ByteOrder {
    static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    static func precedes(_ a: String?, _ b: String?) -> Bool {
        switch (a, b) {
        case (nil, nil): false
        case (nil, _): true
        case (_, nil): false
        case (let left?, let right?): precedes(left, right)
        }
    }
}
