package org.petitionbridge.notify.feed;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.petitionbridge.events.CloudEvent;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.notify.audience.Reason;
import org.petitionbridge.notify.audience.View;
import org.petitionbridge.service.jdbc.AdvisoryLocks;
import org.petitionbridge.service.jdbc.SqlArrays;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The departments' feeds. Rows are appended by the planner, which holds {@link #lockForAppend(Collection)} of
 * every department it appends to for the rest of its transaction: a department's sequence numbers are then taken
 * and committed in the same order, so a reader paging its feed with {@code after} never passes a row that commits
 * later with a smaller number. A feed is always read one department at a time, so appends to different
 * departments need not wait for each other.
 */
@Repository
public class FeedRepository {

    private final JdbcClient jdbc;

    FeedRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Appended: the feed position and the JSON body, which webhooks of the department carry unchanged. */
    public record Appended(long sequence, String payload) {
    }

    /**
     * Takes the append locks of these departments until the transaction ends. Every transaction takes its locks in
     * ascending key order, so two planners never wait for each other in a circle.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lockForAppend(Collection<String> departments) {
        AdvisoryLocks.lockAll(jdbc, "feed-append", departments);
    }

    /**
     * Appends the event for the department; empty when it already has this event in this view.
     *
     * @param subject the event's subject: the petition number, or the warning's or project's id
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Appended> append(CloudEvent event, String subject, String department, View view,
            List<Reason> reasons, Object data, Instant now) {
        long sequence = jdbc.sql("select nextval('feed_entry_seq')").query(Long.class).single();
        String payload = EventCodec.mapper().writeValueAsString(new DepartmentEvent(event.id(), event.type(),
                event.time(), subject, sequence, department, view, reasons, data));
        int inserted = jdbc.sql("""
                insert into feed_entry (seq, department, event_id, event_type, subject, view, reasons, payload,
                    created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (event_id, department, view) do nothing""")
                .params(sequence, department, event.id(), event.type(), subject, view.name(),
                        SqlArrays.of(reasons.stream().map(Reason::name).toList()), payload, Timestamp.from(now))
                .update();
        return inserted == 1 ? Optional.of(new Appended(sequence, payload)) : Optional.empty();
    }

    /** Up to {@code limit} entries of the department after the given sequence, oldest first (raw JSON bodies). */
    @Transactional(readOnly = true)
    public List<Entry> page(String department, long after, int limit) {
        return jdbc.sql("select seq, payload from feed_entry where department = ? and seq > ? order by seq limit ?")
                .params(department, after, limit)
                .query((rs, i) -> new Entry(rs.getLong("seq"), rs.getString("payload"))).list();
    }

    public record Entry(long sequence, String payload) {
    }
}
