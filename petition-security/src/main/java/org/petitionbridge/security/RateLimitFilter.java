package org.petitionbridge.security;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.petitionbridge.service.problems.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies {@link RateLimits}: a request over its budget answers 429 with {@code Retry-After} (seconds) and a
 * problem details body, and is counted in {@code petition.ratelimit.rejected}. Each key has its own
 * resilience4j limiter that never waits, so a flooding client is answered at once and holds nothing another
 * client needs. Idle limiters are forgotten, so many addresses cannot fill the memory.
 * <p>
 * It is not a bean (so that the servlet container does not run it a second time): it runs in the security
 * filter chain, after the token was checked and before authorization, so that it
 * counts by the verified client; a request without a valid token is refused by authorization and not counted
 * against a client.
 */
class RateLimitFilter extends OncePerRequestFilter {

    private final List<Bound> limits = new ArrayList<>();
    private final ObjectProvider<MeterRegistry> meters;

    RateLimitFilter(RateLimits.Settings settings, ObjectProvider<MeterRegistry> meters) {
        this.meters = meters;
        for (RateLimits.Limit limit : settings.rateLimits()) {
            limits.add(new Bound(limit));
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        for (Bound bound : limits) {
            if (!bound.matcher.matches(request)) {
                continue;
            }
            String key = bound.key(request);
            if (key == null) {
                continue; // no verified client: authorization answers 401
            }
            RateLimiter limiter = bound.limiters.get(key, k -> RateLimiter.of(bound.limit.name(), bound.config));
            if (!limiter.acquirePermission()) {
                reject(response, bound.limit, limiter);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private void reject(HttpServletResponse response, RateLimits.Limit limit, RateLimiter limiter) throws IOException {
        long nanos = limiter instanceof AtomicRateLimiter atomic ? atomic.getDetailedMetrics().getNanosToWait() : 0;
        long wait = nanos > 0 ? nanos : limit.period().toNanos();
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait + 999_999_999L));
        MeterRegistry registry = meters.getIfAvailable();
        if (registry != null) {
            registry.counter("petition.ratelimit.rejected", "limit", limit.name()).increment();
        }
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        ProblemDetail problem = Problems.of(429, "rate-limited", "Too many requests",
                "More than " + limit.limit() + " requests in " + describe(limit.period()) + " from "
                        + (limit.per() == RateLimits.Key.CLIENT ? "this client" : "this address") + "; try again in "
                        + seconds + " seconds");
        problem.setProperty("limit", limit.name());
        Problems.write(response, problem);
    }

    private static String describe(Duration period) {
        return period.toMillis() % 1000 == 0 ? period.toSeconds() + " s" : period.toMillis() + " ms";
    }

    private static final class Bound {
        final RateLimits.Limit limit;
        final RequestMatcher matcher;
        final RateLimiterConfig config;
        final Cache<String, RateLimiter> limiters;

        Bound(RateLimits.Limit limit) {
            this.limit = limit;
            this.matcher = PathPatternRequestMatcher.withDefaults()
                    .matcher(limit.method() == null ? null : HttpMethod.valueOf(limit.method()), limit.path());
            this.config = RateLimiterConfig.custom().limitForPeriod(limit.limit()).limitRefreshPeriod(limit.period())
                    .timeoutDuration(Duration.ZERO).build();
            Duration idle = limit.period().multipliedBy(2).compareTo(Duration.ofMinutes(10)) > 0
                    ? limit.period().multipliedBy(2) : Duration.ofMinutes(10);
            this.limiters = Caffeine.newBuilder().expireAfterAccess(idle).maximumSize(200_000).build();
        }

        String key(HttpServletRequest request) {
            if (limit.per() == RateLimits.Key.ADDRESS) {
                return request.getRemoteAddr();
            }
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            return authentication != null && authentication.getPrincipal() instanceof Jwt jwt ? jwt.getSubject() : null;
        }
    }
}
