// The hive and event-log readers, loaded when a hive or log is first read rather than when
// keywizard starts. Linking libhivex, libevtx and libevt directly made every start map them and
// what they pull in (libxml2, ICU, liblzma, zlib, libbfio): about 2 MB of resident memory and
// a millisecond before the first screen, for files most sessions never open. It also made the
// binary refuse to start at all on a jump host without them; now only reading a hive or log
// needs them, and says which package to install (artifact_library_available).
//
// Each function below has the name and signature of the library function (checked by the
// compiler against the library's own header) and forwards to it through dlsym. When the library
// cannot be loaded it fails the way the library reports failure (NULL, 0 or -1 with errno set to
// ELIBACC), so no caller can mistake a missing library for an empty file.
//
// The FORWARD lines were generated from the functions WindowsArtifacts uses and the prototypes
// in /usr/include/hivex.h, libevtx.h and libevt.h (Debian 12); add a line when WindowsArtifacts
// calls a new function (the link fails with an undefined symbol until then).

#include "ArtifactLibraries.h"

#include <dlfcn.h>
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <hivex.h>
// As in the CEvtx and CEvt shims: the BFIO entry points (libbfio-dev) are left out.
#include <libevtx/features.h>
#undef LIBEVTX_HAVE_BFIO
#include <libevtx.h>
#include <libevt/features.h>
#undef LIBEVT_HAVE_BFIO
#include <libevt.h>

static const char *const sonames[] = {"libhivex.so.0", "libevtx.so.1", "libevt.so.1"};
static void *handles[3];
static int attempted[3];

static void *library(int which) {
    if (!__atomic_load_n(&attempted[which], __ATOMIC_ACQUIRE)) {
        void *handle = dlopen(sonames[which], RTLD_NOW | RTLD_LOCAL);
        __atomic_store_n(&handles[which], handle, __ATOMIC_RELEASE);
        __atomic_store_n(&attempted[which], 1, __ATOMIC_RELEASE);
    }
    return __atomic_load_n(&handles[which], __ATOMIC_ACQUIRE);
}

int artifact_library_available(int which) {
    if (which < 0 || which > 2) return 0;
    return library(which) != NULL;
}

const char *artifact_library_soname(int which) {
    if (which < 0 || which > 2) return "";
    return sonames[which];
}

static void *symbol(int which, const char *name) {
    void *handle = library(which);
    return handle ? dlsym(handle, name) : NULL;
}

#define FORWARD(which, ret, name, params, args, failure)                                   \
    ret name params {                                                                        \
        static ret(*fn) params;                                                              \
        ret(*f) params = __atomic_load_n(&fn, __ATOMIC_ACQUIRE);                             \
        if (!f) {                                                                            \
            f = (ret(*) params)symbol(which, #name);                                         \
            if (!f) { errno = ELIBACC; return failure; }                                     \
            __atomic_store_n(&fn, f, __ATOMIC_RELEASE);                                      \
        }                                                                                    \
        return f args;                                                                       \
    }

#define VOID_FORWARD(which, name, params, args)                                            \
    void name params {                                                                       \
        static void(*fn) params;                                                             \
        void(*f) params = __atomic_load_n(&fn, __ATOMIC_ACQUIRE);                            \
        if (!f) {                                                                            \
            f = (void(*) params)symbol(which, #name);                                        \
            if (!f) return;                                                                  \
            __atomic_store_n(&fn, f, __ATOMIC_RELEASE);                                      \
        }                                                                                    \
        f args;                                                                              \
    }

FORWARD(LIBRARY_HIVEX, int, hivex_close, (hive_h *h), (h), -1)
FORWARD(LIBRARY_HIVEX, int, hivex_commit, (hive_h *h, const char *filename, int flags), (h, filename, flags), -1)
FORWARD(LIBRARY_HIVEX, hive_node_h, hivex_node_add_child, (hive_h *h, hive_node_h parent, const char *name), (h, parent, name), 0)
FORWARD(LIBRARY_HIVEX, hive_node_h *, hivex_node_children, (hive_h *h, hive_node_h node), (h, node), NULL)
FORWARD(LIBRARY_HIVEX, int, hivex_node_delete_child, (hive_h *h, hive_node_h node), (h, node), -1)
FORWARD(LIBRARY_HIVEX, hive_node_h, hivex_node_get_child, (hive_h *h, hive_node_h node, const char *name), (h, node, name), 0)
FORWARD(LIBRARY_HIVEX, hive_value_h, hivex_node_get_value, (hive_h *h, hive_node_h node, const char *key), (h, node, key), 0)
FORWARD(LIBRARY_HIVEX, char *, hivex_node_name, (hive_h *h, hive_node_h node), (h, node), NULL)
FORWARD(LIBRARY_HIVEX, int, hivex_node_set_value, (hive_h *h, hive_node_h node, const hive_set_value *val, int flags), (h, node, val, flags), -1)
FORWARD(LIBRARY_HIVEX, int64_t, hivex_node_timestamp, (hive_h *h, hive_node_h node), (h, node), -1)
FORWARD(LIBRARY_HIVEX, hive_value_h *, hivex_node_values, (hive_h *h, hive_node_h node), (h, node), NULL)
FORWARD(LIBRARY_HIVEX, hive_h *, hivex_open, (const char *filename, int flags), (filename, flags), NULL)
FORWARD(LIBRARY_HIVEX, hive_node_h, hivex_root, (hive_h *h), (h), 0)
FORWARD(LIBRARY_HIVEX, char *, hivex_value_key, (hive_h *h, hive_value_h val), (h, val), NULL)
FORWARD(LIBRARY_HIVEX, char *, hivex_value_value, (hive_h *h, hive_value_h val, hive_type *t, size_t *len), (h, val, t, len), NULL)
VOID_FORWARD(LIBRARY_EVT, libevt_error_free, (libevt_error_t **error), (error))
FORWARD(LIBRARY_EVT, int, libevt_error_sprint, (libevt_error_t *error, char *string, size_t size), (error, string, size), -1)
FORWARD(LIBRARY_EVT, int, libevt_file_close, (libevt_file_t *file, libevt_error_t **error), (file, error), -1)
FORWARD(LIBRARY_EVT, int, libevt_file_free, (libevt_file_t **file, libevt_error_t **error), (file, error), -1)
FORWARD(LIBRARY_EVT, int, libevt_file_get_number_of_records, (libevt_file_t *file, int *number_of_records, libevt_error_t **error), (file, number_of_records, error), -1)
FORWARD(LIBRARY_EVT, int, libevt_file_get_record_by_index, (libevt_file_t *file, int record_index, libevt_record_t **record, libevt_error_t **error), (file, record_index, record, error), -1)
FORWARD(LIBRARY_EVT, int, libevt_file_initialize, (libevt_file_t **file, libevt_error_t **error), (file, error), -1)
FORWARD(LIBRARY_EVT, int, libevt_file_is_corrupted, (libevt_file_t *file, libevt_error_t **error), (file, error), -1)
FORWARD(LIBRARY_EVT, int, libevt_file_open, (libevt_file_t *file, const char *filename, int access_flags, libevt_error_t **error), (file, filename, access_flags, error), -1)
FORWARD(LIBRARY_EVT, int, libevt_record_free, (libevt_record_t **record, libevt_error_t **error), (record, error), -1)
FORWARD(LIBRARY_EVT, int, libevt_record_get_event_identifier, (libevt_record_t *record, uint32_t *event_identifier, libevt_error_t **error), (record, event_identifier, error), -1)
FORWARD(LIBRARY_EVT, int, libevt_record_get_event_type, (libevt_record_t *record, uint16_t *event_type, libevt_error_t **error), (record, event_type, error), -1)
FORWARD(LIBRARY_EVT, int, libevt_record_get_identifier, (libevt_record_t *record, uint32_t *identifier, libevt_error_t **error), (record, identifier, error), -1)
FORWARD(LIBRARY_EVT, int, libevt_record_get_number_of_strings, (libevt_record_t *record, int *number_of_strings, libevt_error_t **error), (record, number_of_strings, error), -1)
FORWARD(LIBRARY_EVT, int, libevt_record_get_utf8_computer_name, (libevt_record_t *record, uint8_t *utf8_string, size_t utf8_string_size, libevt_error_t **error), (record, utf8_string, utf8_string_size, error), -1)
FORWARD(LIBRARY_EVT, int, libevt_record_get_utf8_computer_name_size, (libevt_record_t *record, size_t *utf8_string_size, libevt_error_t **error), (record, utf8_string_size, error), -1)
FORWARD(LIBRARY_EVT, int, libevt_record_get_utf8_source_name, (libevt_record_t *record, uint8_t *utf8_string, size_t utf8_string_size, libevt_error_t **error), (record, utf8_string, utf8_string_size, error), -1)
FORWARD(LIBRARY_EVT, int, libevt_record_get_utf8_source_name_size, (libevt_record_t *record, size_t *utf8_string_size, libevt_error_t **error), (record, utf8_string_size, error), -1)
FORWARD(LIBRARY_EVT, int, libevt_record_get_utf8_string, (libevt_record_t *record, int string_index, uint8_t *utf8_string, size_t utf8_string_size, libevt_error_t **error), (record, string_index, utf8_string, utf8_string_size, error), -1)
FORWARD(LIBRARY_EVT, int, libevt_record_get_utf8_string_size, (libevt_record_t *record, int string_index, size_t *utf8_string_size, libevt_error_t **error), (record, string_index, utf8_string_size, error), -1)
FORWARD(LIBRARY_EVT, int, libevt_record_get_written_time, (libevt_record_t *record, uint32_t *posix_time, libevt_error_t **error), (record, posix_time, error), -1)
VOID_FORWARD(LIBRARY_EVTX, libevtx_error_free, (libevtx_error_t **error), (error))
FORWARD(LIBRARY_EVTX, int, libevtx_error_sprint, (libevtx_error_t *error, char *string, size_t size), (error, string, size), -1)
FORWARD(LIBRARY_EVTX, int, libevtx_file_close, (libevtx_file_t *file, libevtx_error_t **error), (file, error), -1)
FORWARD(LIBRARY_EVTX, int, libevtx_file_free, (libevtx_file_t **file, libevtx_error_t **error), (file, error), -1)
FORWARD(LIBRARY_EVTX, int, libevtx_file_get_number_of_records, (libevtx_file_t *file, int *number_of_records, libevtx_error_t **error), (file, number_of_records, error), -1)
FORWARD(LIBRARY_EVTX, int, libevtx_file_get_record_by_index, (libevtx_file_t *file, int record_index, libevtx_record_t **record, libevtx_error_t **error), (file, record_index, record, error), -1)
FORWARD(LIBRARY_EVTX, int, libevtx_file_initialize, (libevtx_file_t **file, libevtx_error_t **error), (file, error), -1)
FORWARD(LIBRARY_EVTX, int, libevtx_file_is_corrupted, (libevtx_file_t *file, libevtx_error_t **error), (file, error), -1)
FORWARD(LIBRARY_EVTX, int, libevtx_file_open, (libevtx_file_t *file, const char *filename, int access_flags, libevtx_error_t **error), (file, filename, access_flags, error), -1)
FORWARD(LIBRARY_EVTX, int, libevtx_record_free, (libevtx_record_t **record, libevtx_error_t **error), (record, error), -1)
FORWARD(LIBRARY_EVTX, int, libevtx_record_get_event_identifier, (libevtx_record_t *record, uint32_t *event_identifier, libevtx_error_t **error), (record, event_identifier, error), -1)
FORWARD(LIBRARY_EVTX, int, libevtx_record_get_event_identifier_qualifiers, (libevtx_record_t *record, uint32_t *event_identifier_qualifiers, libevtx_error_t **error), (record, event_identifier_qualifiers, error), -1)
FORWARD(LIBRARY_EVTX, int, libevtx_record_get_event_level, (libevtx_record_t *record, uint8_t *event_level, libevtx_error_t **error), (record, event_level, error), -1)
FORWARD(LIBRARY_EVTX, int, libevtx_record_get_identifier, (libevtx_record_t *record, uint64_t *identifier, libevtx_error_t **error), (record, identifier, error), -1)
FORWARD(LIBRARY_EVTX, int, libevtx_record_get_number_of_strings, (libevtx_record_t *record, int *number_of_strings, libevtx_error_t **error), (record, number_of_strings, error), -1)
FORWARD(LIBRARY_EVTX, int, libevtx_record_get_utf8_computer_name, (libevtx_record_t *record, uint8_t *utf8_string, size_t utf8_string_size, libevtx_error_t **error), (record, utf8_string, utf8_string_size, error), -1)
FORWARD(LIBRARY_EVTX, int, libevtx_record_get_utf8_computer_name_size, (libevtx_record_t *record, size_t *utf8_string_size, libevtx_error_t **error), (record, utf8_string_size, error), -1)
FORWARD(LIBRARY_EVTX, int, libevtx_record_get_utf8_provider_identifier, (libevtx_record_t *record, uint8_t *utf8_string, size_t utf8_string_size, libevtx_error_t **error), (record, utf8_string, utf8_string_size, error), -1)
FORWARD(LIBRARY_EVTX, int, libevtx_record_get_utf8_provider_identifier_size, (libevtx_record_t *record, size_t *utf8_string_size, libevtx_error_t **error), (record, utf8_string_size, error), -1)
FORWARD(LIBRARY_EVTX, int, libevtx_record_get_utf8_source_name, (libevtx_record_t *record, uint8_t *utf8_string, size_t utf8_string_size, libevtx_error_t **error), (record, utf8_string, utf8_string_size, error), -1)
FORWARD(LIBRARY_EVTX, int, libevtx_record_get_utf8_source_name_size, (libevtx_record_t *record, size_t *utf8_string_size, libevtx_error_t **error), (record, utf8_string_size, error), -1)
FORWARD(LIBRARY_EVTX, int, libevtx_record_get_utf8_string, (libevtx_record_t *record, int string_index, uint8_t *utf8_string, size_t utf8_string_size, libevtx_error_t **error), (record, string_index, utf8_string, utf8_string_size, error), -1)
FORWARD(LIBRARY_EVTX, int, libevtx_record_get_utf8_string_size, (libevtx_record_t *record, int string_index, size_t *utf8_string_size, libevtx_error_t **error), (record, string_index, utf8_string_size, error), -1)
FORWARD(LIBRARY_EVTX, int, libevtx_record_get_written_time, (libevtx_record_t *record, uint64_t *filetime, libevtx_error_t **error), (record, filetime, error), -1)
