package org.petitionbridge.testsupport;

import java.util.Map;
import java.util.TreeMap;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What every service's integration-test base (IntakeIntegrationTest, RoutingIntegrationTest, ...) has: the test
 * broker, the service's port and its database. Each base adds its {@code @SpringBootTest} properties, the embedded
 * broker and the database ({@link TestDatabase}) and token issuer ({@link TestTokens}) registrations; with the same
 * annotations everywhere in a module, Spring caches one context for all its tests.
 */
public abstract class ServiceTest {

    @Value("${spring.kafka.bootstrap-servers}")
    protected String brokers;

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    private PlatformTransactionManager transactions;

    /**
     * Runs the work in one transaction (a {@code @Transactional} handler called inside joins it) and returns the rows
     * it wrote, table by table, as PostgreSQL counts them ({@code pg_stat_xact_user_tables}: tuples inserted, updated
     * and deleted; tables not written are absent). These are what the benchmark's "rows per petition" adds up, so a
     * test can say what a step costs without it.
     *
     * <p>The view also holds what earlier transactions of the pooled connection counted until the backend reports
     * them (it does so only between transactions), so the counts are read before and after the work, in the same
     * transaction, and subtracted. The second reading is taken last before the commit, after what the work writes
     * then (the outbox's events).
     */
    protected Map<String, Long> rowsWritten(Runnable work) {
        Map<String, Long> rows = new TreeMap<>();
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            Map<String, Long> before = tuplesWritten();
            work.run();
            // read last, after what the work's own synchronizations write just before the commit (the outbox)
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    tuplesWritten().forEach((table, n) -> {
                        long written = n - before.getOrDefault(table, 0L);
                        if (written > 0) {
                            rows.put(table, written);
                        }
                    });
                }
            });
        });
        return rows;
    }

    private Map<String, Long> tuplesWritten() {
        Map<String, Long> rows = new TreeMap<>();
        jdbc.sql("select relname, n_tup_ins + n_tup_upd + n_tup_del as n from pg_stat_xact_user_tables")
                .query(rs -> {
                    rows.put(rs.getString("relname"), rs.getLong("n"));
                });
        return rows;
    }
}
