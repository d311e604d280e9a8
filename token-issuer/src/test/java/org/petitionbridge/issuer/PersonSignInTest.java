package org.petitionbridge.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import tools.jackson.databind.JsonNode;

/**
 * A person signs in to the console as a browser does, over real HTTP: the console sends the browser to
 * /oauth2/authorize with a PKCE challenge, the issuer sends it to its login page, the person signs in with a demo
 * account, the issuer sends the browser back to the console with a code, and the console exchanges the code and its
 * verifier for the person's tokens. The access token names the person and carries the department and roles of the
 * person's post. Without PKCE, with a wrong verifier, to another redirect URI, or with a wrong password, nothing.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        TokenIssuerApplication.CONFIG_NAME,
        "TOKEN_ISSUER_URI=" + PersonSignInTest.ISSUER,
        "TOKEN_CONSOLE_REDIRECT_URIS=" + PersonSignInTest.REDIRECT})
class PersonSignInTest {

    static final String ISSUER = "http://issuer.petition-bridge.test:9000";
    static final String REDIRECT = "http://console.petition-bridge.test:8080/login/oauth2/code/petition-bridge";
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    String base;
    HttpClient browser;
    NimbusJwtDecoder decoder;

    @BeforeEach
    void setUp() {
        base = "http://localhost:" + port;
        browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        decoder = NimbusJwtDecoder.withJwkSetUri(base + "/oauth2/jwks").build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(ISSUER));
    }

    @Test
    void anOfficerSignsInWithPkceAndGetsATokenNamingThePersonAndTheDepartment() throws Exception {
        String verifier = "verifier-" + "a".repeat(50);
        String code = signIn("rsj-officer", "rsj-officer-demo", challenge(verifier), REDIRECT);

        HttpResponse<String> token = token(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT, "code_verifier", verifier));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        JsonNode body = json(token.body());
        Jwt access = decoder.decode(body.get("access_token").asString());
        assertThat(access.getSubject()).isEqualTo("rsj-officer");
        assertThat(access.getClaimAsString("client_id")).isEqualTo("console");
        assertThat(access.getClaimAsString("department")).isEqualTo("RSJ");
        assertThat(access.getClaimAsStringList("roles")).containsExactly("DEPARTMENT");
        assertThat(access.getClaimAsString("name")).isEqualTo("王芳");
        assertThat(access.getAudience()).containsExactly("petition-bridge");
        Jwt id = decoder.decode(body.get("id_token").asString());
        assertThat(id.getSubject()).isEqualTo("rsj-officer");
        assertThat(id.getClaimAsString("name")).isEqualTo("王芳");

        // The refresh token gives a new access token for the same person.
        HttpResponse<String> refreshed = token(Map.of("grant_type", "refresh_token",
                "refresh_token", body.get("refresh_token").asString()));
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        assertThat(decoder.decode(json(refreshed.body()).get("access_token").asString()).getSubject())
                .isEqualTo("rsj-officer");

        // A code is good once.
        assertThat(token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT,
                "code_verifier", verifier)).statusCode()).isEqualTo(400);
    }

    @Test
    void theCountyLeaderHasNoDepartmentAndTheLeaderRole() throws Exception {
        String verifier = "leader-verifier-" + "b".repeat(40);
        String code = signIn("county-leader", "county-leader-demo", challenge(verifier), REDIRECT);
        HttpResponse<String> token = token(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT, "code_verifier", verifier));
        Jwt access = decoder.decode(json(token.body()).get("access_token").asString());
        assertThat(access.getClaimAsString("department")).isNull();
        assertThat(access.getClaimAsStringList("roles")).containsExactly("LEADER");
    }

    @Test
    void withoutPkceWithAWrongVerifierElsewhereOrWithAWrongPasswordThereIsNoToken() throws Exception {
        // no code_challenge: the issuer refuses at once (the console client requires PKCE)
        HttpResponse<String> noPkce = get("/oauth2/authorize?" + form(Map.of("response_type", "code",
                "client_id", "console", "redirect_uri", REDIRECT, "scope", "openid profile", "state", "s1")));
        assertThat(noPkce.statusCode()).isIn(302, 400);
        if (noPkce.statusCode() == 302) {
            assertThat(noPkce.headers().firstValue("Location").orElseThrow()).contains("error=invalid_request")
                    .doesNotContain("code=");
        }
        // another redirect URI: refused, and the browser is not sent there
        HttpResponse<String> elsewhere = get("/oauth2/authorize?" + form(Map.of("response_type", "code",
                "client_id", "console", "redirect_uri", "http://attacker.example/cb", "scope", "openid",
                "code_challenge", challenge("x".repeat(50)), "code_challenge_method", "S256")));
        assertThat(elsewhere.statusCode()).isEqualTo(400);
        assertThat(elsewhere.headers().firstValue("Location")).isEmpty();

        // a wrong verifier
        String code = signIn("xfj-clerk", "xfj-clerk-demo", challenge("right-" + "c".repeat(50)), REDIRECT);
        HttpResponse<String> wrong = token(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT, "code_verifier", "wrong-" + "c".repeat(50)));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).doesNotContain("access_token");

        // a wrong password: back to the login page with an error, no code
        setUp();
        HttpResponse<String> authorize = authorize(challenge("d".repeat(50)), REDIRECT);
        assertThat(authorize.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        HttpResponse<String> page = get("/login");
        HttpResponse<String> refused = post("/login", Map.of("username", "xfj-clerk", "password", "guess",
                "_csrf", csrf(page.body())));
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
        assertThat(get("/login?error").body()).contains("用户名或密码不正确");
    }

    @Test
    void theLoginPageIsChineseListsTheDemoPeopleAndRefusesAPostWithoutItsCsrfToken() throws Exception {
        HttpResponse<String> page = get("/login");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("登录", "xfj-clerk", "rsj-officer", "county-leader", "DEMO");
        HttpResponse<String> forged = post("/login", Map.of("username", "xfj-clerk", "password", "xfj-clerk-demo"));
        assertThat(forged.statusCode()).isIn(302, 403);
        assertThat(forged.headers().firstValue("Location").orElse("")).doesNotContain("/oauth2/authorize");
    }

    /** The browser's walk: authorize, the login page, the form, back to authorize, the redirect with the code. */
    private String signIn(String username, String password, String challenge, String redirect) throws Exception {
        HttpResponse<String> authorize = authorize(challenge, redirect);
        assertThat(authorize.statusCode()).isEqualTo(302);
        assertThat(authorize.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        HttpResponse<String> page = get("/login");
        assertThat(page.statusCode()).isEqualTo(200);
        HttpResponse<String> login = post("/login", Map.of("username", username, "password", password,
                "_csrf", csrf(page.body())));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(302);
        String back = login.headers().firstValue("Location").orElseThrow();
        assertThat(back).contains("/oauth2/authorize");
        HttpResponse<String> again = browser.send(HttpRequest.newBuilder(URI.create(back.startsWith("http") ? back
                : base + back)).header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(302);
        String callback = again.headers().firstValue("Location").orElseThrow();
        assertThat(callback).startsWith(redirect + "?").contains("state=st-1");
        Matcher m = Pattern.compile("[?&]code=([^&]+)").matcher(callback);
        assertThat(m.find()).as(callback).isTrue();
        return java.net.URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    }

    private HttpResponse<String> authorize(String challenge, String redirect) throws Exception {
        return get("/oauth2/authorize?" + form(Map.of("response_type", "code", "client_id", "console",
                "redirect_uri", redirect, "scope", "openid profile", "state", "st-1",
                "code_challenge", challenge, "code_challenge_method", "S256")));
    }

    private HttpResponse<String> token(Map<String, String> fields) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "console:console-secret".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, Map<String, String> fields) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(String page) {
        Matcher m = CSRF.matcher(page);
        assertThat(m.find()).as("the login page's CSRF token").isTrue();
        return m.group(1);
    }

    static String challenge(String verifier) throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    }

    private static String form(Map<String, String> fields) {
        return new LinkedHashMap<>(fields).entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static JsonNode json(String body) {
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(body);
    }
}
