package org.petitionbridge.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.petitionbridge.service.county.CountyReference;
import org.petitionbridge.security.Role;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import tools.jackson.databind.JsonNode;

/**
 * The issuer over real HTTP, configured the way docker-compose configures it (TOKEN_ISSUER_URI, TOKEN_TTL).
 * Tokens are verified the way a service does: keys from /oauth2/jwks, issuer, audience, expiry.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        TokenIssuerApplication.CONFIG_NAME,
        "TOKEN_ISSUER_URI=" + TokenIssuerTest.ISSUER,
        "TOKEN_TTL=10m"})
class TokenIssuerTest {

    /** A fixed issuer different from the port the test runs on: iss must be the configured value, not the host. */
    static final String ISSUER = "http://issuer.petition-bridge.test:9000";
    static final Duration TTL = Duration.ofMinutes(10);

    @LocalServerPort
    int port;

    IssuerHttp http;
    NimbusJwtDecoder decoder;

    @BeforeEach
    void setUp() {
        http = new IssuerHttp("http://localhost:" + port);
        decoder = NimbusJwtDecoder.withJwkSetUri(http.base() + "/oauth2/jwks").build();
        OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>("aud",
                aud -> aud != null && aud.contains("petition-bridge"));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(ISSUER),
                audience));
    }

    @Test
    void departmentTokenViaClientSecretBasic() {
        Instant before = Instant.now();
        IssuerHttp.Response response = http.tokenBasic("rsj", "rsj-secret", "grant_type", "client_credentials");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("token_type").asString()).isEqualTo("Bearer");
        assertThat(response.json().get("expires_in").asLong()).isBetween(TTL.toSeconds() - 2, TTL.toSeconds());
        String token = response.json().get("access_token").asString();

        JsonNode header = IssuerHttp.jwtPart(token, 0);
        assertThat(header.get("alg").asString()).isEqualTo("RS256");
        assertThat(header.get("kid").asString()).isEqualTo(onlyKey().get("kid").asString());

        Jwt jwt = decoder.decode(token); // signature (JWK set), iss, aud, exp
        assertThat(jwt.getSubject()).isEqualTo("rsj");
        assertThat(jwt.getClaimAsString("client_id")).isEqualTo("rsj");
        assertThat(jwt.getClaimAsString("department")).isEqualTo("RSJ");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("DEPARTMENT");
        assertThat(jwt.getAudience()).containsExactly("petition-bridge");
        assertThat(jwt.getClaimAsString("iss")).isEqualTo(ISSUER);
        assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(TTL);
        assertThat(jwt.getExpiresAt()).isBetween(before.plus(TTL).minusSeconds(2), Instant.now().plus(TTL).plusSeconds(2));
        assertThat(jwt.getClaims()).doesNotContainKey("scope");
        // roles is a JSON array, not a space-separated string
        assertThat(IssuerHttp.jwtPart(token, 1).get("roles").isArray()).isTrue();
    }

    @Test
    void clientSecretPostIsAcceptedToo() {
        IssuerHttp.Response response = http.tokenPost("xfj", "xfj-secret", "grant_type", "client_credentials");

        assertThat(response.status()).isEqualTo(200);
        Jwt jwt = decoder.decode(response.json().get("access_token").asString());
        assertThat(jwt.getClaimAsString("department")).isEqualTo("XFJ");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("BUREAU");
    }

    @ParameterizedTest(name = "{0} -> department {1}, roles [{2}]")
    @CsvSource(nullValues = "-", value = {
            "xfj,     XFJ,  BUREAU",
            "zfb,     ZFB,  SUPERVISOR",
            "t002,    T002, DEPARTMENT",
            "jwjw,    JWJW, DEPARTMENT",
            "hotline, -,    INTAKE_CHANNEL",
            "analyst, -,    ANALYST",
            "operator, -,   OPERATOR"})
    void eachKindOfClientGetsItsDepartmentAndRole(String clientId, String department, String role) {
        Jwt jwt = decoder.decode(http.accessToken(clientId));

        assertThat(jwt.getSubject()).isEqualTo(clientId);
        assertThat(jwt.getClaimAsString("client_id")).isEqualTo(clientId);
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly(role);
        if (department == null) {
            assertThat(jwt.getClaims()).doesNotContainKey("department");
        } else {
            assertThat(jwt.getClaimAsString("department")).isEqualTo(department);
        }
        assertThat(jwt.getAudience()).containsExactly("petition-bridge");
    }

    @Test
    void everyDepartmentOfTheDemoCountyHasAClient() {
        List<String> wrong = new ArrayList<>();
        var departments = CountyReference.demo().departments().values();
        for (CountyReference.Department department : departments) {
            String clientId = department.code().toLowerCase(Locale.ROOT);
            Jwt jwt = decoder.decode(http.accessToken(clientId));
            String expectedRole = Role.forDepartmentKind(department.kind()).name();
            if (!department.code().equals(jwt.getClaimAsString("department"))
                    || !List.of(expectedRole).equals(jwt.getClaimAsStringList("roles"))) {
                wrong.add(clientId + ": department " + jwt.getClaimAsString("department") + ", roles "
                        + jwt.getClaimAsStringList("roles") + " (expected " + department.code() + ", [" + expectedRole + "])");
            }
        }
        assertThat(departments).hasSizeGreaterThan(20);
        assertThat(wrong).isEmpty();
    }

    @Test
    void wrongSecretUnknownClientAndNoCredentialsAre401() {
        IssuerHttp.Response wrongSecret = http.tokenBasic("rsj", "xfj-secret", "grant_type", "client_credentials");
        IssuerHttp.Response wrongSecretPost = http.tokenPost("rsj", "wrong", "grant_type", "client_credentials");
        IssuerHttp.Response unknown = http.tokenBasic("nobody", "nobody-secret", "grant_type", "client_credentials");
        IssuerHttp.Response none = http.post("/oauth2/token", null, java.util.Map.of("grant_type", "client_credentials"));

        for (IssuerHttp.Response response : List.of(wrongSecret, wrongSecretPost, unknown, none)) {
            assertThat(response.status()).as(response.body()).isEqualTo(401);
            assertThat(response.body()).doesNotContain("access_token");
        }
        assertThat(wrongSecret.json().get("error").asString()).isEqualTo("invalid_client");
        assertThat(unknown.json().get("error").asString()).isEqualTo("invalid_client");
    }

    @Test
    void onlyTheClientCredentialsGrantIsAllowed() {
        IssuerHttp.Response password = http.tokenBasic("rsj", "rsj-secret",
                "grant_type", "password", "username", "rsj", "password", "rsj-secret");
        IssuerHttp.Response tokenExchange = http.tokenBasic("rsj", "rsj-secret",
                "grant_type", "urn:ietf:params:oauth:grant-type:token-exchange",
                "subject_token", http.accessToken("rsj"),
                "subject_token_type", "urn:ietf:params:oauth:token-type:access_token");
        IssuerHttp.Response refresh = http.tokenBasic("rsj", "rsj-secret",
                "grant_type", "refresh_token", "refresh_token", "anything");
        IssuerHttp.Response code = http.tokenBasic("rsj", "rsj-secret",
                "grant_type", "authorization_code", "code", "anything", "redirect_uri", "http://localhost/cb");

        assertThat(password.status()).isEqualTo(400);
        assertThat(password.json().get("error").asString()).isEqualTo("unsupported_grant_type");
        for (IssuerHttp.Response response : List.of(tokenExchange, refresh, code)) {
            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(response.json().get("error").asString()).as(response.body())
                    .isIn("unauthorized_client", "unsupported_grant_type", "invalid_grant");
            assertThat(response.body()).doesNotContain("access_token");
        }
        assertThat(tokenExchange.json().get("error").asString()).isEqualTo("unauthorized_client");
    }

    @Test
    void theAuthorizationEndpointRefusesEveryClientButTheConsole() {
        for (String query : List.of("response_type=code&client_id=rsj",
                "response_type=code&client_id=rsj&redirect_uri=http%3A%2F%2Fattacker.example%2Fcb",
                "response_type=code&client_id=nobody", "")) {
            IssuerHttp.Response response = http.get("/oauth2/authorize?" + query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.body()).doesNotContain("attacker.example");
        }
    }

    @Test
    void metadataNamesTheConfiguredIssuer() {
        IssuerHttp.Response oauth = http.get("/.well-known/oauth-authorization-server");
        IssuerHttp.Response openid = http.get("/.well-known/openid-configuration");

        assertThat(oauth.status()).isEqualTo(200);
        assertThat(oauth.json().get("issuer").asString()).isEqualTo(ISSUER);
        assertThat(oauth.json().get("token_endpoint").asString()).isEqualTo(ISSUER + "/oauth2/token");
        assertThat(oauth.json().get("jwks_uri").asString()).isEqualTo(ISSUER + "/oauth2/jwks");
        assertThat(oauth.json().get("grant_types_supported").valueStream().map(JsonNode::asString).toList())
                .contains("client_credentials");
        assertThat(oauth.json().get("token_endpoint_auth_methods_supported").valueStream().map(JsonNode::asString)
                .toList()).contains("client_secret_basic", "client_secret_post");
        assertThat(openid.status()).isEqualTo(200);
        assertThat(openid.json().get("issuer").asString()).isEqualTo(ISSUER);
        assertThat(openid.json().get("jwks_uri").asString()).isEqualTo(ISSUER + "/oauth2/jwks");
    }

    @Test
    void jwkSetPublishesOnePublicRsaKey() {
        JsonNode key = onlyKey();

        assertThat(key.get("kty").asString()).isEqualTo("RSA");
        assertThat(key.get("kid").asString()).isNotBlank();
        assertThat(key.has("n")).isTrue();
        // 2048 bits: the modulus is 256 bytes
        assertThat(java.util.Base64.getUrlDecoder().decode(key.get("n").asString())).hasSize(256);
        for (String privatePart : List.of("d", "p", "q", "dp", "dq", "qi")) {
            assertThat(key.has(privatePart)).as("private key part " + privatePart).isFalse();
        }
    }

    @Test
    void anIssuedTokenIsActiveForIntrospection() {
        String token = http.accessToken("zfb");

        IssuerHttp.Response introspection = http.post("/oauth2/introspect",
                "Basic " + java.util.Base64.getEncoder().encodeToString("operator:operator-secret".getBytes()),
                java.util.Map.of("token", token));

        assertThat(introspection.status()).isEqualTo(200);
        assertThat(introspection.json().get("active").asBoolean()).isTrue();
        assertThat(introspection.json().get("client_id").asString()).isEqualTo("zfb");
    }

    @Test
    void onlyHealthIsOpenBesideTheOAuth2Endpoints() {
        IssuerHttp.Response readiness = http.get("/actuator/health/readiness");

        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
        for (String path : List.of("/actuator/env", "/actuator/beans", "/actuator/prometheus", "/v3/api-docs",
                "/swagger-ui.html", "/anything")) {
            assertThat(http.get(path).status()).as(path).isIn(401, 403);
        }
        // a token of the issuer opens nothing here either: it is no resource server
        IssuerHttp.Response withToken = http.get("/actuator/env", "Bearer " + http.accessToken("operator"));
        assertThat(withToken.status()).isIn(401, 403);
        assertThat(withToken.body()).doesNotContain("TOKEN_");
    }

    private JsonNode onlyKey() {
        IssuerHttp.Response jwks = http.get("/oauth2/jwks");
        assertThat(jwks.status()).isEqualTo(200);
        assertThat(jwks.json().get("keys").size()).isEqualTo(1);
        return jwks.json().get("keys").get(0);
    }
}
