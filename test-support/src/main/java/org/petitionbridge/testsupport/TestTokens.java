package org.petitionbridge.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.petitionbridge.service.county.CountyReference;
import org.petitionbridge.security.Caller;
import org.petitionbridge.security.Role;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Tokens for tests, shaped like the platform token issuer's: RS256, the test issuer, audience
 * {@value #AUDIENCE}, the {@code department} and {@code roles} claims. One key pair per test JVM; its public half
 * is served as a JWK set on a local port, so the services check every token with their real resource server
 * configuration (JWK set URI, issuer, audience, expiry), exactly as in production.
 */
public final class TestTokens {

    public static final String ISSUER = "http://issuer.petition-bridge.test";
    public static final String AUDIENCE = "petition-bridge";

    private static TestTokens instance;

    private final RSAKey key;
    private final RSAKey otherKey;
    private final String jwkSetUri;
    private final CountyReference county = CountyReference.demo();

    private TestTokens() {
        try {
            key = new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate();
            otherKey = new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate(); // same kid, other key
            byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/oauth2/jwks", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(jwks);
                }
            });
            server.setExecutor(Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "test-jwks");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            jwkSetUri = "http://127.0.0.1:" + server.getAddress().getPort() + "/oauth2/jwks";
        } catch (JOSEException | IOException e) {
            throw new IllegalStateException("Cannot set up the test token issuer", e);
        }
    }

    public static synchronized TestTokens get() {
        if (instance == null) {
            instance = new TestTokens();
        }
        return instance;
    }

    /** Points a service's resource server at the test key set, issuer and audience. */
    public static void register(DynamicPropertyRegistry registry) {
        TestTokens tokens = get();
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> tokens.jwkSetUri);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> ISSUER);
        registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> AUDIENCE);
    }

    public String jwkSetUri() {
        return jwkSetUri;
    }

    /** A token of a department (client id = its code in lower case), with the role its kind gives it. */
    public String department(String code) {
        return forDepartment(code).sign();
    }

    /** {@code Bearer <token>} of a department, for an Authorization header. */
    public String bearer(String department) {
        return "Bearer " + department(department);
    }

    /** A token builder for a department, to alter before signing. */
    public Builder forDepartment(String code) {
        String kind = county.department(code).map(CountyReference.Department::kind)
                .orElseThrow(() -> new IllegalArgumentException("No department " + code + " in the demo county"));
        return builder(code.toLowerCase(Locale.ROOT)).department(code).roles(Role.forDepartmentKind(kind));
    }

    /** A token of a client without a department (analyst, hotline, operator). */
    public String client(String clientId, Role... roles) {
        return builder(clientId).roles(roles).sign();
    }

    public String analyst() {
        return client("analyst", Role.ANALYST);
    }

    public String hotline() {
        return client("hotline", Role.INTAKE_CHANNEL);
    }

    public String operator() {
        return client("operator", Role.OPERATOR);
    }

    public Builder builder(String clientId) {
        return new Builder(clientId);
    }

    /**
     * Tokens that must all be refused with 401, by name: expired, wrong issuer, wrong audience, {@code alg: none},
     * signed with another key, payload altered after signing, and signed tokens whose roles and department
     * disagree. Most would grant the bureau's role if accepted.
     */
    public Map<String, String> attacks() {
        Map<String, String> attacks = new LinkedHashMap<>();
        Instant now = Instant.now();
        attacks.put("expired", forDepartment("XFJ").issuedAt(now.minus(Duration.ofHours(2)))
                .expiresAt(now.minus(Duration.ofHours(1))).sign());
        attacks.put("wrong issuer", forDepartment("XFJ").issuer("http://evil.example").sign());
        attacks.put("wrong audience", forDepartment("XFJ").audience("another-platform").sign());
        attacks.put("alg none", forDepartment("XFJ").unsigned());
        attacks.put("signed with another key", forDepartment("XFJ").signedWithOtherKey());
        attacks.put("tampered payload", tamper(forDepartment("RSJ").sign()));
        attacks.put("not a JWT", "not-a-token");
        // Signed by the issuer but inconsistent: refused, so that an identity provider's mapping mistake never
        // becomes a privilege.
        attacks.put("supervisor claiming the bureau's role", forDepartment("ZFB").roles(Role.BUREAU).sign());
        attacks.put("bureau role without a department", builder("xfj").roles(Role.BUREAU).sign());
        attacks.put("a department the county does not have", builder("abc").department("ABC")
                .roles(Role.DEPARTMENT).sign());
        attacks.put("analyst naming a department", builder("analyst").department("XFJ").roles(Role.ANALYST).sign());
        attacks.put("the leader's role beside another", builder("county-leader").roles(Role.LEADER, Role.ANALYST).sign());
        attacks.put("the leader naming a department", builder("county-leader").department("XFJ").roles(Role.LEADER)
                .sign());
        attacks.put("no roles", forDepartment("RSJ").roles().sign());
        // every audit entry, idempotency key and rate limit names the token's subject
        attacks.put("no subject", builder(null).department("RSJ").roles(Role.DEPARTMENT).sign());
        return attacks;
    }

    /** The token with its payload replaced by one naming the bureau, keeping the original signature. */
    public static String tamper(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replaceAll("\"roles\":\\[[^]]*]", "\"roles\":[\"BUREAU\"]")
                .replaceAll("\"department\":\"[A-Z0-9]+\"", "\"department\":\"XFJ\"");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    public final class Builder {
        private final String subject;
        private String department;
        private final List<String> roles = new ArrayList<>();
        private String issuer = ISSUER;
        private String audience = AUDIENCE;
        private Instant issuedAt = Instant.now();
        private Instant expiresAt = Instant.now().plus(Duration.ofHours(1));

        private Builder(String subject) {
            this.subject = subject;
        }

        public Builder department(String code) {
            this.department = code;
            return this;
        }

        public Builder roles(Role... granted) {
            roles.clear();
            for (Role role : granted) {
                roles.add(role.name());
            }
            return this;
        }

        public Builder issuer(String value) {
            this.issuer = value;
            return this;
        }

        public Builder audience(String value) {
            this.audience = value;
            return this;
        }

        public Builder issuedAt(Instant value) {
            this.issuedAt = value;
            return this;
        }

        public Builder expiresAt(Instant value) {
            this.expiresAt = value;
            return this;
        }

        private JWTClaimsSet claims() {
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject).issuer(issuer).audience(audience)
                    .issueTime(Date.from(issuedAt)).notBeforeTime(Date.from(issuedAt))
                    .expirationTime(Date.from(expiresAt)).jwtID(UUID.randomUUID().toString())
                    .claim(Caller.ROLES_CLAIM, List.copyOf(roles)).claim("client_id", subject);
            if (department != null) {
                claims.claim(Caller.DEPARTMENT_CLAIM, department);
            }
            return claims.build();
        }

        public String sign() {
            return signWith(key);
        }

        public String signedWithOtherKey() {
            return signWith(otherKey);
        }

        /** An unsecured JWT ({@code alg: none}). */
        public String unsigned() {
            return new PlainJWT(claims()).serialize();
        }

        private String signWith(RSAKey signingKey) {
            try {
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID())
                        .type(JOSEObjectType.JWT).build(), claims());
                jwt.sign(new RSASSASigner(signingKey));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
