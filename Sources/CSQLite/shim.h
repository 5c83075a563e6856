#ifndef GEOTAG_CSQLITE_SHIM_H
#define GEOTAG_CSQLITE_SHIM_H
#include <sqlite3.h>

/// SQLITE_TRANSIENT is a macro that casts -1 to a function pointer, which Swift
/// cannot import; binding text or blobs with it makes SQLite copy the bytes.
static inline sqlite3_destructor_type geotag_sqlite_transient(void) {
    return SQLITE_TRANSIENT;
}

/// sqlite3_db_config is variadic; this wraps the integer form used to toggle a flag.
static inline int geotag_sqlite_db_config_int(sqlite3 *db, int op, int value) {
    int result = 0;
    return sqlite3_db_config(db, op, value, &result);
}
/// sqlite3_config is variadic; this turns SQLite's memory statistics on or off. Must
/// come before SQLite initializes (the first connection); later it returns SQLITE_MISUSE.
static inline int geotag_sqlite_config_memstatus(int on) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, on);
}
#endif
