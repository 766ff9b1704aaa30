// The keywizard executable is position-independent, so the dynamic loader applies about
// 90,000 relative relocations at every start. It reads their records (.rela.dyn, over 2 MB
// in the static-runtime build) once, and nothing reads them again: lazy binding uses the
// separate PLT records (DT_JMPREL), which are left alone. Those pages would otherwise stay
// resident for the whole session. MADV_DONTNEED on a private, never-written file mapping only
// drops the pages from this process; were they ever read again they would be read back from
// the file, so a mistake here costs time, never correctness.
#define _GNU_SOURCE
#include "StartupMemory.h"

#include <elf.h>
#include <link.h>
#include <stdint.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <unistd.h>

size_t startup_release_applied_relocations(void) {
    const ElfW(Phdr) *phdr = (const ElfW(Phdr) *)getauxval(AT_PHDR);
    size_t count = (size_t)getauxval(AT_PHNUM);
    if (phdr == NULL || count == 0) return 0;

    // The load bias: where the executable was placed, from its own program header table.
    uintptr_t bias = 0;
    const ElfW(Dyn) *dynamic = NULL;
    int have_bias = 0;
    for (size_t i = 0; i < count; i++) {
        if (phdr[i].p_type == PT_PHDR) {
            bias = (uintptr_t)phdr - phdr[i].p_vaddr;
            have_bias = 1;
        }
    }
    if (!have_bias) return 0;
    for (size_t i = 0; i < count; i++) {
        if (phdr[i].p_type == PT_DYNAMIC) dynamic = (const ElfW(Dyn) *)(bias + phdr[i].p_vaddr);
    }
    if (dynamic == NULL) return 0;

    uintptr_t rela = 0;
    size_t size = 0;
    for (const ElfW(Dyn) *d = dynamic; d->d_tag != DT_NULL; d++) {
        // glibc relocates these entries to run-time addresses in place; values below the
        // bias are still link-time addresses.
        if (d->d_tag == DT_RELA) rela = (uintptr_t)d->d_un.d_ptr;
        if (d->d_tag == DT_RELASZ) size = (size_t)d->d_un.d_val;
    }
    if (rela == 0 || size == 0) return 0;
    if (rela < bias) rela += bias;

    long page = sysconf(_SC_PAGESIZE);
    if (page <= 0) return 0;
    uintptr_t first = (rela + (uintptr_t)page - 1) & ~((uintptr_t)page - 1);
    uintptr_t end = (rela + size) & ~((uintptr_t)page - 1);
    if (end <= first) return 0;
    if (madvise((void *)first, end - first, MADV_DONTNEED) != 0) return 0;
    return end - first;
}
