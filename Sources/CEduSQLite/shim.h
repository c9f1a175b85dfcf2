// Thin shim over the system libsqlite3: the warehouse stage reaches SQLite only through here.
#ifndef CEDUSQLITE_SHIM_H
#define CEDUSQLITE_SHIM_H
#include <sqlite3.h>

/// SQLITE_TRANSIENT is a cast macro Swift cannot import.
static inline sqlite3_destructor_type eduetl_sqlite_transient(void) {
    return SQLITE_TRANSIENT;
}
#endif
