package org.petitionbridge.issuer;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Keeps the most recent issued authorizations only (for introspection and revocation), so that a long-running
 * issuer does not grow without bound: Spring Authorization Server's in-memory store keeps every client-credentials
 * token it ever issued. Tokens are self-contained JWTs, so a forgotten one stays valid for the services until it
 * expires; only introspection then calls it inactive.
 */
final class RecentAuthorizations implements OAuth2AuthorizationService {

    private final int capacity;
    private final InMemoryOAuth2AuthorizationService store = new InMemoryOAuth2AuthorizationService();
    /** Ids of the stored authorizations, oldest first. */
    private final Set<String> ids = new LinkedHashSet<>();

    RecentAuthorizations(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    @Override
    public synchronized void save(OAuth2Authorization authorization) {
        store.save(authorization);
        ids.remove(authorization.getId());
        ids.add(authorization.getId());
        Iterator<String> oldest = ids.iterator();
        while (ids.size() > capacity) {
            OAuth2Authorization evicted = store.findById(oldest.next());
            oldest.remove();
            if (evicted != null) {
                store.remove(evicted);
            }
        }
    }

    @Override
    public synchronized void remove(OAuth2Authorization authorization) {
        store.remove(authorization);
        ids.remove(authorization.getId());
    }

    @Override
    public synchronized OAuth2Authorization findById(String id) {
        return store.findById(id);
    }

    @Override
    public synchronized OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        return store.findByToken(token, tokenType);
    }

    synchronized int size() {
        return ids.size();
    }
}
