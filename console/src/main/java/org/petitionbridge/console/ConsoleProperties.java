package org.petitionbridge.console;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the console finds the token issuer and the services ({@code petition-bridge.console} in console.yml).
 *
 * @param issuer         the issuer as the browser reaches it, and the {@code iss} of its tokens (TOKEN_ISSUER_URI)
 * @param issuerInternal the issuer as the console reaches it (its token endpoint and keys); the same by default
 * @param clientId       the console's client id at the issuer
 * @param clientSecret   its secret (DEMO in the local stack and compose)
 * @param intakeUrl      intake-service's base URL, and so on for each service
 */
@ConfigurationProperties("petition-bridge.console")
public record ConsoleProperties(URI issuer, URI issuerInternal, String clientId, String clientSecret, URI intakeUrl,
        URI routingUrl, URI ledgerUrl, URI notifyUrl, URI riskUrl) {

    public ConsoleProperties {
        if (issuer == null || clientId == null || clientId.isBlank() || clientSecret == null) {
            throw new IllegalArgumentException("petition-bridge.console needs the issuer (TOKEN_ISSUER_URI), the "
                    + "client id and its secret (CONSOLE_CLIENT_SECRET)");
        }
        if (issuerInternal == null) {
            issuerInternal = issuer;
        }
    }
}
