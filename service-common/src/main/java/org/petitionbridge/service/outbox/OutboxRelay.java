package org.petitionbridge.service.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.petitionbridge.events.CloudEvent;
import org.petitionbridge.service.DaemonThreads;
import org.petitionbridge.service.jdbc.AdvisoryLocks;
import org.petitionbridge.service.metrics.Reading;
import org.petitionbridge.service.tracing.EventTracing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the outbox in id order. One relay at a time per database (a PostgreSQL advisory lock), so that
 * several instances of a service keep the order of each petition's events. A row is deleted only after the
 * broker acknowledged it ({@code acks=all}); when the broker is down the rows wait and the relay retries with
 * back-off, so nothing is lost. Delivery is at least once: consumers are idempotent by CloudEvents id.
 */
public class OutboxRelay implements SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final KafkaTemplate<String, byte[]> kafka;
    private final JdbcClient locks;
    private final String lockName;
    private final int batchSize;
    private final Duration pollInterval;
    private final Duration sendTimeout;
    private final Semaphore wakeUps = new Semaphore(0);
    private final Counter published;
    private final Counter failures;
    private volatile boolean running;
    private Thread thread;

    public OutboxRelay(JdbcTemplate jdbc, TransactionTemplate tx, KafkaTemplate<String, byte[]> kafka, String lockName,
            int batchSize, Duration pollInterval, Duration sendTimeout, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.kafka = kafka;
        this.locks = JdbcClient.create(jdbc);
        this.lockName = lockName;
        this.batchSize = batchSize;
        this.pollInterval = pollInterval;
        this.sendTimeout = sendTimeout;
        this.published = Counter.builder("outbox.events.published").description("events the outbox relay published")
                .register(meters);
        this.failures = Counter.builder("outbox.relay.failures")
                .description("relay rounds that failed (broker unreachable); the events stay in the outbox")
                .register(meters);
        // What waits in the outbox: how many events, and how long the oldest has waited (0 when empty).
        Reading<double[]> outbox = Reading.every(Duration.ofSeconds(5), () -> jdbc.queryForObject(
                "select count(*), coalesce(extract(epoch from now() - min(created_at)), 0) from outbox_event",
                (rs, i) -> new double[] {rs.getLong(1), rs.getDouble(2)}));
        Gauge.builder("outbox.depth", outbox, r -> value(r, 0)).strongReference(true)
                .description("events waiting in the outbox").register(meters);
        Gauge.builder("outbox.oldest.age", outbox, r -> value(r, 1)).strongReference(true).baseUnit("seconds")
                .description("how long the oldest event in the outbox has waited (0 when it is empty)")
                .register(meters);
    }

    private static double value(Reading<double[]> reading, int index) {
        double[] values = reading.get();
        return values == null ? Double.NaN : values[index];
    }

    /** Called after a transaction that appended events committed: publish now rather than at the next poll. */
    public void wakeUp() {
        wakeUps.release();
    }

    /** Publishes one batch; returns how many events were published. */
    public int relayOnce() {
        Integer count = tx.execute(status -> {
            if (!AdvisoryLocks.tryLock(locks, "outbox", lockName)) {
                return 0;
            }
            List<OutboxRow> rows = jdbc.query(
                    "select id, event_id, topic, event_key, event_type, source, occurred_at, payload, trace_parent"
                            + " from outbox_event order by id limit ?",
                    (rs, i) -> new OutboxRow(rs.getLong("id"), rs.getString("event_id"), rs.getString("topic"),
                            rs.getString("event_key"), rs.getString("event_type"), rs.getString("source"),
                            rs.getTimestamp("occurred_at").toInstant(), rs.getBytes("payload"),
                            rs.getString("trace_parent")),
                    batchSize);
            if (rows.isEmpty()) {
                return 0;
            }
            List<CompletableFuture<?>> sends = new ArrayList<>(rows.size());
            for (OutboxRow row : rows) {
                sends.add(kafka.send(toRecord(row)));
            }
            try {
                CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                        .get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing the outbox", e);
            } catch (Exception e) {
                throw new IllegalStateException("the broker did not acknowledge the outbox batch", e);
            }
            jdbc.update("delete from outbox_event where id = any(?)",
                    (Object) rows.stream().map(OutboxRow::id).toArray(Long[]::new));
            return rows.size();
        });
        int n = count == null ? 0 : count;
        published.increment(n);
        return n;
    }

    private static ProducerRecord<String, byte[]> toRecord(OutboxRow row) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(row.topic(), row.key(), row.payload());
        CloudEvent event = new CloudEvent(row.eventId(), row.source(), row.type(), row.occurredAt(), row.key());
        for (Map.Entry<String, String> header : event.toHeaders().entrySet()) {
            record.headers().add(new RecordHeader(header.getKey(), header.getValue().getBytes(StandardCharsets.UTF_8)));
        }
        if (row.traceParent() != null) {
            // The trace of the transaction that wrote the event: the consumer's listener continues it.
            record.headers().add(new RecordHeader(EventTracing.TRACEPARENT,
                    row.traceParent().getBytes(StandardCharsets.UTF_8)));
        }
        return record;
    }

    private void loop() {
        long backoff = 0;
        while (running) {
            try {
                int n = relayOnce();
                backoff = 0;
                if (n < batchSize) {
                    wakeUps.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failures.increment();
                backoff = Math.min(Math.max(backoff * 2, 200), 5_000);
                log.warn("Outbox relay could not publish, retrying in {} ms: {}", backoff, e.getMessage());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = DaemonThreads.start("outbox-relay", this::loop);
    }

    @Override
    public synchronized void stop() {
        running = false;
        DaemonThreads.stop(thread, Duration.ofSeconds(10));
        thread = null;
    }

    /** Closes the relay's own producer (it is not a bean of the context). */
    @Override
    public void destroy() {
        kafka.destroy();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Start after the database and before the web server; stop before the producer factory closes. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2000;
    }

    private record OutboxRow(long id, String eventId, String topic, String key, String type, String source,
            java.time.Instant occurredAt, byte[] payload, String traceParent) {
    }
}
