package org.petitionbridge.console;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may open the console: everyone signed in at the token issuer (OAuth2 login, authorization code with PKCE);
 * what each person may see and do is then the APIs' decision. The registration is built here rather than from
 * {@code spring.security.oauth2.client} properties so that the issuer the browser reaches (and that tokens name) may
 * differ from the one the console calls (in compose: localhost for the browser, the issuer's container for the
 * console), without discovery at startup.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurity {

    static final String REGISTRATION = "petition-bridge";

    @Bean
    ClientRegistrationRepository clientRegistrations(ConsoleProperties p) {
        String browser = p.issuer().toString();
        String internal = p.issuerInternal().toString();
        return new InMemoryClientRegistrationRepository(ClientRegistration.withRegistrationId(REGISTRATION)
                .clientId(p.clientId())
                .clientSecret(p.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope("openid", "profile")
                .authorizationUri(browser + "/oauth2/authorize")
                .tokenUri(internal + "/oauth2/token")
                .jwkSetUri(internal + "/oauth2/jwks")
                .issuerUri(browser)
                .userNameAttributeName("sub")
                // signing out ends the person's session at the issuer too (OpenID Connect RP-initiated logout)
                .providerConfigurationMetadata(Map.of("end_session_endpoint", browser + "/connect/logout"))
                .clientName("县信访信息共享平台")
                // PKCE for this confidential client too (the issuer requires it)
                .clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
                .build());
    }

    @Bean
    OAuth2AuthorizedClientService authorizedClients(ClientRegistrationRepository registrations) {
        return new InMemoryOAuth2AuthorizedClientService(registrations);
    }

    /** Gives each API call the signed-in person's access token, refreshed when it has expired. */
    @Bean
    OAuth2AuthorizedClientManager authorizedClientManager(ClientRegistrationRepository registrations,
            OAuth2AuthorizedClientService clients) {
        AuthorizedClientServiceOAuth2AuthorizedClientManager manager =
                new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, clients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode().refreshToken().build());
        return manager;
    }

    /**
     * Signing out ends the console's session, forgets the person's tokens, and ends the person's session at the
     * issuer, so that the next person at the same computer must sign in: the reception hall's computers are shared.
     */
    @Bean
    SecurityFilterChain consoleFilterChain(HttpSecurity http, ClientRegistrationRepository registrations,
            OAuth2AuthorizedClientService clients) throws Exception {
        OidcClientInitiatedLogoutSuccessHandler signOutAtTheIssuer =
                new OidcClientInitiatedLogoutSuccessHandler(registrations);
        signOutAtTheIssuer.setPostLogoutRedirectUri("{baseUrl}/");
        http.authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(HttpMethod.GET, "/webjars/**", "/css/**", "/js/**", "/favicon.ico",
                                "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/error").permitAll()
                        .anyRequest().authenticated())
                // Straight to the issuer's login page: the console has no login page of its own.
                .oauth2Login(login -> login.loginPage("/oauth2/authorization/" + REGISTRATION))
                .logout(logout -> logout
                        .addLogoutHandler((request, response, authentication) -> {
                            if (authentication != null) {
                                clients.removeAuthorizedClient(REGISTRATION, authentication.getName());
                            }
                        })
                        .logoutSuccessHandler(signOutAtTheIssuer));
        return http.build();
    }
}
