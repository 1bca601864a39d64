/* Thin shim exporting a couple of compile-option probes.
 * The amalgamation itself is linked from the system when not bundled. */
#include <stddef.h>

int sqlite3_amalg_threadsafe(void) {
#ifdef SQLITE_THREADSAFE
    return SQLITE_THREADSAFE;
#else
    return 1;
#endif
}

const char *sqlite3_amalg_build_tag(void) {
    return "sqlite3-amalg-sys/0.31.2";
}
