package org.petitionbridge.intake.petitions;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.petitionbridge.intake.cases.CaseTracking;
import org.petitionbridge.security.visibility.Access;
import org.petitionbridge.security.visibility.VisibilityPolicy;
import org.petitionbridge.security.Caller;
import org.petitionbridge.service.problems.FieldProblem;
import org.petitionbridge.service.problems.InvalidRequestException;
import org.petitionbridge.service.problems.NotFoundException;
import org.petitionbridge.service.problems.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/petitions")
@Tag(name = "Petitions", description = "Registration of petitions from every channel")
class PetitionController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotency-Replayed";
    private static final Pattern KEY_SHAPE = Pattern.compile("[\\x21-\\x7E]{1,100}");

    private final PetitionValidator validator;
    private final RegistrationService registrations;
    private final CaseTracking cases;

    private final VisibilityPolicy policy;

    PetitionController(PetitionValidator validator, RegistrationService registrations, CaseTracking cases,
            VisibilityPolicy policy) {
        this.policy = policy;
        this.validator = validator;
        this.registrations = registrations;
        this.cases = cases;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Register a petition",
            description = "Answers 201 once the petition and its petition.received.v1 event are committed together "
                    + "(also while the broker is down: the event is published when it returns). Every invalid field "
                    + "is listed in one 400 problem-details answer. With an Idempotency-Key, repeating the same request "
                    + "answers 200 with the same petition (without the tracking code, which is shown only once); the "
                    + "same key with a different request is a 422. Keys are per client (the token's subject).")
    @ApiResponse(responseCode = "201", description = "Registered; the tracking code is shown this once",
            headers = @Header(name = "Location", description = "The petition's record: /api/v1/petitions/{petitionNo}",
                    schema = @Schema(type = "string", format = "uri-reference")))
    @ApiResponse(responseCode = "200", description = "Replay of an earlier request with the same Idempotency-Key: the "
            + "same petition, trackingCode null",
            headers = {@Header(name = REPLAYED, description = "true", schema = @Schema(type = "boolean")),
                    @Header(name = "Location", description = "The petition's record: /api/v1/petitions/{petitionNo}",
                            schema = @Schema(type = "string", format = "uri-reference"))})
    @ApiResponse(responseCode = "400", description = "Invalid fields (each listed under errors) or malformed JSON",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "403", description = "The token's roles are neither INTAKE_CHANNEL nor BUREAU",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "413", description = "The body is larger than 1 MiB",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "415", description = "The body is not application/json",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "422", description = "This client already used the Idempotency-Key with a different request",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "429", description = "The client sent more submissions than its rate limit allows "
            + "(INTAKE_SUBMISSIONS_PER_PERIOD per INTAKE_SUBMISSIONS_PERIOD); nothing was registered. Retry after the "
            + "seconds of the Retry-After header",
            headers = @Header(name = "Retry-After", description = "Seconds to wait", schema = @Schema(type = "integer")),
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<Registration> register(@Valid @RequestBody PetitionRequest request, BindingResult shape,
            @Parameter(in = ParameterIn.HEADER, name = IDEMPOTENCY_KEY, description = "Optional; 1 to 100 visible ASCII "
                    + "characters chosen by the client (e.g. a UUID), one per petition. A key belongs to the client "
                    + "(the token's subject): a retry by the same client with the same key and the same body returns "
                    + "the petition registered the first time; another client's key of the same value is unrelated.",
                    example = "3f1c9a2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b")
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey, Caller caller) {
        List<FieldProblem> problems = new ArrayList<>();
        if (idempotencyKey != null && !KEY_SHAPE.matcher(idempotencyKey).matches()) {
            problems.add(new FieldProblem(IDEMPOTENCY_KEY, "must be 1 to 100 visible ASCII characters (e.g. a UUID)"));
        } else if (idempotencyKey != null && (caller.clientId() == null || caller.clientId().isBlank())) {
            problems.add(new FieldProblem(IDEMPOTENCY_KEY, "needs a bearer token that names its client (sub): a key "
                    + "belongs to the client that sends it"));
        }
        // The body's shape (its Bean Validation constraints) and its rules are answered in one list, so the
        // BindingResult takes the shape's problems instead of Spring refusing the request before the rules run.
        problems.addAll(Problems.fieldProblems(shape));
        problems.addAll(validator.problems(request));
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        RegistrationService.Outcome outcome = registrations.register(request, caller.clientId(), idempotencyKey);
        Registration registration = outcome.registration();
        URI location = URI.create("/api/v1/petitions/" + registration.petitionNo());
        if (outcome.replayed()) {
            return ResponseEntity.status(HttpStatus.OK).location(location).header(REPLAYED, "true").body(registration);
        }
        return ResponseEntity.created(location).body(registration);
    }

    @GetMapping(path = "/{petitionNo}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The registration record of a petition, without personal data",
            description = "For the bureau and the supervisor, every petition; for a department, the petitions "
                    + "the ledger has it handle now (lead or co-handler), or act for as the bureau or the supervisor "
                    + "(docs/security.md, role table). A petition complaining about the caller's own "
                    + "department (the bureau and the supervisor included) and any other petition answer 404 exactly "
                    + "as one that does not exist.")
    @ApiResponse(responseCode = "200", description = "The record (masked names only)")
    @ApiResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "403", description = "The token's roles are none of BUREAU, SUPERVISOR, DEPARTMENT",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "No such petition, or the caller may not see it",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    PetitionRecord get(@Parameter(description = "The petition number", example = "XF990101-20261126-000123")
            @PathVariable String petitionNo, Caller caller) {
        return registrations.find(petitionNo)
                .filter(record -> visibleTo(caller, record))
                .orElseThrow(() -> new NotFoundException("No petition " + petitionNo + " is registered"));
    }

    /** What the shared visibility policy lets the caller see: the whole record, or nothing (404). */
    private boolean visibleTo(Caller caller, PetitionRecord record) {
        return cases.parties(record.petitionNo()).map(p -> policy.access(caller, p) == Access.FULL).orElse(false);
    }
}
