#include "CAllocator.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

void capitation_keep_large_blocks_in_heap(void) {
#if defined(__GLIBC__)
    // glibc maps blocks from 128 KB by default; each fresh mapping costs a page fault per 4 KB touched,
    // and claim files are read in blocks of megabytes. Blocks kept in the heap are reused by the next one.
    mallopt(M_MMAP_THRESHOLD, 256 << 20);
    mallopt(M_TRIM_THRESHOLD, 512 << 20);
#endif
}
