package org.petitionbridge.notify.deliveries;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Span;
import org.petitionbridge.notify.subscriptions.WebhookUrlPolicy;
import org.petitionbridge.service.DaemonThreads;
import org.petitionbridge.service.tracing.EventTracing;
import org.postgresql.PGStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Delivers pending webhooks. Each endpoint (an active webhook subscription) is sent to by one notify instance at a
 * time, its owner ({@code delivery_owner}: a row per subscription naming the instance and until when, renewed every
 * few seconds). The owner reads the endpoint's due deliveries without writing them, checks each URL again against the
 * SSRF policy after DNS resolution, sends asynchronously outside any transaction and records the outcome: a delivery
 * is written twice when all goes well, when it is planned and with its outcome. A failed attempt is retried with
 * exponential back-off; after the last attempt the delivery is DEAD and can be redelivered by hand. A 410 disables the
 * subscription.
 *
 * <p>One endpoint cannot hold up the others: requests are asynchronous (a slow endpoint holds an in-flight slot, not
 * a thread, for at most the timeout), and an endpoint has at most {@code per-endpoint-concurrency} deliveries in
 * flight: its owner counts them in memory, and nobody else sends to it. An endpoint's due deliveries are read a few
 * dozen at a time, in order; each attempt that ends starts the next one read, so a busy endpoint (the bureau's, which
 * hears every event) goes at the pace of its answers, not of a query.
 *
 * <p>An owner that stops waits for the answers to its attempts in flight (up to twice the timeout), records them and
 * gives its endpoints up; one that dies or loses the database keeps them until its rows run out
 * ({@code 2 × timeout + 30 s} after its last renewal), then another instance takes them over and sends what is still
 * PENDING, with the same {@code webhook-id}. An owner starts an attempt only while its ownership outlasts the
 * attempt (twice the timeout, connection and answer), so two instances send one delivery at once only if their clocks
 * disagree by more than the margin: delivery is at least once, and receivers deduplicate by {@code webhook-id}.
 *
 * <p>Each attempt is a span of the trace that planned the delivery (the consumer's, stored with the row), and the
 * request carries it in a {@code traceparent} header: a department's receiver can name the platform's trace.
 */
@Component
public class WebhookDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    /** How often the owner renews its endpoints (and takes those nobody owns). */
    private static final Duration RENEWAL = Duration.ofSeconds(5);
    /** The least time between two claims asked for by the planner (an endpoint not owned here got a delivery). */
    private static final Duration CLAIM_PAUSE = Duration.ofMillis(250);
    /** How often an endpoint whose due deliveries were all read is read again (for retries coming due). */
    private static final Duration RECHECK = Duration.ofSeconds(1);
    /** Deliveries read per endpoint beyond its free slots, to start as attempts end without another query. */
    private static final int READ_AHEAD = 28;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final WebhookUrlPolicy urls;
    private final Clock clock;
    private final List<Duration> retrySchedule;
    private final Duration timeout;
    private final int workers;
    private final int perEndpoint;
    /** This instance, as {@code delivery_owner.owner} names it. */
    private final String me = "notify-" + UUID.randomUUID();
    private HttpClient http;
    private ExecutorService httpThreads;
    private final Semaphore free;
    private final Semaphore wakeUps = new Semaphore(0);
    /**
     * The deliveries in flight here, whichever endpoint object counts them: every read leaves them out (an endpoint
     * given up and owned again must not read its own deliveries still in flight).
     */
    private final Set<String> sendingHere = ConcurrentHashMap.newKeySet();
    /**
     * When each attempt ended here (System.nanoTime), after its outcome was committed, kept until the next read: a read
     * that began before may still see the delivery PENDING in its snapshot, and must not send it again.
     */
    private final Map<String, Long> endedAt = new ConcurrentHashMap<>();
    /** The endpoints this instance owns, by subscription id. */
    private final Map<String, Endpoint> owned = new ConcurrentHashMap<>();
    /** Set when the planner planned for an endpoint not owned here: claim soon rather than at the next renewal. */
    private volatile boolean claimSoon;
    /** When the last claim ran (renewing every {@link #RENEWAL}, or sooner when asked, at most every CLAIM_PAUSE). */
    private Instant lastClaim = Instant.EPOCH;
    private final Counter delivered;
    private final Counter failed;
    private final Counter dead;
    private final Counter refused;
    private final Counter fromRead;
    private final Counter fromQueue;
    private final Timer latency;
    private final EventTracing tracing;
    private ExecutorService pool;
    private Thread loop;
    /** Attempts answered 2xx, waiting for {@link #recorder} to record them together. */
    private final LinkedBlockingQueue<Answered> answered = new LinkedBlockingQueue<>();
    private Thread recorder;
    private volatile boolean running;

    WebhookDispatcher(JdbcTemplate template, WebhookUrlPolicy urls, Clock clock, MeterRegistry meters, EventTracing tracing,
            @Value("${petition-bridge.notify.retry-schedule}") List<Duration> retrySchedule,
            @Value("${petition-bridge.notify.timeout:10s}") Duration timeout,
            @Value("${petition-bridge.notify.workers:4}") int workers,
            @Value("${petition-bridge.notify.max-in-flight:256}") int maxInFlight,
            @Value("${petition-bridge.notify.per-endpoint-concurrency:4}") int perEndpoint) {
        this.template = template;
        this.jdbc = JdbcClient.create(template);
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
        this.fromRead = startedFrom(meters, "read");
        this.fromQueue = startedFrom(meters, "previous-attempt");
        this.latency = Timer.builder("webhook.delivery.latency")
                .description("from planning the delivery to the receiver's 2xx").publishPercentiles(0.5, 0.95, 0.99)
                .publishPercentileHistogram()
                .register(meters);
    }

    private static Counter startedFrom(MeterRegistry meters, String how) {
        return Counter.builder("webhook.attempts").tag("started-by", how)
                .description("webhook attempts started, by what started them: the dispatcher's read of due deliveries"
                        + " (the endpoint had a free slot), or the end of the previous attempt to the same endpoint")
                .register(meters);
    }

    record Due(String id, String subscriptionId, String url, String secret, String previousSecret, String payload,
            int attempts, Instant createdAt, String traceParent) {
    }

    /**
     * An endpoint this instance owns: until when, its deliveries in flight (sent, outcome not yet recorded: still
     * PENDING in the database, so every read leaves them out) and those read and not yet started.
     */
    private static final class Endpoint {

        final String id;
        volatile Instant until;
        final Set<String> sending = new HashSet<>();
        final ArrayDeque<Due> queue = new ArrayDeque<>();
        /** The last read found fewer due deliveries than it asked for; then until {@link #recheckAt} (or a wake-up). */
        boolean exhausted;
        Instant recheckAt = Instant.EPOCH;
        /**
         * Counts the wake-ups that may have made more deliveries due: a read that began before the latest does not
         * mark the endpoint exhausted (what was planned while it ran may not be in its snapshot).
         */
        long changes;
        /** Counts {@link #forget}s: a read that began before the latest adds nothing (its snapshot may be stale). */
        long forgets;

        /** More deliveries may be due: read the endpoint again. */
        synchronized void changed() {
            exhausted = false;
            changes++;
        }

        Endpoint(String id, Instant until) {
            this.id = id;
            this.until = until;
        }
    }

    /** Something changed (a redelivery, a retry made due): read every owned endpoint again. */
    public void wakeUp() {
        owned.values().forEach(Endpoint::changed);
        wakeUps.release();
    }

    /** The planner committed deliveries for these subscriptions: read them, and claim those not owned here. */
    void planned(Collection<String> subscriptions) {
        for (String id : subscriptions) {
            Endpoint e = owned.get(id);
            if (e == null) {
                claimSoon = true;
            } else {
                e.changed();
            }
        }
        wakeUps.release();
    }

    /**
     * This subscription ended or changed (deleted, gone, its secret rotated): what was read of it here is not sent,
     * and it is claimed and read again as it is now.
     */
    public void forget(String subscription) {
        Endpoint e = owned.get(subscription);
        if (e != null) {
            synchronized (e) {
                e.queue.clear();
                e.forgets++;
                e.changed();
            }
        }
        wakeUps.release();
    }

    /** Until when an endpoint claimed now is this instance's. */
    private Instant ownershipUntil(Instant now) {
        return now.plus(timeout.multipliedBy(2)).plusSeconds(30);
    }

    /**
     * Renews this instance's endpoints and takes every active one whose owner's time ran out (or that has none), in
     * one statement; an endpoint not returned is no longer this instance's (another took it over after this one
     * failed to renew, or it ended), and what was read of it is dropped.
     */
    private void claim() {
        Instant now = clock.instant();
        Instant until = ownershipUntil(now);
        List<String> ids = jdbc.sql("""
                insert into delivery_owner (subscription_id, owner, until)
                select id, :me, :until from subscription where active and url is not null
                on conflict (subscription_id) do update set owner = excluded.owner, until = excluded.until
                where delivery_owner.owner = excluded.owner or delivery_owner.until < :now
                returning cast(subscription_id as text)""")
                .param("me", me).param("until", Timestamp.from(until)).param("now", Timestamp.from(now))
                .query(String.class).list();
        Set<String> mine = new HashSet<>(ids);
        owned.keySet().removeIf(id -> !mine.contains(id));   // what was read of them is dropped with them
        for (String id : ids) {
            owned.compute(id, (k, e) -> {
                if (e == null) {
                    return new Endpoint(id, until);
                }
                e.until = until;
                return e;
            });
        }
        lastClaim = now;
    }

    /** Gives up this instance's endpoints, so that another instance takes them over at once. */
    private void giveUp() {
        try {
            jdbc.sql("delete from delivery_owner where owner = ?").param(me).update();
        } catch (RuntimeException e) {
            log.warn("Could not give up the webhook endpoints; another instance takes them when they run out: {}",
                    e.getMessage());
        }
        owned.clear();
    }

    /**
     * Reads the due deliveries of the owned endpoints that have a free slot and nothing read waiting, the oldest
     * first, without writing them: up to their free slots and {@link #READ_AHEAD} more each, leaving out those in
     * flight here.
     */
    private void read(Instant now) {
        List<Endpoint> wanting = new ArrayList<>();
        List<Integer> wants = new ArrayList<>();
        List<Long> changes = new ArrayList<>();
        List<Long> forgets = new ArrayList<>();
        for (Endpoint e : owned.values()) {
            synchronized (e) {
                if (e.queue.isEmpty() && e.sending.size() < perEndpoint
                        && (!e.exhausted || !now.isBefore(e.recheckAt))) {
                    wanting.add(e);
                    wants.add(perEndpoint - e.sending.size() + READ_AHEAD);
                    changes.add(e.changes);
                    forgets.add(e.forgets);
                }
            }
        }
        long began = System.nanoTime();
        endedAt.values().removeIf(t -> t - began < 0);   // committed before this read's snapshot: it sees them
        List<String> sending = List.copyOf(sendingHere);
        if (wanting.isEmpty()) {
            return;
        }
        List<Due> due = jdbc.sql("""
                select\s""" + DUE_COLUMNS + """

                from unnest(cast(:subscriptions as uuid[]), cast(:wants as int[])) as w(subscription_id, n)
                join subscription s on s.id = w.subscription_id and s.active
                cross join lateral (
                    select d.id, d.payload, d.attempts, d.created_at, d.trace_parent, d.next_attempt_at from delivery d
                    where d.subscription_id = w.subscription_id and d.status = 'PENDING' and d.next_attempt_at <= :now
                      and d.id <> all(cast(:sending as text[]))
                    order by d.next_attempt_at, d.id limit w.n) d
                order by s.id, d.next_attempt_at, d.id""")
                .param("subscriptions", wanting.stream().map(e -> UUID.fromString(e.id)).toArray(UUID[]::new))
                .param("wants", wants.toArray(Integer[]::new))
                .param("sending", sending.toArray(String[]::new))
                .param("now", Timestamp.from(now))
                .query(WebhookDispatcher::due).list();
        Map<String, List<Due>> bySubscription = new HashMap<>();
        due.forEach(d -> bySubscription.computeIfAbsent(d.subscriptionId(), k -> new ArrayList<>()).add(d));
        for (int i = 0; i < wanting.size(); i++) {
            Endpoint e = wanting.get(i);
            List<Due> read = bySubscription.getOrDefault(e.id, List.of());
            synchronized (e) {
                if (e.forgets != forgets.get(i)) {
                    continue;   // deleted, gone or rotated while the read ran: read it again as it is now
                }
                read.stream().filter(d -> !sendingHere.contains(d.id()) && !endedAt.containsKey(d.id()))
                        .forEach(e.queue::add);
                // exhausted only if nothing was planned for it while the read ran
                e.exhausted = read.size() < wants.get(i) && e.changes == changes.get(i);
                e.recheckAt = now.plus(RECHECK);
            }
        }
    }

    /*
     * The two statements that record an attempt's outcome find their deliveries by id, and change one only while it is
     * PENDING. That condition is written so that PostgreSQL cannot answer it from the partial index of pending
     * deliveries (delivery_pending, "where status = 'PENDING'"; status is never null, so coalesce changes nothing
     * else): when the last ANALYZE saw none pending (a quiet hour, everything delivered), PostgreSQL estimates one row
     * in that index and scans all of it instead of looking the ids up, and under a burst it holds thousands (run 30
     * of docs/benchmark.md: 7.6 ms a petition instead of 0.5; RecorderPlanTest). There is no hint to name the index.
     */

    /** Records attempts answered 2xx ({@link #recordDelivered}): the time, then the ids, attempts and statuses. */
    static final String RECORD_DELIVERED = """
            update delivery d set status = 'DELIVERED', attempts = a.attempt, delivered_at = ?,
                last_error = null, last_status = a.status
            from unnest(cast(? as text[]), cast(? as int[]), cast(? as int[])) as a(id, attempt, status)
            where d.id = a.id and coalesce(d.status, '') = 'PENDING'""";

    /** Records a failed attempt ({@link #recordFailed}). */
    static final String RECORD_FAILED = """
            update delivery set status = :outcome, attempts = :attempt, last_error = :error,
                last_status = :status, next_attempt_at = :next
            where id = :id and coalesce(status, '') = 'PENDING'""";

    /** What an attempt needs of a delivery {@code d} and its subscription {@code s}. */
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
     * Starts the endpoint's deliveries read, while it has free slots, this instance has room and its ownership
     * outlasts an attempt; true when it started at least one.
     */
    private boolean start(Endpoint e, Counter startedBy) {
        boolean started = false;
        while (running) {
            Due next;
            synchronized (e) {
                if (e.queue.isEmpty() || e.sending.size() >= perEndpoint || owned.get(e.id) != e
                        || !e.until.isAfter(clock.instant().plus(timeout.multipliedBy(2)))) {
                    return started;
                }
                if (!free.tryAcquire()) {
                    return started;
                }
                next = e.queue.poll();
                e.sending.add(next.id());
                sendingHere.add(next.id());
            }
            if (!dispatch(next)) {
                ended(next, false);
                return started;
            }
            startedBy.increment();
            started = true;
        }
        return started;
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
                ended(due, false);   // shutting down: still PENDING, it is sent again by whoever owns the endpoint next
            }
        });
    }

    private static String describe(Throwable error) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (e instanceof HttpTimeoutException) {
            return "timed out";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /**
     * The attempt's outcome is recorded (or could not be): its slot is free, and the endpoint's next delivery read
     * takes it at once; when none is waiting, the dispatcher reads again.
     */
    private void ended(Due due, boolean startNext) {
        if (!sendingHere.contains(due.id())) {
            return;   // ended already (an attempt whose end threw is finished once more by its task's catch)
        }
        endedAt.put(due.id(), System.nanoTime());   // before it leaves sendingHere: a read's filter sees one of them
        if (!sendingHere.remove(due.id())) {
            return;
        }
        free.release();
        Endpoint e = owned.get(due.subscriptionId());
        if (e == null) {
            wakeUps.release();
            return;
        }
        boolean empty;
        synchronized (e) {
            e.sending.remove(due.id());
            empty = e.queue.isEmpty();
        }
        if (!startNext || empty || !start(e, fromQueue)) {
            wakeUps.release();
        }
    }

    /** Records the outcome of a failed attempt and ends its span; a 2xx waits for the recorder. */
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
        boolean recorded = false;
        try {
            span.error(error);
            recordFailed(due, status, error);
            recorded = true;
        } catch (RuntimeException e) {
            log.error("Webhook delivery {} could not be recorded; it stays pending and will be tried again",
                    due.id(), e);
        } finally {
            try {
                span.end();
            } finally {
                ended(due, recorded);
            }
        }
    }

    /** An attempt the endpoint answered 2xx, not yet recorded. */
    private record Answered(Due due, EventTracing.Started span, int status) {
    }

    /**
     * Records the attempts answered 2xx, all those waiting in one statement (the bureau's endpoint alone finishes
     * hundreds a second); each one's slot then starts its endpoint's next delivery read.
     */
    private void recordAnswered() {
        while (running || !answered.isEmpty()) {
            Answered first;
            try {
                first = answered.poll(500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;   // what is left is not recorded: still PENDING, the deliveries are sent again
            }
            if (first != null) {
                List<Answered> batch = new ArrayList<>(List.of(first));
                answered.drainTo(batch, 511);
                try {
                    recordAll(batch);
                } catch (RuntimeException e) {
                    log.error("Webhook recorder: {} answers not recorded; they stay pending", batch.size(), e);
                }
            }
        }
    }

    /** Records these answered attempts and ends their spans; if that fails, they stay PENDING and are sent again. */
    private void recordAll(List<Answered> batch) {
        boolean recorded = false;
        try {
            recordDelivered(batch);
            recorded = true;
        } catch (RuntimeException e) {
            log.error("{} webhook deliveries could not be recorded; they stay pending and will be tried again",
                    batch.size(), e);
        } finally {
            for (Answered a : batch) {
                try {
                    a.span().end();
                } finally {
                    ended(a.due(), recorded);
                }
            }
        }
    }

    private void recordDelivered(List<Answered> batch) {
        Instant now = clock.instant();
        template.update(con -> {
            PreparedStatement ps = con.prepareStatement(RECORD_DELIVERED);
            // Planned afresh for each batch, never as a server-side prepared statement: PostgreSQL's generic plan,
            // made while the table was small, kept a sequential scan of it after it had grown, until its next
            // ANALYZE (16 ms instead of 0.4 for three answers; docs/benchmark.md, run 23).
            ps.unwrap(PGStatement.class).setPrepareThreshold(0);
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setArray(2, con.createArrayOf("text", batch.stream().map(a -> a.due().id()).toArray()));
            ps.setArray(3, con.createArrayOf("int4", batch.stream().map(a -> a.due().attempts() + 1).toArray()));
            ps.setArray(4, con.createArrayOf("int4", batch.stream().map(Answered::status).toArray()));
            return ps;
        });
        for (Answered a : batch) {
            delivered.increment();
            latency.record(Duration.between(a.due().createdAt(), now));
            log.debug("Webhook delivery {} delivered (HTTP {}, attempt {})", a.due().id(), a.status(),
                    a.due().attempts() + 1);
        }
    }

    /** Starts an attempt on the worker pool; false when the pool is stopping (the delivery stays PENDING). */
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

    /** Records a failed attempt: PENDING again with its next attempt's time, or DEAD after the last. */
    private void recordFailed(Due due, int status, String error) {
        int attempt = due.attempts() + 1;
        Instant now = clock.instant();
        failed.increment();
        boolean gone = status == 410;
        boolean last = gone || attempt > retrySchedule.size();
        if (last) {
            dead.increment();
            log.warn("Webhook delivery {} is dead after {} attempt(s): {}", due.id(), attempt, error);
        }
        jdbc.sql(RECORD_FAILED)
                .param("id", due.id()).param("outcome", last ? "DEAD" : "PENDING").param("attempt", attempt)
                .param("error", truncate(error)).param("status", status < 0 ? null : status)
                .param("next", Timestamp.from(last ? now : now.plus(retrySchedule.get(attempt - 1))))
                .update();
        if (!gone) {
            return;
        }
        // The receiver says the endpoint is gone for good: stop sending to it, and say why on what was pending.
        String subscription = jdbc.sql("""
                update subscription set active = false, disabled_reason = 'GONE', disabled_at = ?
                where id = ?::uuid and active
                returning cast(id as text)""")
                .params(Timestamp.from(now), due.subscriptionId()).query(String.class).optional().orElse(null);
        if (subscription != null) {
            forget(subscription);
            jdbc.sql("""
                    update delivery set status = 'DEAD',
                        last_error = 'the endpoint answered 410 Gone; subscription disabled'
                    where subscription_id = ?::uuid and status = 'PENDING'""").param(subscription).update();
            log.warn("Subscription {} disabled: its endpoint answered 410 Gone", subscription);
        }
    }

    private static String truncate(String s) {
        return s.length() > 500 ? s.substring(0, 500) : s;
    }

    private void run() {
        while (running) {
            try {
                Instant now = clock.instant();
                Duration sinceClaim = Duration.between(lastClaim, now);
                if (sinceClaim.compareTo(claimSoon ? CLAIM_PAUSE : RENEWAL) >= 0) {
                    claimSoon = false;
                    claim();
                }
                if (free.availablePermits() > 0) {
                    read(now);
                }
                boolean started = false;
                for (Endpoint e : owned.values()) {
                    started |= start(e, fromRead);
                }
                if (!started) {
                    wakeUps.tryAcquire(500, TimeUnit.MILLISECONDS);
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Webhook dispatcher could not read or claim deliveries: {}", e.getMessage());
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

    /**
     * Stops reading and starting attempts, waits for those in flight to be answered and recorded (up to their
     * connection and answer timeouts), then gives the endpoints up: another instance taking them over at once would
     * otherwise send the deliveries whose answers were still on their way a second time.
     */
    @Override
    public synchronized void stop() {
        running = false;
        DaemonThreads.stop(loop, Duration.ofSeconds(5));
        awaitInFlight(timeout.multipliedBy(2).plusSeconds(1));
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
        giveUp();
    }

    /** Waits until no attempt is in flight here, or the time is up (those left are sent again by the next owner). */
    private void awaitInFlight(Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!sendingHere.isEmpty() && System.nanoTime() - deadline < 0) {
            try {
                wakeUps.tryAcquire(50, TimeUnit.MILLISECONDS);   // each attempt that ends releases one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (!sendingHere.isEmpty()) {
            log.warn("Stopping with {} webhook attempt(s) unanswered; the next owner of their endpoints sends them"
                    + " again", sendingHere.size());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
