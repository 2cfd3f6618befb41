#ifndef SPOOLSCAN_CLIBPQ_SHIM_H
#define SPOOLSCAN_CLIBPQ_SHIM_H
#include <libpq-fe.h>

/// The SQLSTATE of a failed result ("" when there is none): PG_DIAG_SQLSTATE is a macro Swift does not import.
static inline const char *spool_pq_sqlstate(const PGresult *result) {
    const char *state = PQresultErrorField(result, 'C');
    return state ? state : "";
}

static void spool_pq_ignore_notice(void *arg, const char *message) { (void)arg; (void)message; }

/// Drops the server's NOTICE messages (libpq prints them on stderr by default).
static inline void spool_pq_silence_notices(PGconn *connection) {
    PQsetNoticeProcessor(connection, spool_pq_ignore_notice, 0);
}
#endif
