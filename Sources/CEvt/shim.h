// libevt (Debian libevt-dev): reads Windows 2000/XP/2003 .evt event log files.
// Only Sources/WindowsArtifacts/LegacyEventLogFile.swift imports this module.
// As in CEvtx: the BFIO entry points (libbfio-dev) are left out.
#ifndef KEYWIZARD_CEVT_SHIM_H
#define KEYWIZARD_CEVT_SHIM_H
#include <libevt/features.h>
#undef LIBEVT_HAVE_BFIO
#include <libevt.h>
#endif
