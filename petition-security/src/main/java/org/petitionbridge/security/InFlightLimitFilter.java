package org.petitionbridge.security;

import java.io.IOException;
import java.util.concurrent.Semaphore;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.micrometer.core.instrument.MeterRegistry;
import org.petitionbridge.service.problems.Problems;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Overload at the door: beyond {@code petition-bridge.http.max-in-flight} requests being answered at once, a
 * request is answered 503 with {@code Retry-After} at once, instead of waiting in the server's queue until the
 * client gives up (and then sends it again, making the queue longer). Health and the other actuator endpoints are
 * never refused, so that an orchestrator does not restart a service for being busy. Refusals are counted in
 * {@code petition.http.overloaded}.
 * <p>
 * A JDK semaphore that never waits is the whole of a non-waiting bulkhead, so no library is added for it. It runs
 * first in the security filter chain: a refused request costs no token check.
 */
final class InFlightLimitFilter extends OncePerRequestFilter {

    /** Seconds a refused client is told to wait: a second is long enough for a burst to pass. */
    static final int RETRY_AFTER_SECONDS = 1;

    private final int limit;
    private final Semaphore permits;
    private final ObjectProvider<MeterRegistry> meters;

    InFlightLimitFilter(int limit, ObjectProvider<MeterRegistry> meters) {
        if (limit < 1) {
            throw new IllegalArgumentException("petition-bridge.http.max-in-flight must be at least 1, not " + limit);
        }
        this.limit = limit;
        this.permits = new Semaphore(limit);
        this.meters = meters;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/actuator") || path.startsWith("/actuator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!permits.tryAcquire()) {
            MeterRegistry registry = meters.getIfAvailable();
            if (registry != null) {
                registry.counter("petition.http.overloaded").increment();
            }
            response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
            Problems.write(response, Problems.of(503, "overloaded", "Too busy just now",
                    "The service is answering " + limit + " requests already, its most at once; this one was not"
                            + " carried out. Send it again in " + RETRY_AFTER_SECONDS + " second (with the same"
                            + " Idempotency-Key, if it registers something)."));
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            permits.release();
        }
    }

    /** Requests being answered now (for tests and the log). */
    int inFlight() {
        return limit - permits.availablePermits();
    }
}
