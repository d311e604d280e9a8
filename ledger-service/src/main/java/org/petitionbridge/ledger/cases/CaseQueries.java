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
import org.petitionbridge.security.Caller;
import org.petitionbridge.security.Role;
import org.petitionbridge.security.visibility.Access;
import org.petitionbridge.security.visibility.VisibilityPolicy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;

/** The ledger's read side: one case (now or as it stood), its history, and filtered pages of the 台账. */
@Component
public class CaseQueries {

    /** The due date of the clock running now, in SQL (null when no clock runs): {@link CaseClock}'s. */
    private static final String RUNNING_DUE = CaseClock.RUNNING_DUE_SQL;

    /**
     * The shared policy's "may see the whole case" ({@code VisibilityPolicy.access(caller, case) == FULL}) as a SQL
     * condition over {@code petition_case}, for one caller: never a case that bars the caller's department; every
     * other case for the bureau and the supervisor; for a department, the cases it handles (lead or co-handler) and
     * those it takes the bureau's or the supervisor's place for. The policy decides single cases in Java
     * ({@link #visibleTo(String, Caller)}); lists need SQL, and {@code VisibleCasesTest} checks this condition
     * against the policy case by case, so the two cannot drift apart.
     */
    record Visibility(String sql, List<Object> params) {

        /** @param countyGovernment the supervisor's code: a complaint about it keeps a case from the county leader */
        static Visibility of(Caller caller, String countyGovernment) {
            if (caller.has(Role.LEADER)) {
                // the county leader reads the whole 台账 but the complaints about the county government
                return new Visibility("(not (? = any (barred)))", List.of(countyGovernment));
            }
            String d = caller.department();
            if (d == null) {
                return new Visibility("false", List.of());
            }
            if (caller.readsEveryCase()) {
                return new Visibility("(not (? = any (barred)))", List.of(d));
            }
            if (!caller.has(Role.DEPARTMENT)) {
                return new Visibility("false", List.of());
            }
            return new Visibility("(not (? = any (barred)) and (lead = ? or ? = any (co_handlers)"
                    + " or acting_bureau = ? or acting_supervisor = ?))", List.of(d, d, d, d, d));
        }
    }

    private static final TypeReference<Map<String, String>> DETAILS = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final CaseRepository cases;
    private final CaseViews views;
    private final VisibilityPolicy policy;

    CaseQueries(JdbcClient jdbc, CaseRepository cases, CaseViews views, VisibilityPolicy policy) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.views = views;
        this.policy = policy;
    }

    /** Whether the case exists and the caller may see all of it (the shared visibility policy). */
    @Transactional(readOnly = true)
    public boolean visibleTo(String petitionNo, Caller caller) {
        return cases.find(petitionNo).filter(c -> policy.access(caller, c.parties()) == Access.FULL).isPresent();
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
     * Filters of the 台账; every one optional but {@code viewer}, the verified caller: the page holds only the cases
     * it may see ({@link Visibility}), whatever the other filters say.
     */
    public record Filter(Caller viewer, String department, String status, String category,
            String divisionPrefix, Boolean overdue, Boolean group, Boolean repeat, LocalDate from, LocalDate to) {
    }

    public record Page(List<CaseView> items, int page, int size, long total) {
    }

    @Transactional(readOnly = true)
    public Page list(Filter f, int page, int size, Instant now) {
        Visibility visible = Visibility.of(f.viewer(), policy.supervisor());
        StringBuilder where = new StringBuilder(" where ").append(visible.sql());
        List<Object> params = new ArrayList<>(visible.params());
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
            where.append(f.overdue() ? " and " + RUNNING_DUE + " < ?" : " and coalesce(" + RUNNING_DUE + " >= ?, true)");
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
        List<CaseView> items = jdbc.sql("select * from petition_case" + where + " order by " + RUNNING_DUE
                        + " asc nulls last, received_at, petition_no limit ? offset ?")
                .params(pageParams).query((rs, i) -> views.view(CaseRepository.map(rs))).list();
        return new Page(items, page, size, total);
    }
}
