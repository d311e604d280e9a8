package org.petitionbridge.issuer;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the development token issuer ({@code petition-bridge.token-issuer} in token-issuer.yml).
 *
 * @param issuer   the issuer URL: the {@code iss} of every token and of the metadata, exactly as the services'
 *                 {@code issuer-uri} names it (absolute http(s) URL, no query, fragment or trailing slash)
 * @param tokenTtl how long an access token is valid
 * @param audience the single {@code aud} of every access token
 * @param signingKeysDir where the signing keys are kept ({@link SigningKeys}), or null for one key in memory
 * @param consoleRedirectUris where the issuer may send a person back after signing in: the console's
 *                 {@code /login/oauth2/code/petition-bridge} (exactly; PKCE is required)
 */
@ConfigurationProperties("petition-bridge.token-issuer")
public record TokenIssuerProperties(URI issuer, Duration tokenTtl, String audience, Path signingKeysDir,
        List<URI> consoleRedirectUris) {

    public TokenIssuerProperties {
        if (issuer == null || !issuer.isAbsolute() || issuer.getHost() == null
                || !("http".equals(issuer.getScheme()) || "https".equals(issuer.getScheme()))
                || issuer.getRawQuery() != null || issuer.getRawFragment() != null
                || issuer.getRawPath().endsWith("/")) {
            throw new IllegalArgumentException("petition-bridge.token-issuer.issuer (TOKEN_ISSUER_URI) must be an "
                    + "absolute http or https URL without query, fragment or trailing slash, e.g. "
                    + "http://localhost:9000; it is: " + issuer);
        }
        if (tokenTtl == null || tokenTtl.getSeconds() < 1) {
            throw new IllegalArgumentException("petition-bridge.token-issuer.token-ttl (TOKEN_TTL) must be at least "
                    + "one second, e.g. 1h or 15m; it is: " + tokenTtl);
        }
        if (signingKeysDir != null && signingKeysDir.toString().isBlank()) {
            signingKeysDir = null;
        }
        consoleRedirectUris = consoleRedirectUris == null ? List.of() : List.copyOf(consoleRedirectUris);
        for (URI uri : consoleRedirectUris) {
            if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawFragment() != null) {
                throw new IllegalArgumentException("petition-bridge.token-issuer.console-redirect-uris "
                        + "(TOKEN_CONSOLE_REDIRECT_URIS) must be absolute URLs without a fragment, e.g. "
                        + "http://localhost:8080/login/oauth2/code/petition-bridge; one is: " + uri);
            }
        }
        if (audience == null || audience.isBlank()) {
            throw new IllegalArgumentException("petition-bridge.token-issuer.audience (TOKEN_AUDIENCE) must not be "
                    + "blank, e.g. petition-bridge");
        }
    }
}
