// Thin shim over the system libsqlite3: the warehouse stage reaches SQLite only through here.
#ifndef CEDUSQLITE_SHIM_H
#define CEDUSQLITE_SHIM_H
#include <sqlite3.h>

/// SQLITE_TRANSIENT is a cast macro Swift cannot import.
static inline sqlite3_destructor_type eduetl_sqlite_transient(void) {
    return SQLITE_TRANSIENT;
}
/// sqlite3_config is variadic, which Swift cannot call. Turning memory statistics off before
/// SQLite initialises drops a global mutex from every allocation.
static inline int eduetl_sqlite_disable_memstatus(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
#endif
