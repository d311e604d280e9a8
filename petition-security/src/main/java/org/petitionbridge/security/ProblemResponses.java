package org.petitionbridge.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.petitionbridge.service.problems.Problems;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 and 403 as RFC 9457 problem details, with the {@code WWW-Authenticate} header RFC 6750 asks for. The
 * answer says what is wrong in words a department's developer can act on, and never echoes the token.
 */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    private final BearerTokenAccessDeniedHandler denied = new BearerTokenAccessDeniedHandler();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        bearer.commence(request, response, e); // status 401 and WWW-Authenticate
        boolean noToken = request.getHeader("Authorization") == null;
        write(response, 401, "unauthenticated", "Authentication required",
                noToken ? "This endpoint needs a bearer token: get one from the token issuer with your client id and "
                        + "secret (client credentials) and send it as 'Authorization: Bearer <token>'"
                        : "The bearer token was refused (expired, not signed by the platform's issuer, issued for "
                        + "another audience, altered, or its roles and department disagree); get a new token from "
                        + "the token issuer");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        denied.handle(request, response, e); // status 403 and WWW-Authenticate: insufficient_scope
        write(response, 403, "forbidden", "Not allowed for your role",
                "Your token's roles do not allow " + request.getMethod() + " on this endpoint; "
                        + "docs/security.md lists which role may call which endpoint");
    }

    private static void write(HttpServletResponse response, int status, String type, String title, String detail)
            throws IOException {
        Problems.write(response, Problems.of(status, type, title, detail));
    }
}
