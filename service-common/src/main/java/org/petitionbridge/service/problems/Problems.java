package org.petitionbridge.service.problems;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.validation.Errors;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place problem details (RFC 9457) are made: {@link ProblemDetailsAdvice} answers controllers' errors with
 * them, and servlet filters (rate limits, body size, authentication) write them with {@link #write}, so every error
 * of every service has the same type base, members and media type.
 */
public final class Problems {

    public static final String TYPE_BASE = "https://petition-bridge.example/problems/";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    /** A problem of the given status whose type is {@code TYPE_BASE + type}. */
    public static ProblemDetail of(int status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(status), detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }

    /** 400 with every bad field under {@code errors}. */
    public static ProblemDetail invalidFields(List<FieldProblem> problems) {
        ProblemDetail problem = of(400, "invalid-request", "The request has invalid fields",
                problems.size() == 1 ? problems.get(0).field() + ": " + problems.get(0).message()
                        : problems.size() + " fields are invalid; see errors");
        problem.setProperty("errors", problems);
        return problem;
    }

    /**
     * The bad fields Spring found validating a request body ({@code @Valid}: the Bean Validation constraints
     * declared on it), ordered by field, each with its JSON path ({@code petitioners[0].name}) and the constraint's
     * message. The rejected value is never used.
     */
    public static List<FieldProblem> fieldProblems(Errors errors) {
        return errors.getFieldErrors().stream().map(e -> new FieldProblem(e.getField(), e.getDefaultMessage()))
                .sorted(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message))
                .toList();
    }

    /** The refusal's status, with the rule under {@code rule}. */
    public static ProblemDetail refused(RuleRefusal refusal) {
        ProblemDetail problem = of(refusal.status(), refusal.rule(), refusal.title(), refusal.getMessage());
        problem.setProperty("rule", refusal.rule());
        return problem;
    }

    public static ProblemDetail notFound(String detail) {
        return of(404, "not-found", "Not found", detail);
    }

    /** Writes the problem as the whole answer of a filter (status, media type, body). */
    public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        if (problem.getType() != null) {
            body.put("type", problem.getType().toString());
        }
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        if (problem.getInstance() != null) {
            body.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getOutputStream().write(JSON.writeValueAsBytes(body));
    }
}
