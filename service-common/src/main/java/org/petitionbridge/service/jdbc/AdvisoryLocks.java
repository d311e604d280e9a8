package org.petitionbridge.service.jdbc;

import java.util.Collection;
import java.util.TreeSet;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Transaction-scoped PostgreSQL advisory locks, keyed the same way in every service: PostgreSQL's two-int form, the
 * first int naming the scope (what is locked: "petition", "person", "outbox"...), the second the key within it
 * (both {@link String#hashCode()}, which is the same on every JVM). A collision only makes two holders wait for each
 * other. The locks are released when the transaction ends, so they must be taken inside one.
 */
public final class AdvisoryLocks {

    private AdvisoryLocks() {
    }

    /** Waits for the lock on {@code key} in {@code scope}. */
    public static void lock(JdbcClient jdbc, String scope, String key) {
        jdbc.sql("select pg_advisory_xact_lock(?, ?)").params(scope.hashCode(), key.hashCode())
                .query((rs, i) -> Boolean.TRUE).list();
    }

    /**
     * Waits for the locks of all these keys, in ascending order of their lock keys, so two transactions locking
     * overlapping sets never wait for each other in a circle.
     */
    public static void lockAll(JdbcClient jdbc, String scope, Collection<String> keys) {
        TreeSet<Integer> ordered = new TreeSet<>();
        keys.forEach(k -> ordered.add(k.hashCode()));
        if (ordered.size() == 1) {
            jdbc.sql("select pg_advisory_xact_lock(?, ?)").params(scope.hashCode(), ordered.first())
                    .query((rs, i) -> Boolean.TRUE).list();
        } else if (!ordered.isEmpty()) {
            // one statement: unnest yields the keys in the array's (ascending) order, and each row's lock is taken
            // before the next row is read, so this waits as the statements one key at a time did
            jdbc.sql("select pg_advisory_xact_lock(?, k) from unnest(?::int[]) as k")
                    .params(scope.hashCode(), ordered.toArray(Integer[]::new)).query((rs, i) -> Boolean.TRUE).list();
        }
    }

    /**
     * Waits for the shared lock on {@code key} in {@code scope}: holders of the shared lock do not wait for each
     * other, only for a holder of the exclusive one ({@link #lock}).
     */
    public static void lockShared(JdbcClient jdbc, String scope, String key) {
        jdbc.sql("select pg_advisory_xact_lock_shared(?, ?)").params(scope.hashCode(), key.hashCode())
                .query((rs, i) -> Boolean.TRUE).list();
    }

    /** Takes the lock if nobody holds it; false at once otherwise. */
    public static boolean tryLock(JdbcClient jdbc, String scope, String key) {
        return jdbc.sql("select pg_try_advisory_xact_lock(?, ?)").params(scope.hashCode(), key.hashCode())
                .query(Boolean.class).single();
    }
}
