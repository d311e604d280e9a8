package org.petitionbridge.notify.deliveries;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/deliveries")
@Tag(name = "Deliveries", description = "What was delivered to which webhook, and what failed")
class DeliveryController {

    private final JdbcClient jdbc;

    DeliveryController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record DeliveryView(String id, String subscriptionId, String department, String eventType, String petitionNo,
            String status, int attempts, Integer lastStatus, String lastError, Instant createdAt, Instant deliveredAt,
            Instant nextAttemptAt) {
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Recent deliveries, newest first: status (PENDING, SENDING, DELIVERED, DEAD), attempts, last error")
    List<DeliveryView> list(@RequestParam(required = false) String department,
            @RequestParam(required = false) String petitionNo,
            @RequestParam(defaultValue = "100") int limit) {
        return jdbc.sql("""
                select d.id, d.subscription_id, s.department, d.event_type, d.petition_no, d.status, d.attempts,
                    d.last_status, d.last_error, d.created_at, d.delivered_at, d.next_attempt_at
                from delivery d join subscription s on s.id = d.subscription_id
                where (cast(:department as text) is null or s.department = :department)
                  and (cast(:petitionNo as text) is null or d.petition_no = :petitionNo)
                order by d.created_at desc limit :limit""")
                .param("department", department).param("petitionNo", petitionNo)
                .param("limit", Math.max(1, Math.min(limit, 1000)))
                .query((rs, i) -> new DeliveryView(rs.getString("id"), rs.getString("subscription_id"),
                        rs.getString("department"), rs.getString("event_type"), rs.getString("petition_no"),
                        rs.getString("status"), rs.getInt("attempts"), (Integer) rs.getObject("last_status"),
                        rs.getString("last_error"), rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("delivered_at") == null ? null : rs.getTimestamp("delivered_at").toInstant(),
                        rs.getTimestamp("next_attempt_at").toInstant()))
                .list();
    }
}
