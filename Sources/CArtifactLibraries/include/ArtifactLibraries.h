#ifndef KEYWIZARD_ARTIFACT_LIBRARIES_H
#define KEYWIZARD_ARTIFACT_LIBRARIES_H

/// Which reader library: the index used by artifact_library_available.
#define LIBRARY_HIVEX 0
#define LIBRARY_EVTX 1
#define LIBRARY_EVT 2

/// 1 when the library (libhivex.so.0, libevtx.so.1, libevt.so.1) can be loaded, loading it
/// on first use; 0 when it is not installed.
int artifact_library_available(int which);

/// The file name loaded for `which`, for the message that names what to install.
const char *artifact_library_soname(int which);

#endif
