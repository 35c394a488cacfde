#ifndef CAPITATION_ALLOCATOR_H
#define CAPITATION_ALLOCATOR_H

/// Keeps large blocks (up to 256 MB) in the heap instead of mapping and unmapping each one, where the C
/// library allows it (glibc). Does nothing elsewhere.
void capitation_keep_large_blocks_in_heap(void);

#endif
