package org.petitionbridge.ledger.progress;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.petitionbridge.events.CaseStatus;
import org.petitionbridge.events.TrackingCodes;
import org.petitionbridge.ledger.cases.CaseRepository;
import org.petitionbridge.ledger.cases.CaseState;
import org.petitionbridge.service.county.CountyReference;
import org.petitionbridge.service.problems.NotFoundException;
import org.petitionbridge.service.problems.Problems;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The petitioner's progress query, public (no token) behind the tracking code given at registration. A wrong code
 * and an unknown number answer the same 404; after too many failures from one client address in the window, 429
 * with Retry-After. Every query, right or wrong, also counts against the per-address rate limit {@code progress}
 * ({@code petition-bridge.security.rate-limits} in ledger-service.yml), applied before this controller.
 * <p>
 * The failures are remembered per address only when there is one, for one window after the address's latest
 * failure, and for at most {@code max-addresses} addresses (the least recently used are forgotten first), so that
 * queries from ever new addresses cannot fill the memory.
 */
@RestController
@RequestMapping("/api/v1/progress")
@Tag(name = "Progress", description = "The petitioner asks how far the petition has got")
class ProgressController {

    /** Default of {@code petition-bridge.ledger.progress.max-addresses}. */
    static final long MAX_ADDRESSES = 100_000;

    private final CaseRepository cases;
    private final CountyReference county;
    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    /** The recent failures of each address that failed, dropped one window after its latest failure. */
    private final Cache<String, Failures> failures;

    @Autowired
    ProgressController(CaseRepository cases, CountyReference county, Clock clock,
            @Value("${petition-bridge.ledger.progress.max-failures:5}") int maxFailures,
            @Value("${petition-bridge.ledger.progress.failure-window:10m}") Duration window,
            @Value("${petition-bridge.ledger.progress.max-addresses:" + MAX_ADDRESSES + "}") long maxAddresses) {
        this(cases, county, clock, maxFailures, window, maxAddresses, Ticker.systemTicker());
    }

    /** With the ticker that times the forgetting of addresses (a test's own). */
    ProgressController(CaseRepository cases, CountyReference county, Clock clock, int maxFailures, Duration window,
            long maxAddresses, Ticker ticker) {
        if (maxFailures < 1 || window.isNegative() || window.isZero() || maxAddresses < 1) {
            throw new IllegalArgumentException("petition-bridge.ledger.progress: max-failures and max-addresses must "
                    + "be at least 1, failure-window positive");
        }
        this.cases = cases;
        this.county = county;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
        this.failures = Caffeine.newBuilder()
                .expireAfterWrite(window)
                .maximumSize(maxAddresses)
                .ticker(ticker)
                // Maintenance (expiry, eviction) on the calling thread: cheap, and no pool thread per request.
                .executor(Runnable::run)
                .build();
    }

    /**
     * The latest failures of one address, at most {@code maxFailures} of them (older ones cannot matter: the
     * address is refused while its {@code maxFailures}-th latest failure is within the window).
     */
    private static final class Failures {

        private final Deque<Instant> times = new ArrayDeque<>();

        /** When the address may query again, if it is refused now. */
        synchronized Optional<Instant> refusedUntil(Instant now, Duration window, int maxFailures) {
            while (!times.isEmpty() && times.peekFirst().isBefore(now.minus(window))) {
                times.pollFirst();
            }
            return times.size() >= maxFailures ? Optional.of(times.peekFirst().plus(window)) : Optional.empty();
        }

        synchronized void add(Instant now, int maxFailures) {
            times.addLast(now);
            while (times.size() > maxFailures) {
                times.pollFirst();
            }
        }
    }

    @Schema(description = "How far a petition has got. No internal notes, no names")
    record Progress(String petitionNo, String status, @Schema(description = "状态, in words") String statusText,
            @Schema(description = "The lead department's name") String leadDepartment,
            @Schema(description = "The date the current step is due") LocalDate dueDate,
            Instant repliedAt, String replyOutcome) {
    }

    @GetMapping(path = "/{petitionNo}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Progress of a petition, with the tracking code given at registration")
    ResponseEntity<?> progress(@PathVariable String petitionNo, @RequestParam(required = false) String code,
            HttpServletRequest request) {
        String client = request.getRemoteAddr();
        Instant now = clock.instant();
        Failures earlier = failures.getIfPresent(client);
        Optional<Instant> refusedUntil = earlier == null ? Optional.empty()
                : earlier.refusedUntil(now, window, maxFailures);
        if (refusedUntil.isPresent()) {
            long retry = Math.max(1, Duration.between(now, refusedUntil.get()).toSeconds());
            ProblemDetail problem = Problems.of(429, "rate-limited", "Too many requests",
                    "Too many failed progress queries from this address; try again in " + retry + " seconds");
            problem.setProperty("limit", "progress-failures");
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(retry)).body(problem);
        }
        CaseState c = code == null ? null : cases.find(petitionNo)
                .filter(x -> x.trackingCodeHash() != null && x.trackingCodeHash().equals(TrackingCodes.hash(code))).orElse(null);
        if (c == null) {
            // Only a failure creates (or renews) the address's entry; a write restarts its expiry.
            failures.asMap().compute(client, (address, known) -> {
                Failures recent = known == null ? new Failures() : known;
                recent.add(now, maxFailures);
                return recent;
            });
            throw new NotFoundException("No petition matches this number and tracking code");
        }
        return ResponseEntity.ok(new Progress(c.petitionNo(), c.status().name(), text(c.status()),
                c.lead() == null ? null : county.department(c.lead()).map(CountyReference.Department::name)
                        .orElse(c.lead()),
                c.nextDue(), c.repliedAt(), c.replyOutcome()));
    }

    /** Whether failures of the address are remembered now (for tests). */
    boolean remembers(String address) {
        return failures.getIfPresent(address) != null;
    }

    /** How many addresses' failures are remembered now (for tests). */
    long rememberedAddresses() {
        failures.cleanUp();
        return failures.estimatedSize();
    }

    static String text(CaseStatus status) {
        return switch (status) {
            case REGISTERED -> "已登记，正在分办";
            case TRIAGE -> "已登记，信访局正在分办";
            case ASSIGNED -> "已交办责任单位";
            case ACKNOWLEDGED -> "责任单位已受理，正在办理";
            case OBJECTED -> "正在重新确定责任单位";
            case EXTENDED -> "经批准延期办理";
            case REPLIED -> "已书面答复";
            case CLOSED -> "已办结";
            case REDIRECTED -> "已引导通过法定途径解决";
            case REVIEW_REQUESTED -> "复查中";
            case REVIEWED -> "已出具复查意见";
            case RECHECK_REQUESTED -> "复核中";
            case TERMINATED -> "已复核，信访事项终结";
            case NOT_ACCEPTED -> "不予受理";
        };
    }
}
