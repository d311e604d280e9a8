package org.petitionbridge.notify.deliveries;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reading the deliveries ({@code delivery}, with the subscription's department) for the deliveries API. */
@Repository
class DeliveryRepository {

    private final JdbcClient jdbc;

    DeliveryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A delivery: its id is the webhook-id, the same in every attempt and redelivery. */
    record DeliveryView(String id, String subscriptionId, String department, String eventId, String eventType,
            @Schema(description = "The petition, for a petition's event; null for a warning's or a project's")
            String petitionNo,
            @Schema(description = "What the event is about: the petition number, or the warning's or project's id")
            String subject, String view, String status, int attempts, Integer lastStatus, String lastError,
            int redeliveries, Instant createdAt, Instant deliveredAt, Instant nextAttemptAt) {
    }

    private static final String SELECT = """
            select d.id, d.subscription_id, s.department, d.event_id, d.event_type, d.subject, d.view, d.status,
                d.attempts, d.last_status, d.last_error, d.redeliveries, d.created_at, d.delivered_at, d.next_attempt_at
            from delivery d join subscription s on s.id = d.subscription_id
            """;

    /**
     * Deliveries newest first. {@code department} null means every department's; a petition about the caller's own
     * department ({@code barred} for it) is never listed, whoever's delivery it is. Null filters do not filter.
     */
    List<DeliveryView> list(String department, String caller, String petitionNo, String status, String subscriptionId,
            int limit) {
        return jdbc.sql(SELECT + """
                where (cast(:department as text) is null or s.department = :department)
                  and (cast(:petitionNo as text) is null or d.subject = :petitionNo)
                  and (cast(:status as text) is null or d.status = :status)
                  and (cast(:subscriptionId as text) is null or d.subscription_id = cast(:subscriptionId as uuid))
                  -- the bureau looking at other departments' deliveries never sees a petition about itself
                  and not exists (select 1 from notify_case c where c.petition_no = d.subject
                                  and cast(:caller as text) = any (c.barred))
                  and not exists (select 1 from notify_situation x where x.subject = d.subject
                                  and cast(:caller as text) = any (x.barred))
                order by d.created_at desc, d.id limit :limit""")
                .param("department", department).param("caller", caller)
                .param("petitionNo", petitionNo).param("status", status)
                .param("subscriptionId", subscriptionId).param("limit", limit)
                .query((rs, i) -> read(rs))
                .list();
    }

    DeliveryView find(String id) {
        return jdbc.sql(SELECT + "where d.id = ?").param(id).query((rs, i) -> read(rs)).single();
    }

    private static DeliveryView read(ResultSet rs) throws SQLException {
        Timestamp delivered = rs.getTimestamp("delivered_at");
        return new DeliveryView(rs.getString("id"), rs.getString("subscription_id"), rs.getString("department"),
                rs.getString("event_id"), rs.getString("event_type"),
                rs.getString("event_type").startsWith("petition.") ? rs.getString("subject") : null,
                rs.getString("subject"),
                rs.getString("view"), rs.getString("status"), rs.getInt("attempts"),
                (Integer) rs.getObject("last_status"), rs.getString("last_error"), rs.getInt("redeliveries"),
                rs.getTimestamp("created_at").toInstant(), delivered == null ? null : delivered.toInstant(),
                rs.getTimestamp("next_attempt_at").toInstant());
    }
}
