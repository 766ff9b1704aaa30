// libhivex (Debian libhivex-dev): reads and writes Windows registry hive files.
// Only Sources/WindowsArtifacts/HiveFile.swift imports this module.
#ifndef KEYWIZARD_CHIVEX_SHIM_H
#define KEYWIZARD_CHIVEX_SHIM_H
#include <hivex.h>
#include <stdlib.h>
#endif
