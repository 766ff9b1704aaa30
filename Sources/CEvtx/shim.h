// libevtx (Debian libevtx-dev): reads Windows Vista and later .evtx event log files.
// Only Sources/WindowsArtifacts/EventLogFile.swift imports this module.
//
// Debian's features.h sets LIBEVTX_HAVE_BFIO, which makes libevtx.h include libbfio.h
// (libbfio-dev, not a dependency of libevtx-dev). KeyWizard opens files by name only, so
// the BFIO entry points are left out: features.h is read first and the flag undone.
#ifndef KEYWIZARD_CEVTX_SHIM_H
#define KEYWIZARD_CEVTX_SHIM_H
#include <libevtx/features.h>
#undef LIBEVTX_HAVE_BFIO
#include <libevtx.h>
#endif
