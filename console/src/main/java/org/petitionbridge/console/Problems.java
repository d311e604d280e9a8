package org.petitionbridge.console;

import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * A service's refusal that a page did not handle itself: shown on the problem page in the service's words, with its
 * status (a case of another department is "not found", exactly as the API answers).
 */
@ControllerAdvice
class Problems {

    @ExceptionHandler(Api.ApiProblem.class)
    String problem(Api.ApiProblem problem, Model model, jakarta.servlet.http.HttpServletResponse response,
            @org.springframework.security.core.annotation.AuthenticationPrincipal
            org.springframework.security.oauth2.core.oidc.user.OidcUser user) {
        // an exception handler's model has no @ModelAttribute of the advice: the header needs the person
        model.addAttribute("me", Me.of(user));
        response.setStatus(problem.status() >= 400 && problem.status() < 600 ? problem.status()
                : HttpStatus.BAD_GATEWAY.value());
        model.addAttribute("problem", problem);
        return "problem";
    }
}
