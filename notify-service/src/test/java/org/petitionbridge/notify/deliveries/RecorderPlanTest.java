package org.petitionbridge.notify.deliveries;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.petitionbridge.notify.NotifyIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The statements that record an attempt's outcome find their deliveries by id, whatever PostgreSQL's statistics say.
 * When the last ANALYZE of {@code delivery} saw none pending (a quiet hour: everything delivered), PostgreSQL estimates
 * one row in the partial index of pending deliveries and may scan all of it rather than look the ids up; under a
 * burst that index holds thousands (run 30 of docs/benchmark.md: the recorder took 7.6 ms a petition instead of 0.5).
 * The plans are asked of a temporary copy of the table (the session's own, first in its search path), so the service's
 * deliveries and statistics are left alone.
 */
class RecorderPlanTest extends NotifyIntegrationTest {

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void anOutcomeIsRecordedByTheDeliverysIdEvenWhenTheStatisticsSawNonePending() {
        String[] plans = new TransactionTemplate(transactions).execute(status -> {
            jdbc.sql("create temporary table delivery (like public.delivery including all) on commit drop").update();
            // the quiet hour, analyzed: everything delivered
            insertDeliveries("quiet-", "DELIVERED", 3000);
            jdbc.sql("analyze pg_temp.delivery").update();
            // then a burst the dispatcher is behind on, before the next ANALYZE
            insertDeliveries("burst-", "PENDING", 6000);
            String delivered = jdbc.sql("explain " + WebhookDispatcher.RECORD_DELIVERED)
                    .params(Timestamp.from(Instant.now()), new String[] {"burst-5", "burst-11", "burst-17"},
                            new Integer[] {1, 1, 1}, new Integer[] {200, 200, 200})
                    .query(String.class).list().toString();
            String failed = jdbc.sql("explain " + WebhookDispatcher.RECORD_FAILED.replaceAll(":(\\w+)", "?"))
                    .params("PENDING", 1, "HTTP 503", 503, Timestamp.from(Instant.now()), "burst-23")
                    .query(String.class).list().toString();
            return new String[] {delivered, failed};
        });

        // by the primary key, not by scanning the index of pending deliveries (its name, in the copy, is its columns')
        assertThat(plans).allSatisfy(plan -> assertThat(plan).contains("using delivery_pkey")
                .doesNotContain("next_attempt_at"));
    }

    private void insertDeliveries(String idPrefix, String status, int count) {
        jdbc.sql("""
                insert into pg_temp.delivery (id, subscription_id, event_id, event_type, subject, payload, status,
                    attempts, next_attempt_at, created_at)
                select :prefix || g, gen_random_uuid(), gen_random_uuid()::text, 'petition.status.v1', 'P' || g,
                    repeat('x', 900), :status, 0, now(), now() from generate_series(1, :count) g""")
                .param("prefix", idPrefix).param("status", status).param("count", count).update();
    }
}
