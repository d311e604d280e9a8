package org.petitionbridge.routing.triage;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.petitionbridge.routing.decisions.DecisionLog;
import org.petitionbridge.security.Caller;
import org.petitionbridge.security.Role;
import org.petitionbridge.security.visibility.VisibilityPolicy;
import org.petitionbridge.service.problems.InvalidRequestException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

@RestController
@RequestMapping("/api/v1/routing")
@Tag(name = "Triage", description = "Petitions no rule could place, and the bureau's manual assignment (人工分办)")
class TriageController {

    static final int MAX_LIMIT = 500;

    private final AssignmentService assignments;

    private final VisibilityPolicy visibility;

    TriageController(AssignmentService assignments, VisibilityPolicy visibility) {
        this.visibility = visibility;
        this.assignments = assignments;
    }

    @GetMapping(path = "/triage", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Petitions waiting for the caller as their acting bureau, longest waiting first",
            description = "The petitions the ledger has in TRIAGE (or, before the ledger has said anything, whose"
                    + " newest decision went to triage) and for which the caller acts as the bureau: the bureau, or"
                    + " the supervisor for a petition complaining about the bureau. A petition leaves the list when"
                    + " the ledger applies an assignment. A petition barring the caller's own department is never"
                    + " listed (回避). The county leader (LEADER) reads every waiting petition.")
    List<AssignmentService.TriageEntry> triage(@RequestParam(defaultValue = "100") int limit, Caller caller) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequestException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        // The county leader reads the whole list (and assigns nothing).
        return assignments.waiting(limit, visibility.barredViewer(caller), caller.has(Role.LEADER));
    }

    @Schema(description = "A manual assignment by the petition's acting bureau")
    record AssignmentRequest(
            @Schema(example = "XF990101-20261126-000123", requiredMode = Schema.RequiredMode.REQUIRED) String petitionNo,
            @Schema(example = "ZJJ", requiredMode = Schema.RequiredMode.REQUIRED) String lead,
            @Schema(example = "[\"T002\"]") List<String> coHandlers,
            @Schema(example = "既涉及征地又涉及房屋拆迁，以房屋征收为主", requiredMode = Schema.RequiredMode.REQUIRED)
            String reason) {
    }

    @PostMapping(path = "/assignments", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Assign a petition by hand; publishes a decision with source MANUAL",
            description = "Only the petition's acting bureau assigns (the supervisor: petitions complaining about the"
                    + " bureau; otherwise 403, rule only-acting-bureau-assigns). 400 lists every bad field; 404 when"
                    + " routing never received the petition, or when it bars the caller's own department (exactly"
                    + " the same answer); 409 names the rule that refuses it: case-not-assignable (the ledger would"
                    + " not apply it: signed for, ended, merged as a repeat; the detail says why in Chinese),"
                    + " recusal (a department the complaint bars) or objection-accepted. The answer's outcome is"
                    + " PENDING until the ledger applies the decision (APPLIED) or not (NOT_APPLIED, with"
                    + " outcomeReason). Who assigned is recorded from the bearer token (decidedBy), never from the"
                    + " request.")
    ResponseEntity<DecisionLog.DecisionView> assign(@RequestBody AssignmentRequest request, Caller caller) {
        DecisionLog.DecisionView decision = assignments.assign(new AssignmentService.Assignment(request.petitionNo(),
                request.lead(), request.coHandlers(), request.reason()), caller.name(), caller.department());
        URI location = UriComponentsBuilder.fromPath("/api/v1/routing/decisions/{petitionNo}")
                .build(decision.petitionNo());
        return ResponseEntity.created(location).body(decision);
    }
}
