package org.petitionbridge.intake.audit;

import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.petitionbridge.county.CountyReference;
import org.petitionbridge.intake.disclosure.Callers;
import org.petitionbridge.web.ConflictException;
import org.petitionbridge.web.FieldProblem;
import org.petitionbridge.web.InvalidRequestException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/audit/identity-reads")
@Tag(name = "Identity audit", description = "The append-only, hash-chained log of identity reads")
class AuditController {

    private final IdentityAuditLog audit;
    private final CountyReference county;

    AuditController(IdentityAuditLog audit, CountyReference county) {
        this.audit = audit;
        this.county = county;
    }

    @GetMapping(path = "/verification", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Verify the audit chain",
            description = "Walks every entry from the first and reports the first one whose hash, previous-entry hash "
                    + "or number does not fit. The answer carries no personal data and no audit content.")
    AuditVerification verify() {
        return audit.verify();
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The identity reads of one petition (bureau only)",
            description = "Every read and refused attempt about the petition, oldest first: department, field names, "
                    + "purpose, outcome, time and the chain hashes. Only the bureau may list them.")
    @ApiResponse(responseCode = "200", description = "The entries")
    @ApiResponse(responseCode = "403", description = "The caller is not the bureau",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    List<IdentityAuditLog.Entry> entries(
            @Parameter(description = "The petition", example = "XF990101-20261126-000123", required = true)
            @RequestParam(required = false) String petitionNo,
            @Parameter(description = "The calling department's code (until the security issue replaces it with tokens)",
                    example = "XFJ", required = true)
            @RequestHeader(name = Callers.DEPARTMENT_HEADER, required = false) String department) {
        List<FieldProblem> problems = new ArrayList<>();
        Callers.checkDepartment(county, department, problems);
        if (petitionNo == null || petitionNo.isBlank()) {
            problems.add(new FieldProblem("petitionNo", "is required"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        if (!Callers.isBureau(county, department)) {
            throw new ConflictException(403, "bureau-only", "Only the petition bureau may list the identity reads");
        }
        return audit.entries(petitionNo);
    }
}
