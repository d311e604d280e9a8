package org.petitionbridge.issuer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.nimbusds.jose.jwk.source.JWKSource;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import com.nimbusds.jose.proc.SecurityContext;
import org.petitionbridge.service.county.CountyReference;
import org.petitionbridge.issuer.DemoClients.DemoClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.NoOpPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;

/**
 * The authorization server: the demo clients (client credentials), the console and the demo people who sign in to it
 * (authorization code with PKCE), the signing key, the issuer and what an access token says. An access token is a JWT signed with RS256 carrying {@code sub} and {@code client_id} (the
 * client), {@code department} (department clients only), {@code roles}, {@code aud} (the configured audience only)
 * and {@code iss} (the configured issuer).
 */
@Configuration(proxyBeanMethods = false)
class TokenIssuerConfiguration {

    /** Token claims the services read. */
    static final String CLIENT_ID_CLAIM = "client_id";
    static final String DEPARTMENT_CLAIM = "department";
    static final String ROLES_CLAIM = "roles";

    /** Where a registered client keeps its department and roles (its ClientSettings). */
    static final String DEPARTMENT_SETTING = "petition-bridge.department";
    static final String ROLES_SETTING = "petition-bridge.roles";

    /** The console's client id and DEMO secret. */
    static final String CONSOLE_CLIENT = "console";
    static final String CONSOLE_SECRET = "console-secret";

    /** How many issued tokens are remembered for introspection and revocation. */
    static final int REMEMBERED_AUTHORIZATIONS = 10_000;

    private static final Logger log = LoggerFactory.getLogger(TokenIssuerConfiguration.class);

    /**
     * The OAuth2 endpoints: token, JWK set, metadata (OAuth2 and OpenID), introspection, revocation, and the
     * authorization endpoint for the console alone (people sign in there: authorization code with PKCE). A browser
     * that is not signed in is sent to the login page; any other caller gets 401.
     */
    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerFilterChain(HttpSecurity http) throws Exception {
        OAuth2AuthorizationServerConfigurer authorizationServer = new OAuth2AuthorizationServerConfigurer();
        http.securityMatcher(authorizationServer.getEndpointsMatcher())
                .with(authorizationServer, server -> server
                        .oidc(Customizer.withDefaults())
                        // Only the console may use the authorization endpoint; for any other client refuse with 400
                        // unauthorized_client (Spring's own validation answers 500 for a client without redirect URIs).
                        .authorizationEndpoint(endpoint -> endpoint.authorizationRequestConverters(converters -> {
                            List<AuthenticationConverter> defaults = List.copyOf(converters);
                            converters.clear();
                            converters.add(request -> {
                                if (!CONSOLE_CLIENT.equals(request.getParameter("client_id"))) {
                                    throw new OAuth2AuthorizationCodeRequestAuthenticationException(new OAuth2Error(
                                            OAuth2ErrorCodes.UNAUTHORIZED_CLIENT, "only the console signs people in; "
                                            + "machine clients use the client_credentials grant", null), null);
                                }
                                for (AuthenticationConverter converter : defaults) {
                                    Authentication authentication = converter.convert(request);
                                    if (authentication != null) {
                                        return authentication;
                                    }
                                }
                                return null;
                            });
                        })))
                .authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated())
                .exceptionHandling(e -> e
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                                new MediaTypeRequestMatcher(MediaType.TEXT_HTML))
                        .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
                                AnyRequestMatcher.INSTANCE));
        return http.build();
    }

    /**
     * Everything else: the login page of the demo people (a session while signing in; CSRF-protected), health for
     * orchestrators, nothing more.
     */
    @Bean
    @Order(2)
    SecurityFilterChain everythingElseFilterChain(HttpSecurity http) throws Exception {
        http.httpBasic(b -> b.disable())
                .formLogin(f -> f.loginPage("/login").permitAll())
                .exceptionHandling(e -> e.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/", "/login").permitAll()
                        .requestMatchers("/error").permitAll()
                        .anyRequest().denyAll());
        return http.build();
    }

    /** The demo people (DEMO passwords, {@link DemoPeople}); they sign in on the login page. */
    @Bean
    UserDetailsService demoPeople() {
        return new InMemoryUserDetailsManager(DemoPeople.all().stream()
                .map(person -> User.withUsername(person.username()).password("{noop}" + person.password())
                        .roles(person.roleNames().toArray(String[]::new)).build())
                .toList());
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(TokenIssuerProperties properties) {
        return AuthorizationServerSettings.builder().issuer(properties.issuer().toString()).build();
    }

    /**
     * Reads the {@code {noop}} demo secrets and, unlike Spring's default encoder, never "upgrades" them: the default
     * re-encodes a {@code {noop}} secret with BCrypt after every successful client authentication, which costs
     * about 100 ms of CPU per token request and protects nothing here (the demo secrets are public).
     */
    @Bean
    @SuppressWarnings("deprecation")
    PasswordEncoder clientSecretEncoder() {
        return new DelegatingPasswordEncoder("noop", Map.of("noop", NoOpPasswordEncoder.getInstance()));
    }

    /** The demo county's clients; see {@link DemoClients} (DEMO secrets). */
    @Bean
    RegisteredClientRepository registeredClientRepository(TokenIssuerProperties properties) {
        TokenSettings tokens = TokenSettings.builder()
                .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                .accessTokenTimeToLive(properties.tokenTtl())
                .build();
        List<RegisteredClient> clients = new ArrayList<>(DemoClients.of(CountyReference.demo()).stream()
                .map(client -> registeredClient(client, tokens))
                .toList());
        if (!properties.consoleRedirectUris().isEmpty()) {
            clients.add(consoleClient(properties));
        }
        log.info("Development token issuer {}: {} demo clients (client credentials, demo secrets), {} demo people "
                        + "(the console, redirect {}), tokens valid for {}", properties.issuer(), clients.size(),
                DemoPeople.all().size(), properties.consoleRedirectUris(), properties.tokenTtl());
        return new InMemoryRegisteredClientRepository(clients);
    }

    /**
     * The console: a confidential client (DEMO secret) that signs people in with the authorization code and PKCE,
     * and refreshes their tokens while they work (a working day at most).
     */
    private static RegisteredClient consoleClient(TokenIssuerProperties properties) {
        return RegisteredClient.withId(CONSOLE_CLIENT)
                .clientId(CONSOLE_CLIENT)
                .clientSecret("{noop}" + CONSOLE_SECRET)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUris(uris -> properties.consoleRedirectUris().forEach(uri -> uris.add(uri.toString())))
                // signing out of the console signs out here too (OpenID Connect RP-initiated logout), back to the
                // console's root, which sends the browser to the login page again
                .postLogoutRedirectUris(uris -> properties.consoleRedirectUris()
                        .forEach(uri -> uris.add(uri.resolve("/").toString())))
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false)
                        .build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                        .accessTokenTimeToLive(properties.tokenTtl())
                        .refreshTokenTimeToLive(Duration.ofHours(8))
                        .reuseRefreshTokens(false)
                        .build())
                .build();
    }

    private static RegisteredClient registeredClient(DemoClient client, TokenSettings tokens) {
        ClientSettings.Builder settings = ClientSettings.builder()
                .requireAuthorizationConsent(false)
                .setting(ROLES_SETTING, client.roleNames());
        if (client.department() != null) {
            settings.setting(DEPARTMENT_SETTING, client.department());
        }
        return RegisteredClient.withId(client.clientId())
                .clientId(client.clientId())
                // DEMO secret, stored as is ({noop}): the secrets are public demo values, so hashing them would
                // protect nothing and cost startup time. Spring's default DelegatingPasswordEncoder reads {noop}.
                .clientSecret("{noop}" + client.secret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .clientSettings(settings.build())
                .tokenSettings(tokens)
                .build();
    }

    @Bean
    OAuth2AuthorizationService authorizationService() {
        return new RecentAuthorizations(REMEMBERED_AUTHORIZATIONS);
    }

    /**
     * The signing keys: kept in {@code TOKEN_SIGNING_KEYS_DIR} when it is set (the local stack, compose), so that
     * tokens survive a restart and keys can be rotated; else one key in memory.
     */
    @Bean
    SigningKeys signingKeys(TokenIssuerProperties properties) {
        return properties.signingKeysDir() == null ? SigningKeys.inMemory()
                : SigningKeys.inDirectory(properties.signingKeysDir());
    }

    /** Every key is published at /oauth2/jwks ... */
    @Bean
    JWKSource<SecurityContext> jwkSource(SigningKeys keys) {
        return keys.publishing();
    }

    /** ... and the newest one signs. */
    @Bean
    JwtEncoder jwtEncoder(SigningKeys keys) {
        return new NimbusJwtEncoder(keys.signing());
    }

    /**
     * What an access token says about its client, or about the person the console signed in: {@code sub} the
     * username, {@code name}, and the department and roles of the person's post, so that every service applies the
     * rules of that department's tokens; {@code client_id} is then {@code console}. The audience replaces the default
     * (the client id). The ID token names the person too.
     */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> accessTokenClaims(TokenIssuerProperties properties) {
        List<String> audience = List.of(properties.audience());
        return context -> {
            RegisteredClient client = context.getRegisteredClient();
            Optional<DemoPeople.Person> person = CONSOLE_CLIENT.equals(client.getClientId())
                    ? DemoPeople.find(context.getPrincipal().getName()) : Optional.empty();
            if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                person.ifPresent(p -> {
                    context.getClaims().claim("name", p.name()).claim("post", p.post()).claim(ROLES_CLAIM, p.roleNames());
                    if (p.department() != null) {
                        context.getClaims().claim(DEPARTMENT_CLAIM, p.department());
                    }
                });
                return;
            }
            if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                return;
            }
            List<String> roles;
            String department;
            if (person.isPresent()) {
                roles = person.get().roleNames();
                department = person.get().department();
                context.getClaims().claim("name", person.get().name());
            } else {
                ClientSettings settings = client.getClientSettings();
                roles = settings.getSetting(ROLES_SETTING);
                department = settings.getSetting(DEPARTMENT_SETTING);
            }
            context.getClaims().audience(audience).claim(CLIENT_ID_CLAIM, client.getClientId()).claim(ROLES_CLAIM, roles);
            if (department != null) {
                context.getClaims().claim(DEPARTMENT_CLAIM, department);
            }
        };
    }
}
