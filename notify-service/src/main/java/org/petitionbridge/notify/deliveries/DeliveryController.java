package org.petitionbridge.notify.deliveries;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.petitionbridge.notify.web.DepartmentAccess;
import org.petitionbridge.security.Caller;
import org.petitionbridge.service.problems.FieldProblem;
import org.petitionbridge.service.problems.InvalidRequestException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/deliveries")
@Tag(name = "Deliveries", description = "What was delivered to which webhook, what failed, and redelivery")
class DeliveryController {

    static final List<String> STATUSES = List.of("PENDING", "SENDING", "DELIVERED", "DEAD", "CANCELLED");

    private final DeliveryRepository deliveries;
    private final DepartmentAccess access;
    private final Redeliveries redeliveries;

    DeliveryController(DeliveryRepository deliveries, DepartmentAccess access, Redeliveries redeliveries) {
        this.deliveries = deliveries;
        this.access = access;
        this.redeliveries = redeliveries;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The token's department's deliveries, newest first (the bureau: every department's)",
            description = "status: PENDING (waiting, or being sent), DELIVERED, DEAD (after the last retry, or a 410), "
                    + "CANCELLED (the subscription was deleted); SENDING is still accepted as a filter and finds "
                    + "nothing (no delivery is leased since notify's V9); attempts; the last HTTP status and error.")
    List<DeliveryRepository.DeliveryView> list(Caller caller,
            @Parameter(description = "Bureau only: the department whose deliveries to list (default: all). Any "
                    + "other caller may name only its own department.")
            @RequestParam(required = false) String department,
            @RequestParam(required = false) String petitionNo,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String subscriptionId,
            @RequestParam(required = false) String limit) {
        String scope = access.scope(caller, department);
        List<FieldProblem> problems = new ArrayList<>();
        if (status != null && !STATUSES.contains(status)) {
            problems.add(new FieldProblem("status", "must be one of " + STATUSES));
        }
        if (subscriptionId != null && !isUuid(subscriptionId)) {
            problems.add(new FieldProblem("subscriptionId", "must be a subscription id (a UUID)"));
        }
        int max = 100;
        if (limit != null) {
            try {
                max = Integer.parseInt(limit);
                if (max < 1 || max > 1000) {
                    problems.add(new FieldProblem("limit", "must be between 1 and 1000"));
                }
            } catch (NumberFormatException e) {
                problems.add(new FieldProblem("limit", "must be a whole number between 1 and 1000"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return deliveries.list(scope, access.departmentOf(caller), petitionNo, status, subscriptionId, max);
    }

    @PostMapping(path = "/{id}/redeliver", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Send a delivery again, with the same webhook-id",
            description = "For a DEAD (or DELIVERED) delivery: it becomes PENDING with a fresh retry schedule. The "
                    + "URL is checked against the SSRF policy again when it is sent. Another department's delivery "
                    + "answers 404, as an unknown one does (the bureau may redeliver any).")
    ResponseEntity<DeliveryRepository.DeliveryView> redeliver(Caller caller, @PathVariable String id) {
        redeliveries.redeliver(id, access.departmentOf(caller), access.seesEveryDepartment(caller));
        return ResponseEntity.accepted().body(deliveries.find(id));
    }

    private static boolean isUuid(String s) {
        try {
            UUID.fromString(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
