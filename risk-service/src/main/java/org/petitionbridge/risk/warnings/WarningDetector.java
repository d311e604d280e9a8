package org.petitionbridge.risk.warnings;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import org.petitionbridge.service.county.CountyReference;
import org.petitionbridge.service.jdbc.AdvisoryLocks;
import org.petitionbridge.service.jdbc.SqlArrays;
import org.petitionbridge.service.outbox.OutboxWriter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Looks at each petition risk stores, in the transaction that stores it, and raises or updates the warnings of the
 * situations it belongs to ({@link WarningRules}; docs/risk.md, "Warnings"):
 * <ul>
 * <li>one warning per situation while it is open: a new petition of the situation joins it (UPDATED), it never
 * raises a second;</li>
 * <li>after a warning was closed (RESOLVED or DISMISSED), only petitions received after that count towards a new
 * one, and a group petition is never warned of twice;</li>
 * <li>windows are counted back from the petition's own time of receipt, so the answer does not depend on when the
 * event is consumed.</li>
 * </ul>
 * Situations are locked (advisory, in ascending key order) for the rest of the transaction, so two petitions of one
 * situation consumed at once never raise it twice.
 */
@Service
public class WarningDetector {

    private static final String LOCKS = "risk-warnings";

    private final JdbcClient jdbc;
    private final WarningRepository warnings;
    private final WarningRules rules;
    private final Explanations explain;
    private final OutboxWriter outbox;
    private final Clock clock;
    private final MeterRegistry meters;

    WarningDetector(JdbcClient jdbc, WarningRepository warnings, WarningRules rules, CountyReference county,
            OutboxWriter outbox, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.warnings = warnings;
        this.rules = rules;
        this.explain = new Explanations(county, rules);
        this.outbox = outbox;
        this.clock = clock;
        this.meters = meters;
    }

    /** What risk keeps of a petition, as the rules read it. */
    record Fact(String petitionNo, String divisionCode, String townshipCode, String category, int groupSize,
            boolean group, String repeatRoot, Set<String> barred, Instant receivedAt) {
    }

    /** Raises or updates the warnings of every situation the stored petition belongs to; returns the changes. */
    @Transactional(propagation = Propagation.MANDATORY)
    public int evaluate(String petitionNo) {
        Fact f = fact(petitionNo).orElseThrow();
        List<Situation> situations = new ArrayList<>();
        if (f.group()) {
            situations.add(Situation.group(f.petitionNo(), f.townshipCode(), f.category()));
        }
        if (f.repeatRoot() != null) {
            situations.add(Situation.repeat(f.repeatRoot(), f.townshipCode(), f.category()));
        }
        if (f.townshipCode() != null && f.category() != null) {
            situations.add(Situation.cluster(f.townshipCode(), f.category()));
        }
        if (f.townshipCode() != null) {
            situations.add(Situation.townshipSpike(f.townshipCode()));
        }
        if (f.category() != null) {
            situations.add(Situation.categorySpike(f.category()));
        }
        linkedProjects(f.petitionNo()).forEach(p -> situations.add(Situation.project(p)));
        AdvisoryLocks.lockAll(jdbc, LOCKS, situations.stream().map(Situation::key).toList());

        Instant now = clock.instant();
        int changes = 0;
        for (Situation s : situations) {
            changes += consider(s, f, now);
        }
        return changes;
    }

    private int consider(Situation s, Fact f, Instant now) {
        Optional<Warning> open = warnings.lockOpen(s.key());
        if (open.isPresent()) {
            Warning w = open.get();
            List<String> petitions = new ArrayList<>(w.petitionNos());
            if (!petitions.contains(f.petitionNo())) {
                petitions.add(f.petitionNo());
            }
            Optional<Warning.Assessment> assessed = assess(s, f, petitions, true);
            if (assessed.isPresent() && w.update(assessed.get(), now)) {
                warnings.save(w);
                publish(w, "UPDATED", now);
                return 1;
            }
            return 0;
        }
        if (s.type() == WarningType.GROUP_PETITION && warnings.exists(s.key())) {
            return 0;
        }
        Instant since = warnings.lastClosed(s.key()).orElse(null);
        if (since != null && !f.receivedAt().isAfter(since)) {
            return 0;
        }
        List<String> petitions = candidates(s, f, since);
        Optional<Warning.Assessment> raised = assess(s, f, petitions, false);
        if (raised.isEmpty()) {
            return 0;
        }
        Warning w = Warning.raise(s, raised.get(), now);
        warnings.insert(w);
        publish(w, "RAISED", now);
        meters.counter("risk.warnings.raised", "type", s.type().name()).increment();
        return 1;
    }

    /** The petitions of a situation without an open warning, received in its window (after {@code since}). */
    private List<String> candidates(Situation s, Fact f, Instant since) {
        return switch (s.type()) {
            case GROUP_PETITION -> List.of(f.petitionNo());
            case REPEAT -> chain(f.repeatRoot(), since);
            case CLUSTER -> window(f.townshipCode(), f.category(), null, f.receivedAt(), rules.cluster().days(), since);
            case SPIKE -> window(s.townshipCode(), s.category(), null, f.receivedAt(), rules.spike().days(), since);
            case PROJECT -> window(null, null, s.projectId(), f.receivedAt(), rules.project().days(), since);
        };
    }

    /**
     * What the situation looks like with these petitions; empty when it does not (yet) call for a warning. An open
     * warning ({@code open}) is kept whatever the count: only its level and petitions change.
     */
    private Optional<Warning.Assessment> assess(Situation s, Fact f, List<String> petitions, boolean open) {
        List<Fact> facts = facts(petitions);
        Set<String> barred = new LinkedHashSet<>();
        facts.forEach(x -> barred.addAll(x.barred()));
        List<String> numbers = facts.stream().map(Fact::petitionNo).toList();
        switch (s.type()) {
            case GROUP_PETITION -> {
                WarningLevel level = rules.group().level(f.groupSize());
                return Optional.of(new Warning.Assessment(numbers, level,
                        responsible(f.townshipCode(), f.category(), barred), barred, explain.group(f, level), false));
            }
            case REPEAT -> {
                int times = repeatTimes(f.repeatRoot(), numbers);
                if (!open && !rules.repeat().raises(times)) {
                    return Optional.empty();
                }
                WarningLevel level = rules.repeat().level(times);
                return Optional.of(new Warning.Assessment(numbers, level,
                        responsible(f.townshipCode(), f.category(), barred), barred,
                        explain.repeat(f.repeatRoot(), numbers, times, level), false));
            }
            case CLUSTER -> {
                if (!open && !rules.cluster().raises(numbers.size())) {
                    return Optional.empty();
                }
                WarningLevel level = rules.cluster().level(numbers.size());
                return Optional.of(new Warning.Assessment(numbers, level,
                        responsible(s.townshipCode(), s.category(), barred), barred,
                        explain.cluster(s.townshipCode(), s.category(), numbers.size(), level), false));
            }
            case SPIKE -> {
                WarningRules.Spike rule = rules.spike();
                int current = window(s.townshipCode(), s.category(), null, f.receivedAt(), rule.days(), null).size();
                List<Integer> trailing = new ArrayList<>();
                for (int k = 1; k <= rule.trailingPeriods(); k++) {
                    trailing.add(count(s.townshipCode(), s.category(),
                            f.receivedAt().minus(Duration.ofDays((long) rule.days() * (k + 1))),
                            f.receivedAt().minus(Duration.ofDays((long) rule.days() * k))));
                }
                if (!open && !rule.raises(numbers.size(), trailing)) {
                    return Optional.empty();
                }
                WarningLevel level = rule.level(current, trailing);
                return Optional.of(new Warning.Assessment(numbers, level,
                        responsible(s.townshipCode(), s.category(), barred), barred,
                        explain.spike(s.townshipCode(), s.category(), current, trailing, level), false));
            }
            case PROJECT -> {
                ProjectFacts project = project(s.projectId());
                boolean anyGroup = facts.stream().anyMatch(Fact::group);
                if (!open && !rules.project().raises(numbers.size(), anyGroup)) {
                    return Optional.empty();
                }
                boolean contradicted = "LOW".equals(project.level());
                WarningLevel level = rules.project().level(contradicted, anyGroup);
                Set<String> departments = new LinkedHashSet<>(List.of(project.department()));
                departments.removeAll(barred);
                return Optional.of(new Warning.Assessment(numbers, level, List.copyOf(departments), barred,
                        explain.project(project, facts, contradicted, anyGroup, level), contradicted));
            }
        }
        throw new IllegalStateException("unknown warning type " + s.type());
    }

    /**
     * Who answers for a situation: the township's government (属地管理) and the department competent for the category
     * (谁主管、谁负责), as the county's reference names them; never a department one of its petitions bars.
     */
    private List<String> responsible(String township, String category, Set<String> barred) {
        return explain.responsible(township, category).stream().filter(d -> !barred.contains(d)).toList();
    }

    private int repeatTimes(String root, List<String> chain) {
        // the first petition counts even when risk never stored it (received before risk ran)
        return chain.contains(root) ? chain.size() : chain.size() + 1;
    }

    private void publish(Warning w, String action, Instant now) {
        outbox.append(w.event(action, now), now);
    }

    private Optional<Fact> fact(String petitionNo) {
        return facts(List.of(petitionNo)).stream().findFirst();
    }

    private List<Fact> facts(List<String> petitionNos) {
        return jdbc.sql("""
                        select * from petition_fact where petition_no = any (:nos)
                        order by received_at, petition_no""")
                .param("nos", SqlArrays.of(petitionNos))
                .query((rs, i) -> new Fact(rs.getString("petition_no"), rs.getString("division_code"),
                        rs.getString("township_code"), rs.getString("category"), rs.getInt("group_size"),
                        rs.getBoolean("is_group"), rs.getString("repeat_root"),
                        new LinkedHashSet<>(SqlArrays.strings(rs, "barred")),
                        rs.getTimestamp("received_at").toInstant()))
                .list();
    }

    /** The petitions of the same matter: the first and every one that repeats it, received after {@code since}. */
    private List<String> chain(String root, Instant since) {
        return jdbc.sql("""
                        select petition_no from petition_fact
                        where (repeat_root = :root or petition_no = :root)
                          and (cast(:since as timestamptz) is null or received_at > :since)
                        order by received_at, petition_no""")
                .param("root", root).param("since", since == null ? null : Timestamp.from(since))
                .query(String.class).list();
    }

    /** Petitions of the township and/or category, or linked to the project, in the days up to {@code until}. */
    private List<String> window(String township, String category, UUID project, Instant until, int days,
            Instant since) {
        Instant from = until.minus(Duration.ofDays(days));
        if (since != null && since.isAfter(from)) {
            from = since;
        }
        return jdbc.sql("""
                        select f.petition_no from petition_fact f
                        where f.received_at > :from and f.received_at <= :until
                          and (cast(:township as text) is null or f.township_code = :township)
                          and (cast(:category as text) is null or f.category = :category)
                          and (cast(:project as uuid) is null or exists (select 1 from project_petition l
                               where l.project_id = :project and l.petition_no = f.petition_no))
                        order by f.received_at, f.petition_no""")
                .param("from", Timestamp.from(from)).param("until", Timestamp.from(until))
                .param("township", township).param("category", category).param("project", project)
                .query(String.class).list();
    }

    private int count(String township, String category, Instant from, Instant until) {
        return jdbc.sql("""
                        select count(*) from petition_fact
                        where received_at > :from and received_at <= :until
                          and (cast(:township as text) is null or township_code = :township)
                          and (cast(:category as text) is null or category = :category)""")
                .param("from", Timestamp.from(from)).param("until", Timestamp.from(until))
                .param("township", township).param("category", category).query(Integer.class).single();
    }

    private List<UUID> linkedProjects(String petitionNo) {
        return jdbc.sql("select project_id from project_petition where petition_no = ? order by project_id")
                .param(petitionNo).query(UUID.class).list();
    }

    /** What a PROJECT warning says of its project. */
    record ProjectFacts(UUID id, String name, String department, String status, String level, int assessments) {
    }

    private ProjectFacts project(UUID id) {
        return jdbc.sql("""
                        select p.id, p.name, p.department, p.status, p.level,
                            (select count(*) from assessment a where a.project_id = p.id) as assessments
                        from project p where p.id = ?""")
                .param(id).query((rs, i) -> new ProjectFacts(rs.getObject("id", UUID.class), rs.getString("name"),
                        rs.getString("department"), rs.getString("status"), rs.getString("level"),
                        rs.getInt("assessments")))
                .single();
    }

    static String numbers(List<String> petitionNos) {
        return petitionNos.stream().collect(Collectors.joining("、"));
    }
}
