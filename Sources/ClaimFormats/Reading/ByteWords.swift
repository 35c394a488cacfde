/// Bytes looked at eight at a time, as one 64-bit word: which of them are a given byte, or outside
/// printable ASCII, each marked by its high bit.
///
/// The tests are exact: a byte is marked only when it is one, since no carry or borrow crosses from one
/// byte to the next (unlike the usual test for whether a word holds any zero byte).
package enum ByteWords {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highs: UInt64 = 0x8080_8080_8080_8080
    static let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// The word with `byte` in each of its eight bytes.
    @inline(__always)
    package static func repeated(_ byte: UInt8) -> UInt64 { ones &* UInt64(byte) }

    /// The eight bytes at `offset`, the first the lowest.
    @inline(__always)
    package static func word(_ base: UnsafeRawPointer, at offset: Int) -> UInt64 {
        UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// The high bit of each byte of `word` that is zero, and no other bit.
    @inline(__always)
    package static func zeroBytes(_ word: UInt64) -> UInt64 {
        ~(((word & lows) &+ lows) | word) & highs
    }

    /// The high bit of each byte of `word` that is `byte` (given as ``repeated(_:)``).
    @inline(__always)
    package static func bytes(_ word: UInt64, equalTo repeatedByte: UInt64) -> UInt64 {
        zeroBytes(word ^ repeatedByte)
    }

    /// The number of bytes a mark of this type marks: a multiplication rather than a count of bits, which
    /// the processors this is built for have no instruction for.
    @inline(__always)
    package static func markedCount(_ marks: UInt64) -> Int {
        // Each byte of `marks >> 7` is 0 or 1; the multiplication sums them into the highest byte.
        Int(((marks >> 7) &* ones) >> 56)
    }

    /// The high bit of each byte of `word` outside 0x20–0x7E: a control byte, DEL, or not ASCII.
    @inline(__always)
    package static func outsidePrintable(_ word: UInt64) -> UInt64 {
        let low = word & lows
        // low + 0x60 reaches 0x80 from 0x20 up; low + 0x01 reaches it only at 0x7F. Neither carries out.
        let belowSpace = ~(low &+ ones &* 0x60) & highs
        let delete = (low &+ ones) & highs
        return (word & highs) | belowSpace | delete
    }

    /// The offset of the first `byte` in `bytes` at or after `start`, or `bytes.count` when there is none.
    package static func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        if let base = bytes.baseAddress {
            let pattern = repeated(byte)
            while index + 8 <= bytes.count {
                let found = Self.bytes(word(UnsafeRawPointer(base), at: index), equalTo: pattern)
                if found != 0 { return index + found.trailingZeroBitCount / 8 }
                index += 8
            }
        }
        while index < bytes.count, bytes[index] != byte { index += 1 }
        return index
    }

    /// The number of `byte`s in `bytes`.
    package static func count(of byte: UInt8, in bytes: UnsafeRawBufferPointer) -> Int {
        var count = 0
        var offset = 0
        if let base = bytes.baseAddress {
            let pattern = repeated(byte)
            while offset + 8 <= bytes.count {
                count += markedCount(Self.bytes(word(base, at: offset), equalTo: pattern))
                offset += 8
            }
        }
        while offset < bytes.count {
            if bytes[offset] == byte { count += 1 }
            offset += 1
        }
        return count
    }
}
