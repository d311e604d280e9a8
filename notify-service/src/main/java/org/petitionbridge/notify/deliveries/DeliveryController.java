package org.petitionbridge.notify.deliveries;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
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
import org.springframework.jdbc.core.simple.JdbcClient;
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

    private final JdbcClient jdbc;
    private final DepartmentAccess access;
    private final Redeliveries redeliveries;

    DeliveryController(JdbcClient jdbc, DepartmentAccess access, Redeliveries redeliveries) {
        this.jdbc = jdbc;
        this.access = access;
        this.redeliveries = redeliveries;
    }

    /** A delivery: its id is the webhook-id, the same in every attempt and redelivery. */
    record DeliveryView(String id, String subscriptionId, String department, String eventId, String eventType,
            String petitionNo, String view, String status, int attempts, Integer lastStatus, String lastError,
            int redeliveries, Instant createdAt, Instant deliveredAt, Instant nextAttemptAt) {
    }

    private static final String SELECT = """
            select d.id, d.subscription_id, s.department, d.event_id, d.event_type, d.petition_no, d.view, d.status,
                d.attempts, d.last_status, d.last_error, d.redeliveries, d.created_at, d.delivered_at, d.next_attempt_at
            from delivery d join subscription s on s.id = d.subscription_id
            """;

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The token's department's deliveries, newest first (the bureau: every department's)",
            description = "status: PENDING, SENDING, DELIVERED, DEAD (after the last retry, or a 410), CANCELLED "
                    + "(the subscription was deleted); attempts; the last HTTP status and error.")
    List<DeliveryView> list(Caller caller,
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
        return jdbc.sql(SELECT + """
                where (cast(:department as text) is null or s.department = :department)
                  and (cast(:petitionNo as text) is null or d.petition_no = :petitionNo)
                  and (cast(:status as text) is null or d.status = :status)
                  and (cast(:subscriptionId as text) is null or d.subscription_id = cast(:subscriptionId as uuid))
                  -- the bureau looking at other departments' deliveries never sees a petition about itself
                  and not exists (select 1 from notify_case c where c.petition_no = d.petition_no
                                  and cast(:caller as text) = any (c.barred))
                order by d.created_at desc, d.id limit :limit""")
                .param("department", scope).param("caller", access.departmentOf(caller))
                .param("petitionNo", petitionNo).param("status", status)
                .param("subscriptionId", subscriptionId).param("limit", max)
                .query((rs, i) -> read(rs))
                .list();
    }

    @PostMapping(path = "/{id}/redeliver", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Send a delivery again, with the same webhook-id",
            description = "For a DEAD (or DELIVERED) delivery: it becomes PENDING with a fresh retry schedule. The "
                    + "URL is checked against the SSRF policy again when it is sent. Another department's delivery "
                    + "answers 404, as an unknown one does (the bureau may redeliver any).")
    ResponseEntity<DeliveryView> redeliver(Caller caller, @PathVariable String id) {
        redeliveries.redeliver(id, access.departmentOf(caller), access.seesEveryDepartment(caller));
        return ResponseEntity.accepted().body(jdbc.sql(SELECT + "where d.id = ?").param(id)
                .query((rs, i) -> read(rs)).single());
    }

    private static boolean isUuid(String s) {
        try {
            UUID.fromString(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static DeliveryView read(ResultSet rs) throws SQLException {
        Timestamp delivered = rs.getTimestamp("delivered_at");
        return new DeliveryView(rs.getString("id"), rs.getString("subscription_id"), rs.getString("department"),
                rs.getString("event_id"), rs.getString("event_type"), rs.getString("petition_no"),
                rs.getString("view"), rs.getString("status"), rs.getInt("attempts"),
                (Integer) rs.getObject("last_status"), rs.getString("last_error"), rs.getInt("redeliveries"),
                rs.getTimestamp("created_at").toInstant(), delivered == null ? null : delivered.toInstant(),
                rs.getTimestamp("next_attempt_at").toInstant());
    }
}
