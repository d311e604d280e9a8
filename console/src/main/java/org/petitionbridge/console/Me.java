package org.petitionbridge.console;

import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The signed-in person, as the issuer's ID token names them: for the header and for which menu entries to show.
 * The menu only spares people links they could not use; every API call is decided by the service, on the person's
 * access token.
 *
 * @param username   the login name ({@code sub})
 * @param department the department of the person's post, or null (the county leader)
 */
public record Me(String username, String name, String post, String department, List<String> roles) {

    public boolean isBureau() {
        return roles.contains("BUREAU");
    }

    public boolean isSupervisor() {
        return roles.contains("SUPERVISOR");
    }

    public boolean isLeader() {
        return roles.contains("LEADER");
    }

    /** The person of an ID token (nobody: no roles, no name). */
    static Me of(OidcUser user) {
        if (user == null) {
            return new Me(null, "", "", null, List.of());
        }
        List<String> roles = user.getClaimAsStringList("roles");
        return new Me(user.getSubject(), user.getClaimAsString("name"), user.getClaimAsString("post"),
                user.getClaimAsString("department"), roles == null ? List.of() : roles);
    }

    /** Adds {@code me} to every page's model. */
    @ControllerAdvice
    static class Advice {

        @ModelAttribute("me")
        Me me(@AuthenticationPrincipal OidcUser user) {
            return of(user);
        }
    }
}
