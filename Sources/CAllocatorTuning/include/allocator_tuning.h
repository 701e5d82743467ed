#ifndef AESREPORT_ALLOCATOR_TUNING_H
#define AESREPORT_ALLOCATOR_TUNING_H

/// Process-wide allocator settings, called first thing by the executables (libraries never call it).
///
/// Parsing allocates and frees arrays of a few hundred kilobytes per file (the rounds of a log). With glibc's
/// defaults each such free may trim the heap or unmap the block, and the next file faults the pages back in:
/// `perf` showed a quarter of parse time in page faults, brk and munmap. Keeping up to 256 MB of freed heap and
/// serving blocks under 32 MB from the heap took single-thread parsing from about 150 to 250 MB/s
/// (`parse-benchmark`, same corpus). Freed memory is reused rather than handed back to the system at once.
/// Does nothing where the C library is not glibc.
void aesreport_tune_allocator(void);

#endif
