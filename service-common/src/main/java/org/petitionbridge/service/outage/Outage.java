package org.petitionbridge.service.outage;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Whether a failure is an outage of something a service depends on (its database unreachable, stopped or
 * restarting; the broker unreachable) rather than a fault of the request or the record being handled. The one rule
 * behind two behaviours: a consumer retries an event that failed by an outage until the outage ends, instead of
 * dead-lettering it after a few attempts (the event is fine; dead-lettering it would lose it), and a REST API
 * answers 503 with {@code Retry-After} instead of 500.
 */
public final class Outage {

    /** How long a client is told to wait before it sends again, and a consumer waits at most between attempts. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private Outage() {
    }

    /** True when the failure, or any of its causes, says that the database or the broker could not be reached. */
    public static boolean isOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException    // includes CannotGetJdbcConnectionException
                    || t instanceof TransientDataAccessException   // a query timed out, a lock could not be taken
                    || t instanceof CannotCreateTransactionException
                    || t instanceof TransactionSystemException     // the commit itself failed
                    || t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException
                    || t instanceof ConnectException
                    || t instanceof org.apache.kafka.common.errors.RetriableException
                    || t instanceof org.apache.kafka.common.errors.TimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql && isConnectionState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATE classes of a lost or refused connection and of a server shutting down: 08 (connection exception),
     * 53 (insufficient resources), 57P (operator intervention: admin or crash shutdown, cannot connect now).
     */
    static boolean isConnectionState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P"));
    }
}
