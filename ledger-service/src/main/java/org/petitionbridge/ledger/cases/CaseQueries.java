package org.petitionbridge.ledger.cases;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.petitionbridge.events.EventCodec;
import org.petitionbridge.ledger.clocks.StatutoryClock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;

/** The ledger's read side: one case (now or as it stood), its history, and filtered pages of the 台账. */
@Component
public class CaseQueries {

    /** The due date of the clock running now, in SQL (null when no clock runs). */
    public static final String ACTIVE_DUE_SQL = """
            (case when attached_to is not null then null
                  when status in ('REGISTERED', 'TRIAGE') then assign_due
                  when status in ('ASSIGNED', 'OBJECTED') then acknowledge_due
                  when status in ('ACKNOWLEDGED', 'EXTENDED') then reply_due
                  when status = 'REVIEW_REQUESTED' then review_decision_due
                  when status = 'RECHECK_REQUESTED' then recheck_decision_due end)""";

    /**
     * The cases a department may see as its own (one parameter, the department, three times): it leads or
     * co-handles the case, and the complaint is not about the department itself.
     */
    static final String OWN_SQL = "((lead = ? or ? = any(co_handlers)) and complained_department is distinct from ?)";

    /**
     * The cases that do not complain about a department (one parameter, the department): what every caller acting
     * for that department, the bureau and the supervisor included, may see at most (信访工作条例 Art 46(5)).
     */
    static final String NOT_ABOUT_SQL = "(complained_department is distinct from ?)";

    private static final TypeReference<Map<String, String>> DETAILS = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final CaseRepository cases;
    private final CaseViews views;

    CaseQueries(JdbcClient jdbc, CaseRepository cases, CaseViews views) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.views = views;
    }

    /** Whether the case exists. */
    @Transactional(readOnly = true)
    public boolean exists(String petitionNo) {
        return cases.exists(petitionNo);
    }

    /**
     * Whether the case exists and does not complain about the department ({@link #NOT_ABOUT_SQL}); with a null
     * department, whether it exists.
     */
    @Transactional(readOnly = true)
    public boolean existsNotAbout(String petitionNo, String department) {
        if (department == null) {
            return cases.exists(petitionNo);
        }
        return jdbc.sql("select count(*) from petition_case where petition_no = ? and " + NOT_ABOUT_SQL)
                .params(petitionNo, department).query(Long.class).single() > 0;
    }

    /** Whether the case exists now and is the department's own ({@link #OWN_SQL}). */
    @Transactional(readOnly = true)
    public boolean isOwnedBy(String petitionNo, String department) {
        return jdbc.sql("select count(*) from petition_case where petition_no = ? and " + OWN_SQL)
                .params(petitionNo, department, department, department).query(Long.class).single() > 0;
    }

    @Transactional(readOnly = true)
    public Optional<CaseView> find(String petitionNo) {
        return cases.find(petitionNo).map(views::view);
    }

    /** The case as it stood at a moment: the snapshot recorded with the last change at or before it. */
    @Transactional(readOnly = true)
    public Optional<CaseView> asOf(String petitionNo, Instant asOf) {
        return jdbc.sql("""
                select snapshot from case_history where petition_no = ? and occurred_at <= ? and snapshot is not null
                order by occurred_at desc, id desc limit 1""")
                .params(petitionNo, Timestamp.from(asOf))
                .query((rs, i) -> EventCodec.mapper().readValue(rs.getString(1), CaseView.class)).optional();
    }

    @Transactional(readOnly = true)
    public List<HistoryEntry> history(String petitionNo, Instant asOf) {
        return jdbc.sql("""
                select id, occurred_at, action, actor_department, from_status, to_status, detail, details
                from case_history where petition_no = ? and occurred_at <= ? order by occurred_at, id""")
                .params(petitionNo, Timestamp.from(asOf == null ? Instant.parse("9999-12-31T00:00:00Z") : asOf))
                .query((rs, i) -> new HistoryEntry(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("action"), rs.getString("actor_department"), rs.getString("from_status"),
                        rs.getString("to_status"), rs.getString("detail"),
                        EventCodec.mapper().readValue(rs.getString("details"), DETAILS)))
                .list();
    }

    /**
     * Filters of the 台账; every one optional. {@code ownedBy} limits the page to one department's own cases
     * ({@link #OWN_SQL}) and {@code notAbout} leaves out the cases complaining about a department
     * ({@link #NOT_ABOUT_SQL}), whatever the other filters say: both are set from the caller's token (its
     * department), never from the request.
     */
    public record Filter(String ownedBy, String notAbout, String department, String status, String category,
            String divisionPrefix, Boolean overdue, Boolean group, Boolean repeat, LocalDate from, LocalDate to) {
    }

    public record Page(List<CaseView> items, int page, int size, long total) {
    }

    @Transactional(readOnly = true)
    public Page list(Filter f, int page, int size, Instant now) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        List<Object> params = new ArrayList<>();
        if (f.ownedBy() != null) {
            where.append(" and ").append(OWN_SQL);
            params.add(f.ownedBy());
            params.add(f.ownedBy());
            params.add(f.ownedBy());
        }
        if (f.notAbout() != null) {
            where.append(" and ").append(NOT_ABOUT_SQL);
            params.add(f.notAbout());
        }
        if (f.department() != null) {
            where.append(" and (lead = ? or ? = any(co_handlers))");
            params.add(f.department());
            params.add(f.department());
        }
        if (f.status() != null) {
            where.append(" and status = any(?)");
            params.add(f.status().split(","));
        }
        if (f.category() != null) {
            where.append(" and category = ?");
            params.add(f.category());
        }
        if (f.divisionPrefix() != null) {
            where.append(" and division_code like ?");
            params.add(f.divisionPrefix().replace("%", "").replace("_", "") + "%");
        }
        if (f.overdue() != null) {
            where.append(f.overdue() ? " and " + ACTIVE_DUE_SQL + " < ?" : " and coalesce(" + ACTIVE_DUE_SQL + " >= ?, true)");
            params.add(StatutoryClock.day(now));
        }
        if (f.group() != null) {
            where.append(" and is_group = ?");
            params.add(f.group());
        }
        if (f.repeat() != null) {
            where.append(f.repeat() ? " and repeat_of is not null" : " and repeat_of is null");
        }
        if (f.from() != null) {
            where.append(" and received_at >= ?");
            params.add(Timestamp.from(f.from().atStartOfDay(StatutoryClock.ZONE).toInstant()));
        }
        if (f.to() != null) {
            where.append(" and received_at < ?");
            params.add(Timestamp.from(f.to().plusDays(1).atStartOfDay(StatutoryClock.ZONE).toInstant()));
        }
        long total = jdbc.sql("select count(*) from petition_case" + where).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(size);
        pageParams.add((long) page * size);
        List<CaseView> items = jdbc.sql("select * from petition_case" + where + " order by " + ACTIVE_DUE_SQL
                        + " asc nulls last, received_at, petition_no limit ? offset ?")
                .params(pageParams).query((rs, i) -> views.view(CaseRepository.map(rs))).list();
        return new Page(items, page, size, total);
    }
}
