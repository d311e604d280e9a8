package org.petitionbridge.notify.subscriptions;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.petitionbridge.notify.web.DepartmentAccess;
import org.petitionbridge.security.Caller;
import org.petitionbridge.service.problems.Problems;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/subscriptions")
@Tag(name = "Subscriptions", description = "Which department receives which petition events, where. The "
        + "department is the one the bearer token names")
class SubscriptionController {

    private final SubscriptionService subscriptions;
    private final DepartmentAccess access;

    SubscriptionController(SubscriptionService subscriptions, DepartmentAccess access) {
        this.subscriptions = subscriptions;
        this.access = access;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Subscribe the token's department: a webhook URL, or none for the pull feed only",
            description = "The department receives every event of the cases assigned to it (lead or co-handler) in "
                    + "full, its reminders, and what eventTypes and filters select of other cases as de-identified "
                    + "summaries (the bureau sees those in full). The answer carries the signing secret, once. "
                    + "'department' may be left out; if given it must be the token's department (only the bureau "
                    + "may subscribe for another department).")
    ResponseEntity<Subscription> create(Caller caller, @Valid @RequestBody SubscriptionService.NewSubscription request,
            BindingResult shape) {
        // The shape's problems go to the service, which answers them with its own, once the department is allowed.
        Subscription created = subscriptions.create(access.departmentOf(caller), access.seesEveryDepartment(caller),
                request, Problems.fieldProblems(shape));
        return ResponseEntity.created(URI.create("/api/v1/subscriptions/" + created.id())).body(created);
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The token's department's subscriptions (the bureau: every department's, or the one named)",
            description = "Secrets are never shown again. A subscription disabled by a 410 answer is listed with "
                    + "active false.")
    List<Subscription> list(Caller caller,
            @Parameter(description = "Bureau only: the department whose subscriptions to list (default: all). "
                    + "Any other caller may name only its own department.")
            @RequestParam(required = false) String department) {
        return subscriptions.list(access.scope(caller, department));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "End a subscription of the token's department; its pending deliveries are cancelled",
            description = "Another department's subscription answers 404, as an unknown one does.")
    ResponseEntity<Void> delete(Caller caller, @PathVariable String id) {
        subscriptions.delete(access.departmentOf(caller), access.seesEveryDepartment(caller), id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/{id}/rotate-secret", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Rotate the signing secret",
            description = "Returns the new secret, once. Until previousSecretValidUntil, every webhook carries two "
                    + "signatures in webhook-signature (new and previous secret), so either verifies. Another "
                    + "department's subscription answers 404, as an unknown one does.")
    Subscription rotate(Caller caller, @PathVariable String id) {
        return subscriptions.rotateSecret(access.departmentOf(caller), access.seesEveryDepartment(caller), id);
    }
}
