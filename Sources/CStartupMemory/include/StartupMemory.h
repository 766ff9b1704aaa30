#ifndef KEYWIZARD_STARTUP_MEMORY_H
#define KEYWIZARD_STARTUP_MEMORY_H

#include <stddef.h>

/// Returns to the kernel the pages of this executable's relocation records (DT_RELA) once
/// the dynamic loader has applied them, and returns how many bytes that was (0 when there
/// was nothing whole to release, or on any doubt).
size_t startup_release_applied_relocations(void);

#endif
