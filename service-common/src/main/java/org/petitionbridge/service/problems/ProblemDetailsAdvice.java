package org.petitionbridge.service.problems;

import java.util.List;

import org.petitionbridge.service.outage.Outage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
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
 * every bad field under {@code errors}; a refusal by a rule (409, 403, 422) names it under {@code rule}. The
 * problems themselves are made by {@link Problems}, which filters use too.
 * No error answer repeats the submitted values, so no personal data leaks into an error or a log line.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Object> invalid(InvalidRequestException e) {
        return ResponseEntity.badRequest().body(Problems.invalidFields(e.problems()));
    }


    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Object> notFound(NotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Problems.notFound(e.getMessage()));
    }

    @ExceptionHandler(RuleRefusal.class)
    ResponseEntity<Object> refused(RuleRefusal e) {
        return ResponseEntity.status(e.status()).body(Problems.refused(e));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
        return ResponseEntity.badRequest().body(Problems.invalidFields(List.of(new FieldProblem(e.getName(),
                "is not a valid " + (e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName())))));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = e.getCause();
        if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            String field = path(databind);
            return ResponseEntity.badRequest().body(Problems.invalidFields(List.of(new FieldProblem(field,
                    "has the wrong type or format (" + simpleReason(databind) + ")"))));
        }
        return ResponseEntity.badRequest().body(Problems.of(400, "malformed-json", "The body is not valid JSON",
                cause instanceof JacksonException jackson
                        ? "The body is not valid JSON: " + jackson.getOriginalMessage()
                        : "The request body is missing or is not valid JSON"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(Problems.invalidFields(Problems.fieldProblems(e.getBindingResult())));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        if (Outage.isOutage(e)) {
            // The database (or the broker) cannot be reached: the pool gives up after its connection timeout (1.5 s),
            // so the client hears it at once and can send again; nothing half-done was kept (the transaction rolled
            // back), and the same Idempotency-Key never registers a petition twice.
            log.warn("Answered 503: a service this one depends on is unreachable ({})", e.getClass().getSimpleName());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(Outage.RETRY_AFTER.toSeconds()))
                    .body(Problems.of(503, "unavailable", "Temporarily unavailable",
                            "The service cannot reach its database just now, so this request was not carried out."
                                    + " Send it again in " + Outage.RETRY_AFTER.toSeconds() + " seconds (with the same"
                                    + " Idempotency-Key, if it registers something: it is never registered twice)."));
        }
        log.error("Unexpected error answering a request", e);
        return ResponseEntity.internalServerError().body(Problems.of(500, "internal-error", "Internal error",
                "An unexpected error occurred; nothing you sent was changed by it. Try again later."));
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
