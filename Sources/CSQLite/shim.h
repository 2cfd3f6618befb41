#include <sqlite3.h>
static inline int csqlite_bind_transient_text(sqlite3_stmt *s, int i, const char *t, int n) { return sqlite3_bind_text(s, i, t, n, SQLITE_TRANSIENT); }
static inline int csqlite_bind_transient_blob(sqlite3_stmt *s, int i, const void *b, int n) { return sqlite3_bind_blob(s, i, b, n, SQLITE_TRANSIENT); }
