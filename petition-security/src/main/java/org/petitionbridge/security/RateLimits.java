package org.petitionbridge.security;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * The rate limits of a service ({@code petition-bridge.security.rate-limits} in its configuration). Each limit
 * names the requests it counts (method and path pattern) and whose requests are counted together: one OAuth2
 * client ({@code CLIENT}) or one client address ({@code ADDRESS}). Every client or address has its own budget,
 * so a flood from one never slows another.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimits.Settings.class)
public class RateLimits {

    public enum Key {
        /** The token's client: one budget per intake channel or department. */
        CLIENT,
        /** The client address (behind a proxy, set server.forward-headers-strategy so that it is the real one). */
        ADDRESS
    }

    /**
     * One limit: at most {@code limit} requests per {@code period} for each key.
     *
     * @param name   a name for the metric {@code petition.ratelimit.rejected} and the problem details
     * @param method the HTTP method counted (e.g. POST)
     * @param path   the path pattern counted, e.g. {@code /api/v1/petitions} or {@code /api/v1/progress/**}
     */
    public record Limit(String name, String method, String path, Key per, int limit, Duration period) {
        public Limit {
            if (limit < 1 || period == null || period.isZero() || period.isNegative()) {
                throw new IllegalArgumentException("Rate limit " + name + " needs a positive limit and period");
            }
        }
    }

    @ConfigurationProperties("petition-bridge.security")
    public record Settings(List<Limit> rateLimits) {
        public Settings {
            rateLimits = rateLimits == null ? List.of() : List.copyOf(rateLimits);
        }
    }
}
