import CAllocator

/// Settings of the C allocator for a program that reads files in blocks of megabytes.
enum MemoryTuning {
    /// Keeps blocks of up to 256 MB in the heap instead of mapping and unmapping each one.
    ///
    /// glibc maps blocks from 128 KB by default, and every fresh mapping costs a page fault per 4 KB
    /// touched; what the heap keeps is reused by the next block.
    static func apply() {
        capitation_keep_large_blocks_in_heap()
    }
}
