package org.petitionbridge.service.problems;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/**
 * Every error of every REST API as RFC 9457 problem details ({@code application/problem+json}). A 400 lists
 * every bad field under {@code errors}; a 409 names the rule that refused the action under {@code rule}.
 * No error answer repeats the submitted values, so no personal data leaks into an error or a log line.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);
    public static final String TYPE_BASE = "https://petition-bridge.example/problems/";

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Object> invalid(InvalidRequestException e) {
        return ResponseEntity.badRequest().body(invalidFields(e.problems()));
    }

    public static ProblemDetail invalidFields(List<FieldProblem> problems) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                problems.size() == 1 ? problems.get(0).field() + ": " + problems.get(0).message()
                        : problems.size() + " fields are invalid; see errors");
        problem.setType(URI.create(TYPE_BASE + "invalid-request"));
        problem.setTitle("The request has invalid fields");
        problem.setProperty("errors", problems);
        return problem;
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Object> notFound(NotFoundException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setType(URI.create(TYPE_BASE + "not-found"));
        problem.setTitle("Not found");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<Object> conflict(ConflictException e) {
        HttpStatus status = HttpStatus.valueOf(e.status());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setType(URI.create(TYPE_BASE + e.rule()));
        problem.setTitle(status == HttpStatus.CONFLICT ? "The action is not allowed now" : status.getReasonPhrase());
        problem.setProperty("rule", e.rule());
        return ResponseEntity.status(status).body(problem);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
        return ResponseEntity.badRequest().body(invalidFields(List.of(new FieldProblem(e.getName(),
                "is not a valid " + (e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName())))));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = e.getCause();
        if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            String field = path(databind);
            return ResponseEntity.badRequest().body(invalidFields(List.of(new FieldProblem(field,
                    "has the wrong type or format (" + simpleReason(databind) + ")"))));
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                cause instanceof JacksonException jackson
                        ? "The body is not valid JSON: " + jackson.getOriginalMessage()
                        : "The request body is missing or is not valid JSON");
        problem.setType(URI.create(TYPE_BASE + "malformed-json"));
        problem.setTitle("The body is not valid JSON");
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        e.getBindingResult().getFieldErrors().forEach(f -> problems.add(new FieldProblem(f.getField(),
                f.getDefaultMessage())));
        return ResponseEntity.badRequest().body(invalidFields(problems));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("Unexpected error answering a request", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred; nothing you sent was changed by it. Try again later.");
        problem.setTitle("Internal error");
        return ResponseEntity.internalServerError().body(problem);
    }

    private static String path(DatabindException e) {
        StringBuilder out = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String simpleReason(DatabindException e) {
        String message = e.getOriginalMessage();
        // Jackson's message may quote the submitted value; keep only the part before it.
        int quote = message.indexOf(" from String \"");
        if (quote > 0) {
            message = message.substring(0, quote);
        }
        int value = message.indexOf(": ");
        return value > 0 ? message.substring(0, value) : message;
    }
}
