package org.petitionbridge.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

class RecentAuthorizationsTest {

    private final RegisteredClient client = RegisteredClient.withId("rsj").clientId("rsj").clientSecret("{noop}x")
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
            .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS).build();

    @Test
    void keepsOnlyTheMostRecentAuthorizations() {
        RecentAuthorizations store = new RecentAuthorizations(3);
        List<OAuth2Authorization> saved = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            OAuth2Authorization authorization = authorization("id-" + i, "token-" + i);
            store.save(authorization);
            saved.add(authorization);
        }

        assertThat(store.size()).isEqualTo(3);
        assertThat(store.findById("id-0")).isNull();
        assertThat(store.findById("id-1")).isNull();
        assertThat(store.findByToken("token-1", OAuth2TokenType.ACCESS_TOKEN)).isNull();
        assertThat(store.findById("id-4")).isNotNull();
        assertThat(store.findByToken("token-2", OAuth2TokenType.ACCESS_TOKEN).getId()).isEqualTo("id-2");
        assertThat(store.findByToken("token-3", null).getId()).isEqualTo("id-3");

        store.save(saved.get(2)); // saving again makes it the most recent
        store.save(authorization("id-5", "token-5"));
        assertThat(store.findById("id-2")).isNotNull();
        assertThat(store.findById("id-3")).isNull();

        store.remove(saved.get(4));
        assertThat(store.findById("id-4")).isNull();
        assertThat(store.size()).isEqualTo(2);
    }

    private OAuth2Authorization authorization(String id, String token) {
        Instant now = Instant.now();
        return OAuth2Authorization.withRegisteredClient(client).id(id).principalName("rsj")
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .token(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, token, now, now.plusSeconds(60),
                        Set.of()))
                .build();
    }
}
