package org.petitionbridge.notify.feed;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.petitionbridge.events.CloudEvent;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.notify.audience.Reason;
import org.petitionbridge.notify.audience.View;
import org.petitionbridge.service.jdbc.AdvisoryLocks;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The departments' feeds. Rows are appended by the planner, which holds the append locks of every department it
 * appends to for the rest of its transaction ({@link #appendAll}): a department's sequence numbers are then taken
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
     * An event for a department's feed, not yet appended.
     *
     * @param subject the event's subject: the petition number, or the warning's or project's id
     * @param data    the event's data in the department's view
     */
    public record NewEntry(CloudEvent event, String subject, String department, View view, List<Reason> reasons,
            Object data) {
    }

    /**
     * Appends the entries in their order, each department's after every entry committed before: the departments'
     * append locks are taken (in ascending key order, so two appenders never wait for each other in a circle) and
     * held until the transaction ends, then the positions, in one statement each. Of each entry, what was appended;
     * empty when its department already has this event in this view. The entries name each event, department and
     * view once.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Optional<Appended>> appendAll(List<NewEntry> entries, Instant now) {
        AdvisoryLocks.lockAll(jdbc, "feed-append", entries.stream().map(NewEntry::department).distinct().toList());
        // one session's nextval calls return increasing values; sorted all the same, as positions must increase
        Long[] sequences = jdbc.sql("select nextval('feed_entry_seq') from generate_series(1, ?)")
                .param(entries.size()).query(Long.class).list().stream().sorted().toArray(Long[]::new);
        String[] payloads = new String[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            NewEntry e = entries.get(i);
            payloads[i] = EventCodec.mapper().writeValueAsString(new DepartmentEvent(e.event().id(),
                    e.event().type(), e.event().time(), e.subject(), sequences[i], e.department(), e.view(),
                    e.reasons(), e.data()));
        }
        Set<Long> inserted = new HashSet<>(jdbc.sql("""
                insert into feed_entry (seq, department, event_id, event_type, subject, view, reasons, payload,
                    created_at)
                select seq, department, event_id, event_type, subject, view, string_to_array(reasons, ','), payload, ?
                from unnest(cast(? as bigint[]), cast(? as text[]), cast(? as text[]), cast(? as text[]),
                    cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as text[]))
                    as e(seq, department, event_id, event_type, subject, view, reasons, payload)
                on conflict (event_id, department, view) do nothing
                returning seq""")
                .params(Timestamp.from(now), sequences, column(entries, NewEntry::department),
                        column(entries, e -> e.event().id()), column(entries, e -> e.event().type()),
                        column(entries, NewEntry::subject), column(entries, e -> e.view().name()),
                        column(entries, e -> String.join(",", e.reasons().stream().map(Reason::name).toList())),
                        payloads)
                .query(Long.class).list());
        List<Optional<Appended>> appended = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            appended.add(inserted.contains(sequences[i]) ? Optional.of(new Appended(sequences[i], payloads[i]))
                    : Optional.empty());
        }
        return appended;
    }

    private static String[] column(List<NewEntry> entries, Function<NewEntry, String> value) {
        return entries.stream().map(value).toArray(String[]::new);
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
