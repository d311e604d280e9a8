package org.petitionbridge.notify.subscriptions;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.petitionbridge.notify.web.CallingDepartment;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/subscriptions")
@Tag(name = "Subscriptions", description = "Which department receives which petition events, where")
class SubscriptionController {

    private final SubscriptionService subscriptions;
    private final CallingDepartment callers;

    SubscriptionController(SubscriptionService subscriptions, CallingDepartment callers) {
        this.subscriptions = subscriptions;
        this.callers = callers;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Subscribe a department: a webhook URL, or none for the pull feed only",
            description = "The department receives every event of the cases assigned to it (lead or co-handler) in "
                    + "full, its reminders, and what eventTypes and filters select of other cases as de-identified "
                    + "summaries (the bureau sees those in full). The answer carries the signing secret, once.")
    ResponseEntity<Subscription> create(
            @Parameter(description = "The calling department; without it the body's department is used")
            @RequestHeader(name = CallingDepartment.HEADER, required = false) String caller,
            @RequestBody SubscriptionService.NewSubscription request) {
        Subscription created = subscriptions.create(callers.optional(caller), request);
        return ResponseEntity.created(URI.create("/api/v1/subscriptions/" + created.id())).body(created);
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The calling department's subscriptions (the bureau: every department's, or the one named)",
            description = "Secrets are never shown again. A subscription disabled by a 410 answer is listed with "
                    + "active false.")
    List<Subscription> list(@RequestHeader(name = CallingDepartment.HEADER, required = false) String caller,
            @RequestParam(required = false) String department) {
        return subscriptions.list(callers.scope(callers.require(caller), department));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "End a subscription; its pending deliveries are cancelled")
    ResponseEntity<Void> delete(@RequestHeader(name = CallingDepartment.HEADER, required = false) String caller,
            @PathVariable String id) {
        subscriptions.delete(callers.require(caller), id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/{id}/rotate-secret", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Rotate the signing secret",
            description = "Returns the new secret, once. Until previousSecretValidUntil, every webhook carries two "
                    + "signatures in webhook-signature (new and previous secret), so either verifies.")
    Subscription rotate(@RequestHeader(name = CallingDepartment.HEADER, required = false) String caller,
            @PathVariable String id) {
        return subscriptions.rotateSecret(callers.require(caller), id);
    }
}
