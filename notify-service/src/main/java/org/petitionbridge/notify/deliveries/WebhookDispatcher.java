package org.petitionbridge.notify.deliveries;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.petitionbridge.notify.subscriptions.WebhookUrlPolicy;
import io.micrometer.tracing.Span;
import org.petitionbridge.service.DaemonThreads;
import org.petitionbridge.service.tracing.EventTracing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Delivers pending webhooks. A delivery is leased (status SENDING with a lease) in a short transaction, its URL is
 * checked again against the SSRF policy after DNS resolution, and it is sent asynchronously outside any
 * transaction, then recorded. A failed attempt is retried with exponential back-off; after the last attempt the
 * delivery is DEAD and can be redelivered by hand. A 410 disables the subscription.
 *
 * <p>One endpoint cannot hold up the others: requests are asynchronous (a slow endpoint holds an in-flight slot,
 * not a thread, for at most the timeout), each subscription has at most {@code per-endpoint-concurrency}
 * deliveries in flight across all instances, and the lease picks the oldest due deliveries of every endpoint
 * under its limit. The Kafka consumers only write rows, so they never wait for any of this.
 *
 * <p>A delivery is written twice when all goes well: when it is planned and with its outcome. When this instance
 * has room, the planner inserts it already leased (SENDING) and hands it over after its commit ({@link #handOver}), so
 * that it goes out at once without a second write to lease it. An endpoint's backlog (deliveries planned while it
 * was at its limit) goes out attempt after attempt: the statement that records an outcome also leases the
 * endpoint's oldest due delivery, which takes over the finished one's slot at once. The endpoint's count in flight
 * stays what it was, so the limit across instances holds without counting, and a busy endpoint is not held to the
 * pace of the lease query (at most four per query, one query every 50 ms or more, was 80 a second: less than the
 * bureau's endpoint, which hears every event, needs at 25 petitions a second). Only what is left (an instance that
 * had no room, one that stopped, a retry coming due) waits PENDING for the lease query below.
 *
 * <p>Each attempt is a span of the trace that planned the delivery (the consumer's, stored with the row), and the
 * request carries it in a {@code traceparent} header: a department's receiver can name the platform's trace.
 */
@Component
public class WebhookDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    /** The least time between two lease queries while every endpoint with work waiting is at its limit. */
    private static final long LEASE_PAUSE_NANOS = Duration.ofMillis(50).toNanos();

    private final JdbcClient jdbc;
    private final WebhookUrlPolicy urls;
    private final Clock clock;
    private final List<Duration> retrySchedule;
    private final Duration timeout;
    private final int workers;
    private final int perEndpoint;
    private HttpClient http;
    private ExecutorService httpThreads;
    private final Semaphore free;
    private final Semaphore wakeUps = new Semaphore(0);
    /** Deliveries planned leased by this instance and committed, to send before leasing more. */
    private final ConcurrentLinkedQueue<Due> handedOver = new ConcurrentLinkedQueue<>();
    /** In-flight slots promised to deliveries planned leased and not yet taken from {@link #handedOver}. */
    private final AtomicInteger promised = new AtomicInteger();
    /**
     * This instance's deliveries in flight, by subscription (never more than the database's SENDING rows of it):
     * while it has an endpoint at its limit, a delivery planned for it is left PENDING without counting.
     */
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    /** When the last lease query ran (System.nanoTime). */
    private long lastLease;
    private final Counter delivered;
    private final Counter failed;
    private final Counter dead;
    private final Counter refused;
    private final Counter byPlanner;
    private final Counter byPreviousAttempt;
    private final Counter byLeaseQuery;
    private final Timer latency;
    private final EventTracing tracing;
    private ExecutorService pool;
    private Thread loop;
    /** Attempts answered 2xx, waiting for {@link #recorder} to record them together. */
    private final LinkedBlockingQueue<Answered> answered = new LinkedBlockingQueue<>();
    private Thread recorder;
    private volatile boolean running;
    private Instant nextLeaseExpiry = Instant.EPOCH;

    WebhookDispatcher(JdbcClient jdbc, WebhookUrlPolicy urls, Clock clock, MeterRegistry meters, EventTracing tracing,
            @Value("${petition-bridge.notify.retry-schedule}") List<Duration> retrySchedule,
            @Value("${petition-bridge.notify.timeout:10s}") Duration timeout,
            @Value("${petition-bridge.notify.workers:4}") int workers,
            @Value("${petition-bridge.notify.max-in-flight:256}") int maxInFlight,
            @Value("${petition-bridge.notify.per-endpoint-concurrency:4}") int perEndpoint) {
        this.jdbc = jdbc;
        this.tracing = tracing;
        this.urls = urls;
        this.clock = clock;
        this.retrySchedule = List.copyOf(retrySchedule);
        this.timeout = timeout;
        this.workers = workers;
        this.perEndpoint = perEndpoint;
        this.free = new Semaphore(maxInFlight);
        this.delivered = Counter.builder("webhook.deliveries").tag("outcome", "delivered").register(meters);
        this.failed = Counter.builder("webhook.deliveries").tag("outcome", "failed-attempt").register(meters);
        this.dead = Counter.builder("webhook.deliveries").tag("outcome", "dead").register(meters);
        this.refused = Counter.builder("webhook.deliveries").tag("outcome", "url-refused").register(meters);
        this.byPlanner = leasedBy(meters, "planner");
        this.byPreviousAttempt = leasedBy(meters, "previous-attempt");
        this.byLeaseQuery = leasedBy(meters, "lease-query");
        this.latency = Timer.builder("webhook.delivery.latency")
                .description("from planning the delivery to the receiver's 2xx").publishPercentiles(0.5, 0.95, 0.99)
                .publishPercentileHistogram()
                .register(meters);
    }

    private static Counter leasedBy(MeterRegistry meters, String how) {
        return Counter.builder("webhook.attempts").tag("leased-by", how)
                .description("webhook attempts started, by what leased the delivery: the planner (inserted leased),"
                        + " the previous attempt to the same endpoint, or the dispatcher's lease query")
                .register(meters);
    }

    public void wakeUp() {
        wakeUps.release();
    }

    record Due(String id, String subscriptionId, String url, String secret, String previousSecret, String payload,
            int attempts, Instant createdAt, String traceParent) {
    }

    /** The most deliveries per subscription in flight at once, across all instances. */
    int perEndpoint() {
        return perEndpoint;
    }

    /** Until when a delivery leased now is this instance's to send; after that it is pending again. */
    Instant leaseUntil(Instant now) {
        return now.plus(timeout).plusSeconds(30);
    }

    /**
     * Promises an in-flight slot to a delivery about to be planned for the subscription: true when the dispatcher
     * runs, has a free slot beyond those already promised (so that a delivery inserted leased is sent well within
     * its lease) and does not itself have the subscription's endpoint at its limit (the planner then asks the
     * database how many are in flight across instances). Every promise ends in {@link #handOver} (committed) or
     * {@link #release} (not leased after all, or rolled back).
     */
    boolean promise(String subscription) {
        if (!running) {
            return false;
        }
        AtomicInteger sending = inFlight.get(subscription);
        if (sending != null && sending.get() >= perEndpoint) {
            // this instance alone has the endpoint at its limit: no need to ask the database
            return false;
        }
        if (promised.incrementAndGet() > free.availablePermits()) {
            promised.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Gives back a promised slot whose delivery was not leased, or whose transaction rolled back. */
    void release() {
        promised.decrementAndGet();
    }

    /** A delivery inserted leased by this instance, now committed: it is sent before any more are leased. */
    void handOver(Due due) {
        handedOver.add(due);
        wakeUp();
    }

    /**
     * Leases up to n due deliveries, the oldest first, at most {@code perEndpoint} in flight per subscription. The
     * candidates (at most perEndpoint per active subscription, found by index) are chosen without locks, then
     * leased by a conditional update: of two instances racing for one row, the second finds it already leased
     * and skips it.
     */
    private List<Due> lease(int n) {
        lastLease = System.nanoTime();
        Instant now = clock.instant();
        return jdbc.sql("""
                with candidates as (
                    select c.id, c.subscription_id, c.next_attempt_at,
                        row_number() over (partition by c.subscription_id order by c.next_attempt_at, c.id) as rn
                    from subscription s cross join lateral (
                        select d.id, d.subscription_id, d.next_attempt_at from delivery d
                        where d.subscription_id = s.id and d.status = 'PENDING' and d.next_attempt_at <= :now
                        order by d.next_attempt_at, d.id limit :perEndpoint) c
                    where s.active
                ), busy as (
                    select subscription_id, count(*) as n from delivery
                    where status = 'SENDING' and subscription_id in (select subscription_id from candidates)
                    group by subscription_id
                ), picked as (
                    select candidates.id from candidates left join busy using (subscription_id)
                    where candidates.rn + coalesce(busy.n, 0) <= :perEndpoint
                    order by candidates.next_attempt_at limit :n
                )
                update delivery d set status = 'SENDING', lease_until = :lease
                from subscription s
                where d.subscription_id = s.id and d.id in (select id from picked)
                  and d.status = 'PENDING' and d.next_attempt_at <= :now
                returning \s""" + DUE_COLUMNS)
                .param("lease", Timestamp.from(leaseUntil(now))).param("now", Timestamp.from(now))
                .param("perEndpoint", perEndpoint).param("n", n)
                .query(WebhookDispatcher::due)
                .list();
    }

    /** What an attempt needs of a leased delivery {@code d} and its subscription {@code s}. */
    private static final String DUE_COLUMNS = """
            d.id, s.id as subscription_id, s.url, s.secret,
                case when s.previous_secret_until > :now then s.previous_secret end as previous_secret,
                d.payload, d.attempts, d.created_at, d.trace_parent""";

    private static Due due(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Due(rs.getString("id"), rs.getString("subscription_id"), rs.getString("url"),
                rs.getString("secret"), rs.getString("previous_secret"), rs.getString("payload"),
                rs.getInt("attempts"), rs.getTimestamp("created_at").toInstant(), rs.getString("trace_parent"));
    }

    /**
     * Appended to an update of a finished delivery named {@code done} that returns its subscription_id: leases the
     * subscription's oldest due delivery, if the subscription is still active. Rows another instance is leasing are
     * skipped; of two instances leasing one row, the second waits for the first and then finds it SENDING.
     */
    private static final String LEASE_NEXT = """
            , finished as (
                select subscription_id, count(*) as n from done group by subscription_id
            ), next as (
                select n.id from finished f cross join lateral (
                    select d.id from delivery d
                    where d.subscription_id = f.subscription_id and d.status = 'PENDING'
                      and d.next_attempt_at <= :now
                    order by d.next_attempt_at, d.id limit f.n
                    for update skip locked) n
            )
            update delivery d set status = 'SENDING', lease_until = :lease
            from subscription s
            where d.id in (select id from next) and s.id = d.subscription_id and s.active and d.status = 'PENDING'
            returning \s""" + DUE_COLUMNS;

    /** In place of {@link #LEASE_NEXT} while stopping: the outcome is recorded, and nothing more is leased here. */
    private static final String LEASE_NONE = " select null::text as id from done where false";

    /**
     * Deliveries whose lease ran out (the instance sending them stopped before recording the outcome) become
     * pending again: they are sent once more, with the same webhook-id.
     */
    private void expireLeases() {
        Instant now = clock.instant();
        if (now.isBefore(nextLeaseExpiry)) {
            return;
        }
        nextLeaseExpiry = now.plusSeconds(5);
        int expired = jdbc.sql("update delivery set status = 'PENDING', lease_until = null, next_attempt_at = ?"
                        + " where status = 'SENDING' and lease_until < ?")
                .params(Timestamp.from(now), Timestamp.from(now)).update();
        if (expired > 0) {
            log.warn("{} webhook deliveries were left in flight by a stopped sender; they will be sent again", expired);
        }
    }

    /**
     * Runs on the worker pool: checks the URL again (DNS may have changed since registration), then sends, in a span
     * of the delivery's trace that {@link #finish} ends.
     */
    private void attempt(Due due) {
        EventTracing.Started span = tracing.start(due.traceParent(), "webhook " + due.id(), Span.Kind.CLIENT);
        try (EventTracing.Scope ignored = span.open()) {
            send(due, span);
        }
    }

    private void send(Due due, EventTracing.Started span) {
        String problem = urls.problem(due.url());
        if (problem != null) {
            refused.increment();
            finish(due, span, -1, "URL refused: " + problem);
            return;
        }
        HttpRequest request;
        try {
            long timestamp = clock.instant().getEpochSecond();
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(due.url()));
            String traceParent = tracing.currentTraceParent();
            if (traceParent != null) {
                builder.header(EventTracing.TRACEPARENT, traceParent);
            }
            request = builder
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("webhook-id", due.id())
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature",
                            WebhookSigner.signatures(due.secret(), due.previousSecret(), due.id(), timestamp,
                                    due.payload()))
                    .POST(HttpRequest.BodyPublishers.ofString(due.payload())).build();
        } catch (RuntimeException e) {
            finish(due, span, -1, "the request could not be built: " + e.getClass().getSimpleName());
            return;
        }
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            try {
                pool.execute(() -> {
                    try (EventTracing.Scope ignored = span.open()) {
                        if (error != null) {
                            finish(due, span, -1, describe(error));
                        } else {
                            int status = response.statusCode();
                            finish(due, span, status, status >= 200 && status < 300 ? null : "HTTP " + status);
                        }
                    }
                });
            } catch (RejectedExecutionException stopping) {
                span.end();
                done(due);
                free.release();   // shutting down: the lease expires and another attempt follows
            }
        });
    }

    /** The delivery is no longer in flight here. */
    private void done(Due due) {
        AtomicInteger sending = inFlight.get(due.subscriptionId());
        if (sending != null) {
            sending.decrementAndGet();
        }
    }

    private static String describe(Throwable error) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (e instanceof HttpTimeoutException) {
            return "timed out";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /**
     * Records the outcome of an attempt and ends its span; the endpoint's next due delivery, leased by the same
     * statement, takes over the in-flight slot, which is freed when there is none.
     */
    private void finish(Due due, EventTracing.Started span, int status, String error) {
        if (error == null) {
            Answered a = new Answered(due, span, status);
            if (running) {
                answered.add(a);
            } else {
                recordAll(List.of(a));   // stopping: the recorder may have ended
            }
            return;
        }
        Due next = null;
        try {
            span.error(error);
            next = recordFailed(due, status, error);
        } catch (RuntimeException e) {
            log.error("Webhook delivery {} could not be recorded; its lease will expire and it will be tried again",
                    due.id(), e);
        } finally {
            span.end();
            if (next == null || !dispatch(next)) {
                done(due);
                free.release();
                wakeUp();
            } else {
                byPreviousAttempt.increment();
            }
        }
    }

    /** An attempt the endpoint answered 2xx, not yet recorded. */
    private record Answered(Due due, EventTracing.Started span, int status) {
    }

    /**
     * Records the attempts answered 2xx, all those waiting in one statement, which also leases each endpoint's next
     * due deliveries, as many as it finished; each takes over a finished one's in-flight slot (the same as
     * {@link #finish} does for one attempt, with one commit for many: the bureau's endpoint alone finishes hundreds a
     * second).
     */
    private void recordAnswered() {
        while (running || !answered.isEmpty()) {
            Answered first;
            try {
                first = answered.poll(500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;   // what is left is not recorded: the leases expire and the deliveries are sent again
            }
            if (first != null) {
                List<Answered> batch = new ArrayList<>(List.of(first));
                answered.drainTo(batch, 511);
                recordAll(batch);
            }
        }
    }

    /** Records these answered attempts and ends their spans; if that fails, their leases expire and they are sent again. */
    private void recordAll(List<Answered> batch) {
        try {
            recordDelivered(batch);
        } catch (RuntimeException e) {
            log.error("{} webhook deliveries could not be recorded; their leases will expire and they will be"
                    + " tried again", batch.size(), e);
            batch.forEach(a -> {
                done(a.due());
                free.release();
            });
            wakeUp();
        } finally {
            batch.forEach(a -> a.span().end());
        }
    }

    private void recordDelivered(List<Answered> batch) {
        Instant now = clock.instant();
        List<Due> next = jdbc.sql("""
                with answered as (
                    select * from unnest(cast(:ids as text[]), cast(:attempts as int[]), cast(:statuses as int[]))
                        as a(id, attempt, status)
                ), done as (
                    update delivery d set status = 'DELIVERED', attempts = a.attempt, delivered_at = :now,
                        last_error = null, last_status = a.status, lease_until = null
                    from answered a where d.id = a.id
                    returning d.subscription_id
                )""" + (running ? LEASE_NEXT : LEASE_NONE))
                .param("ids", batch.stream().map(a -> a.due().id()).toArray(String[]::new))
                .param("attempts", batch.stream().map(a -> a.due().attempts() + 1).toArray(Integer[]::new))
                .param("statuses", batch.stream().map(Answered::status).toArray(Integer[]::new))
                .param("now", Timestamp.from(now)).param("lease", Timestamp.from(leaseUntil(now)))
                .query(WebhookDispatcher::due).list();
        Map<String, ArrayDeque<Due>> nextOf = new HashMap<>();
        next.forEach(d -> nextOf.computeIfAbsent(d.subscriptionId(), k -> new ArrayDeque<>()).add(d));
        boolean freed = false;
        for (Answered a : batch) {
            delivered.increment();
            latency.record(Duration.between(a.due().createdAt(), now));
            log.debug("Webhook delivery {} delivered (HTTP {}, attempt {})", a.due().id(), a.status(),
                    a.due().attempts() + 1);
            ArrayDeque<Due> waiting = nextOf.get(a.due().subscriptionId());
            Due taking = waiting == null ? null : waiting.poll();
            if (taking != null && dispatch(taking)) {
                byPreviousAttempt.increment();
            } else {
                done(a.due());
                free.release();
                freed = true;
            }
        }
        if (freed) {
            wakeUp();
        }
    }

    /** Starts an attempt on the worker pool; false when the pool is stopping (the delivery's lease then expires). */
    private boolean dispatch(Due due) {
        try {
            pool.execute(() -> {
                try {
                    attempt(due);
                } catch (RuntimeException e) {
                    finish(due, EventTracing.Started.NONE, -1, "internal error: " + e.getClass().getSimpleName());
                }
            });
            return true;
        } catch (RejectedExecutionException stopping) {
            return false;
        }
    }

    /** Records a failed attempt; returns the endpoint's next due delivery, leased, or null when there is none. */
    private Due recordFailed(Due due, int status, String error) {
        int attempt = due.attempts() + 1;
        Instant now = clock.instant();
        failed.increment();
        boolean gone = status == 410;
        boolean last = gone || attempt > retrySchedule.size();
        if (last) {
            dead.increment();
            log.warn("Webhook delivery {} is dead after {} attempt(s): {}", due.id(), attempt, error);
        }
        String failedUpdate = """
                update delivery set status = :outcome, attempts = :attempt, last_error = :error,
                    last_status = :status, next_attempt_at = :next, lease_until = null
                where id = :id""";
        JdbcClient.StatementSpec recorded = (gone ? jdbc.sql(failedUpdate).param("id", due.id())
                : outcome("with done as (" + failedUpdate + " returning subscription_id)", due, now))
                .param("outcome", last ? "DEAD" : "PENDING").param("attempt", attempt)
                .param("error", truncate(error)).param("status", status < 0 ? null : status)
                .param("next", Timestamp.from(last ? now : now.plus(retrySchedule.get(attempt - 1))));
        if (!gone) {
            return recorded.query(WebhookDispatcher::due).optional().orElse(null);
        }
        recorded.update();
        // The receiver says the endpoint is gone for good: stop sending to it, and say why on what was pending.
        String subscription = jdbc.sql("""
                update subscription set active = false, disabled_reason = 'GONE', disabled_at = ?
                where id = (select subscription_id from delivery where id = ?) and active
                returning id""")
                .params(Timestamp.from(now), due.id()).query(String.class).optional().orElse(null);
        if (subscription != null) {
            jdbc.sql("""
                    update delivery set status = 'DEAD', lease_until = null,
                        last_error = 'the endpoint answered 410 Gone; subscription disabled'
                    where subscription_id = ?::uuid and status = 'PENDING'""").param(subscription).update();
            log.warn("Subscription {} disabled: its endpoint answered 410 Gone", subscription);
        }
        return null;
    }

    /**
     * The statement recording an outcome ({@code done}, returning the subscription), leasing the endpoint's next due
     * delivery unless this instance is stopping.
     */
    private JdbcClient.StatementSpec outcome(String done, Due due, Instant now) {
        String sql = done + (running ? LEASE_NEXT : LEASE_NONE);
        return jdbc.sql(sql).param("id", due.id()).param("now", Timestamp.from(now))
                .param("lease", Timestamp.from(leaseUntil(now)));
    }

    private static String truncate(String s) {
        return s.length() > 500 ? s.substring(0, 500) : s;
    }

    private void run() {
        while (running) {
            try {
                free.acquire();
                free.release();
                expireLeases();
                List<Due> due = new ArrayList<>();
                for (Due d = handedOver.poll(); d != null; d = handedOver.poll()) {
                    promised.decrementAndGet();   // it takes a real slot below
                    due.add(d);
                }
                int handed = due.size();
                int available = free.availablePermits() - handed;
                due.addAll(available <= 0 ? List.of() : lease(available));
                for (int i = 0; i < due.size(); i++) {
                    Due d = due.get(i);
                    free.acquire();
                    inFlight.computeIfAbsent(d.subscriptionId(), k -> new AtomicInteger()).incrementAndGet();
                    if (!dispatch(d)) {
                        done(d);
                        free.release();
                        return;
                    }
                    (i < handed ? byPlanner : byLeaseQuery).increment();
                }
                if (handedOver.isEmpty() && due.size() - handed < available) {
                    wakeUps.tryAcquire(500, TimeUnit.MILLISECONDS);
                    // Every endpoint with work waiting was at its limit: each delivery finishing would lease again
                    // at once, one query for each slot it frees. A short pause lets one query lease them all.
                    long pause = lastLease + LEASE_PAUSE_NANOS - System.nanoTime();
                    if (pause > 0 && handedOver.isEmpty()) {
                        TimeUnit.NANOSECONDS.sleep(pause);
                    }
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Webhook dispatcher could not lease deliveries: {}", e.getMessage());
                try {
                    wakeUps.tryAcquire(1, TimeUnit.SECONDS);
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
        pool = Executors.newFixedThreadPool(workers, DaemonThreads.named("webhook-worker"));
        // The client's own threads complete every response; without an executor of its own the JDK client would use
        // the common fork-join pool, which on one or two CPUs has parallelism 1, and then every step starts a thread.
        httpThreads = Executors.newFixedThreadPool(workers, DaemonThreads.named("webhook-http"));
        http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .executor(httpThreads).build();
        loop = DaemonThreads.start("webhook-dispatcher", this::run);
        recorder = DaemonThreads.start("webhook-recorder", this::recordAnswered);
    }

    @Override
    public synchronized void stop() {
        running = false;
        DaemonThreads.stop(loop, Duration.ofSeconds(5));
        if (recorder != null) {
            try {
                recorder.join(5000);   // it records the attempts answered so far, then ends
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (pool != null) {
            pool.shutdownNow();
        }
        if (httpThreads != null) {
            httpThreads.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
