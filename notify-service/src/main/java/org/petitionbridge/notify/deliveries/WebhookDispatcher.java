package org.petitionbridge.notify.deliveries;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.petitionbridge.notify.subscriptions.WebhookUrlPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Delivers pending webhooks. A delivery is leased (status SENDING with a lease) in a short transaction, sent
 * outside any transaction on a bounded pool, then recorded. A failed attempt is retried with exponential
 * back-off; after the last attempt the delivery is DEAD and can be redelivered by hand. A 410 disables the
 * subscription. A slow endpoint ties up one worker for at most the timeout, never the Kafka consumer.
 */
@Component
public class WebhookDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final JdbcClient jdbc;
    private final WebhookUrlPolicy urls;
    private final Clock clock;
    private final List<Duration> retrySchedule;
    private final Duration timeout;
    private final int workers;
    private final HttpClient http;
    private final Semaphore free;
    private final Semaphore wakeUps = new Semaphore(0);
    private final Counter delivered;
    private final Counter failed;
    private final Counter dead;
    private final Timer latency;
    private ExecutorService pool;
    private Thread loop;
    private volatile boolean running;

    WebhookDispatcher(JdbcClient jdbc, WebhookUrlPolicy urls, Clock clock, MeterRegistry meters,
            @Value("${petition-bridge.notify.retry-schedule}") List<Duration> retrySchedule,
            @Value("${petition-bridge.notify.timeout:10s}") Duration timeout,
            @Value("${petition-bridge.notify.workers:16}") int workers) {
        this.jdbc = jdbc;
        this.urls = urls;
        this.clock = clock;
        this.retrySchedule = List.copyOf(retrySchedule);
        this.timeout = timeout;
        this.workers = workers;
        this.free = new Semaphore(workers);
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.delivered = Counter.builder("webhook.deliveries").tag("outcome", "delivered").register(meters);
        this.failed = Counter.builder("webhook.deliveries").tag("outcome", "failed-attempt").register(meters);
        this.dead = Counter.builder("webhook.deliveries").tag("outcome", "dead").register(meters);
        this.latency = Timer.builder("webhook.delivery.latency")
                .description("from the event's creation to the receiver's 2xx").publishPercentiles(0.5, 0.95, 0.99)
                .register(meters);
    }

    public void wakeUp() {
        wakeUps.release();
    }

    private record Due(String id, String url, String secret, String payload, int attempts, Instant createdAt) {
    }

    /** Leases up to n due deliveries. */
    private List<Due> lease(int n) {
        Instant now = clock.instant();
        return jdbc.sql("""
                update delivery d set status = 'SENDING', lease_until = :lease
                from subscription s
                where d.subscription_id = s.id and d.id in (
                    select id from delivery
                    where (status = 'PENDING' and next_attempt_at <= :now) or (status = 'SENDING' and lease_until < :now)
                    order by next_attempt_at limit :n for update skip locked)
                returning d.id, s.url, s.secret, d.payload, d.attempts, d.created_at""")
                .param("lease", Timestamp.from(now.plus(timeout).plusSeconds(30))).param("now", Timestamp.from(now))
                .param("n", n)
                .query((rs, i) -> new Due(rs.getString("id"), rs.getString("url"), rs.getString("secret"),
                        rs.getString("payload"), rs.getInt("attempts"), rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    private void send(Due due) {
        int attempt = due.attempts() + 1;
        String error = urls.problem(due.url());
        int status = -1;
        if (error == null) {
            long timestamp = clock.instant().getEpochSecond();
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(due.url()))
                        .timeout(timeout)
                        .header("Content-Type", "application/json")
                        .header("webhook-id", due.id())
                        .header("webhook-timestamp", Long.toString(timestamp))
                        .header("webhook-signature", WebhookSigner.sign(due.secret(), due.id(), timestamp, due.payload()))
                        .POST(HttpRequest.BodyPublishers.ofString(due.payload())).build(),
                        HttpResponse.BodyHandlers.discarding());
                status = response.statusCode();
                error = status >= 200 && status < 300 ? null : "HTTP " + status;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = "interrupted";
            } catch (Exception e) {
                error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
        } else {
            error = "URL refused: " + error;
        }
        Instant now = clock.instant();
        if (error == null) {
            jdbc.sql("update delivery set status = 'DELIVERED', attempts = ?, delivered_at = ?, last_error = null,"
                            + " last_status = ?, lease_until = null where id = ?")
                    .params(attempt, Timestamp.from(now), status, due.id()).update();
            delivered.increment();
            latency.record(Duration.between(due.createdAt(), now));
            return;
        }
        failed.increment();
        if (status == 410) {
            jdbc.sql("update subscription set active = false where id = (select subscription_id from delivery where id = ?)")
                    .param(due.id()).update();
        }
        boolean last = status == 410 || attempt > retrySchedule.size();
        if (last) {
            dead.increment();
            log.warn("Webhook delivery {} is dead after {} attempt(s): {}", due.id(), attempt, error);
        }
        jdbc.sql("update delivery set status = ?, attempts = ?, last_error = ?, last_status = ?, next_attempt_at = ?,"
                        + " lease_until = null where id = ?")
                .params(last ? "DEAD" : "PENDING", attempt, truncate(error), status < 0 ? null : status,
                        Timestamp.from(last ? now : now.plus(retrySchedule.get(attempt - 1))), due.id())
                .update();
    }

    private static String truncate(String s) {
        return s.length() > 500 ? s.substring(0, 500) : s;
    }

    private void run() {
        while (running) {
            try {
                free.acquire();
                free.release();
                int available = free.availablePermits();
                List<Due> due = available == 0 ? List.of() : lease(available);
                for (Due d : due) {
                    free.acquire();
                    pool.execute(() -> {
                        try {
                            send(d);
                        } catch (RuntimeException e) {
                            log.error("Webhook delivery {} could not be recorded", d.id(), e);
                        } finally {
                            free.release();
                        }
                    });
                }
                if (due.size() < available) {
                    wakeUps.tryAcquire(500, TimeUnit.MILLISECONDS);
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Webhook dispatcher could not lease deliveries: {}", e.getMessage());
                try {
                    Thread.sleep(1000);
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
        pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "webhook-sender");
            t.setDaemon(true);
            return t;
        });
        loop = new Thread(this::run, "webhook-dispatcher");
        loop.setDaemon(true);
        loop.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (loop != null) {
            loop.interrupt();
            try {
                loop.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
