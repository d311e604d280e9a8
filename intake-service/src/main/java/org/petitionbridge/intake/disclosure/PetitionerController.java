package org.petitionbridge.intake.disclosure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.petitionbridge.security.Caller;
import org.petitionbridge.service.problems.FieldProblem;
import org.petitionbridge.service.problems.InvalidRequestException;
import org.petitionbridge.service.problems.NotFoundException;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Petitioners", description = "Disclosure of petitioners' identity, every read audited")
class PetitionerController {

    static final int MAX_PURPOSE = 200;
    /** Seven digits or more in a row: a phone or ID number, which the purpose (kept in the audit log) must not hold. */
    private static final Pattern DIGIT_RUN = Pattern.compile("[0-9０-９]{7,}");

    private final IdentityDisclosure disclosure;

    PetitionerController(IdentityDisclosure disclosure) {
        this.disclosure = disclosure;
    }

    @GetMapping(path = "/api/v1/petitions/{petitionNo}/petitioners", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Read the petitioners' identity",
            description = "For the petition's acting bureau (the bureau; the supervisor for a petition complaining "
                    + "about the bureau) and the departments the ledger has handle the petition now (role DEPARTMENT, "
                    + "lead or co-handler); never for a department the petition's complaint bars. The "
                    + "caller is the one its bearer token names. Every read and every refused attempt is written to "
                    + "the hash-chained audit log. A refused read answers 404 exactly as for a petition that does not "
                    + "exist, so a department learns nothing about petitions it may not see.")
    @ApiResponse(responseCode = "200", description = "The identity; Cache-Control: no-store")
    @ApiResponse(responseCode = "400", description = "purpose missing or not allowed, or an unknown field",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "403", description = "The token's roles are none of BUREAU, SUPERVISOR, DEPARTMENT",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "No such petition, or the caller may not see its petitioners",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<PetitionerIdentities> petitioners(
            @Parameter(description = "The petition number", example = "XF990101-20261126-000123")
            @PathVariable String petitionNo,
            @Parameter(description = "Why the identity is needed (1 to 200 characters); recorded in the audit log",
                    example = "电话告知受理情况", required = true)
            @RequestParam(required = false) String purpose,
            @Parameter(description = "The fields wanted, comma-separated, among name, idNumber, phone, address; all four "
                    + "when absent. Ask only for what the purpose needs.", example = "name,phone")
            @RequestParam(required = false) List<String> fields,
            Caller caller) {
        List<String> asked = fields == null || fields.isEmpty()
                ? Arrays.stream(IdentityField.values()).map(f -> f.apiName).toList()
                : fields.stream().map(String::trim).filter(f -> !f.isEmpty()).distinct().toList();
        List<FieldProblem> problems = new ArrayList<>();
        if (purpose == null || purpose.isBlank()) {
            problems.add(new FieldProblem("purpose", "is required: why the identity is needed (it is recorded in the audit log)"));
        } else if (purpose.length() > MAX_PURPOSE) {
            problems.add(new FieldProblem("purpose", "must be at most " + MAX_PURPOSE + " characters"));
        } else if (DIGIT_RUN.matcher(purpose).find()) {
            problems.add(new FieldProblem("purpose", "must not contain personal data such as phone or ID numbers "
                    + "(it is recorded in the audit log)"));
        }
        boolean purposeValid = problems.isEmpty();
        List<IdentityField> wanted = new ArrayList<>();
        for (String name : asked) {
            IdentityField.of(name).ifPresentOrElse(wanted::add, () -> problems.add(new FieldProblem("fields",
                    "each field must be one of name, idNumber, phone, address")));
        }
        if (asked.isEmpty()) {
            problems.add(new FieldProblem("fields", "name at least one of name, idNumber, phone, address"));
        }
        if (!problems.isEmpty()) {
            // The audit records the purpose only when it is valid: never a value it must not hold.
            disclosure.refuseInvalid(petitionNo, caller, purposeValid ? purpose.trim() : null, asked);
            throw new InvalidRequestException(problems.stream().distinct().toList());
        }
        IdentityDisclosure.Result result = disclosure.read(petitionNo, caller, purpose.trim(), wanted);
        return result.identities()
                .map(identities -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(identities))
                .orElseThrow(() -> new NotFoundException("No petition " + petitionNo + " is registered"));
    }
}
