package org.petitionbridge.intake.audit;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.petitionbridge.intake.cases.CaseTracking;
import org.petitionbridge.security.Caller;
import org.petitionbridge.security.visibility.VisibilityPolicy;
import org.petitionbridge.service.problems.FieldProblem;
import org.petitionbridge.service.problems.InvalidRequestException;
import org.petitionbridge.service.problems.NotFoundException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/audit/identity-reads")
@Tag(name = "Identity audit", description = "The append-only, hash-chained log of identity reads")
class AuditController {

    private final IdentityAuditLog audit;
    private final CaseTracking cases;
    private final VisibilityPolicy policy;

    AuditController(IdentityAuditLog audit, CaseTracking cases, VisibilityPolicy policy) {
        this.audit = audit;
        this.cases = cases;
        this.policy = policy;
    }

    @GetMapping(path = "/verification", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Verify the audit chain (bureau and operators)",
            description = "Walks every entry from the first and reports the first one whose hash, previous-entry hash "
                    + "or number does not fit. The answer carries no personal data and no audit content.")
    @ApiResponse(responseCode = "200", description = "The result of the walk")
    @ApiResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "403", description = "The token's roles are neither BUREAU nor OPERATOR",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    AuditVerification verify() {
        return audit.verify();
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The identity reads of one petition (the acting bureau only)",
            description = "Every read and refused attempt about the petition, oldest first: who asked (department or "
                    + "client), its token's client, field names, purpose, outcome, time and the chain hashes. Only the "
                    + "petition's acting bureau may list them: the bureau, or for a petition complaining about the "
                    + "bureau the supervisor (docs/security.md, role table). A petition that is not registered, or "
                    + "whose audit the caller may not read, answers 404 (the entries stay in the chain).")
    @ApiResponse(responseCode = "200", description = "The entries")
    @ApiResponse(responseCode = "400", description = "petitionNo missing",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "403", description = "The caller is neither the bureau nor the supervisor",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "No such petition, or the caller is not its acting bureau",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    List<IdentityAuditLog.Entry> entries(
            @Parameter(description = "The petition", example = "XF990101-20261126-000123", required = true)
            @RequestParam(required = false) String petitionNo, Caller caller) {
        if (petitionNo == null || petitionNo.isBlank()) {
            throw new InvalidRequestException(List.of(new FieldProblem("petitionNo", "is required")));
        }
        if (!cases.parties(petitionNo).map(p -> policy.mayReadIdentityAudit(caller, p)).orElse(false)) {
            // The same answer as the registration record's for a petition the caller may not see.
            throw new NotFoundException("No petition " + petitionNo + " is registered");
        }
        return audit.entries(petitionNo);
    }
}
