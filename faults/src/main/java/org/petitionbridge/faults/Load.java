package org.petitionbridge.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.petitionbridge.bench.DemoPetitions;
import org.petitionbridge.events.EventCodec;
import tools.jackson.databind.JsonNode;

/**
 * The steady load: realistic petitions at a fixed rate, sent as a well-behaved channel sends them. Each petition
 * has its own Idempotency-Key; a request that fails (no answer, 503, 429, 5xx) is sent again with the same key,
 * after the Retry-After the answer gives (1 s without one), to the other intake instance, for up to two minutes.
 * It records every acceptance (201, or 200 for a key registered by an earlier attempt whose answer was lost): which
 * petition each key became (a key that became two petitions would be a petition registered twice).
 */
final class Load implements AutoCloseable {

    /** A petition answered 201: its number, the key it was sent with, when it was first sent and answered. */
    record Accepted(String petitionNo, String key, long sentNanos, long acceptedNanos, boolean repeat, int attempts) {
    }

    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(2);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    private final List<Integer> intakePorts;
    private final String token;
    private final DemoPetitions petitions;
    private final Map<String, Accepted> accepted = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> numbersByKey = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> answers = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong gaveUp = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger next = new AtomicInteger();

    Load(List<Integer> intakePorts, String token, DemoPetitions petitions) {
        this.intakePorts = List.copyOf(intakePorts);
        this.token = token;
        this.petitions = petitions;
    }

    /** Sends {@code rate} petitions a second for {@code length}, then returns (retries may still be running). */
    void run(int rate, Duration length) throws InterruptedException {
        long interval = 1_000_000_000L / Math.max(1, rate);
        long start = System.nanoTime();
        long total = rate * length.toSeconds();
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            String body = petitions.next();
            String key = UUID.randomUUID().toString();
            sent.incrementAndGet();
            pending.incrementAndGet();
            send(key, body, System.nanoTime(), 1);
        }
    }

    /** Waits until every petition sent has been answered 201 or given up. */
    void awaitAnswers(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (pending.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    private void send(String key, String body, long firstSent, int attempt) {
        int port = intakePorts.get(Math.floorMod(next.getAndIncrement(), intakePorts.size()));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/petitions"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
            try {
                answered(key, body, firstSent, attempt, r, e);
            } catch (RuntimeException failure) {
                // A fault of the load itself (an answer it cannot read, the run ending): counted, never silent.
                refused.incrementAndGet();
                pending.decrementAndGet();
                System.err.println("the load could not handle an answer: " + failure);
            }
        });
    }

    private void answered(String key, String body, long firstSent, int attempt, HttpResponse<String> r, Throwable e) {
        {
            String outcome = e != null ? rootName(e) : "HTTP " + r.statusCode();
            answers.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
            // 201: registered now; 200: registered by an earlier attempt with this key, whose answer was lost (a
            // timeout, a killed instance): intake answers with that same petition.
            if (e == null && (r.statusCode() == 201 || r.statusCode() == 200)) {
                JsonNode answer = EventCodec.mapper().readTree(r.body());
                String no = answer.get("petitionNo").asString();
                boolean repeat = !answer.path("repeatOf").isNull() && !answer.path("repeatOf").isMissingNode();
                numbersByKey.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(no);
                accepted.putIfAbsent(no, new Accepted(no, key, firstSent, System.nanoTime(), repeat, attempt));
                pending.decrementAndGet();
                return;
            }
            boolean retry = e != null || r.statusCode() == 503 || r.statusCode() == 429 || r.statusCode() >= 500;
            if (!retry) {
                refused.incrementAndGet();
                pending.decrementAndGet();
                System.err.println("intake refused a petition: " + r.statusCode() + " " + r.body());
                return;
            }
            if (System.nanoTime() - firstSent > GIVE_UP_AFTER.toNanos()) {
                gaveUp.incrementAndGet();
                pending.decrementAndGet();
                return;
            }
            long delay = e != null ? 1 : r.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
            timer.schedule(() -> send(key, body, firstSent, attempt + 1), delay, TimeUnit.SECONDS);
        }
    }

    private static String rootName(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName();
    }

    Map<String, Accepted> accepted() {
        return Map.copyOf(accepted);
    }

    /** Keys that were answered 201 with two different petition numbers (must be none). */
    long keysRegisteredTwice() {
        return numbersByKey.values().stream().filter(numbers -> numbers.size() > 1).count();
    }

    long sent() {
        return sent.get();
    }

    long gaveUp() {
        return gaveUp.get();
    }

    long refused() {
        return refused.get();
    }

    /** How many answers of each kind the load got (HTTP status, or the exception when there was no answer). */
    Map<String, Long> answers() {
        Map<String, Long> copy = new java.util.TreeMap<>();
        answers.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
