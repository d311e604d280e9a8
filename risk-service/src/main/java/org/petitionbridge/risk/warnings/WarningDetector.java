package org.petitionbridge.risk.warnings;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import org.petitionbridge.events.WarningChanged;
import org.petitionbridge.service.county.CountyReference;
import org.petitionbridge.service.jdbc.AdvisoryLocks;
import org.petitionbridge.service.jdbc.SqlArrays;
import org.petitionbridge.service.outbox.OutboxWriter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

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
    private final SpikeCounter spikes;
    private final ClusterCounter clusters;
    private final Explanations explain;
    private final OutboxWriter outbox;
    private final Clock clock;
    private final MeterRegistry meters;
    private final TransactionTemplate tx;

    WarningDetector(JdbcClient jdbc, WarningRepository warnings, WarningRules rules, SpikeCounter spikes,
            ClusterCounter clusters, CountyReference county,
            OutboxWriter outbox, Clock clock, MeterRegistry meters, PlatformTransactionManager transactions) {
        this.tx = new TransactionTemplate(transactions);
        // projectChanged runs after the project's transaction committed, while its synchronizations still run: a
        // transaction of its own, not one that joins the finished one (whose commit would never write its changes)
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.jdbc = jdbc;
        this.warnings = warnings;
        this.rules = rules;
        this.spikes = spikes;
        this.clusters = clusters;
        this.explain = new Explanations(county, rules);
        this.outbox = outbox;
        this.clock = clock;
        this.meters = meters;
        // Every type from the start, so that a dashboard's increase() begins at zero.
        for (WarningType type : WarningType.values()) {
            meters.counter("risk.warnings.raised", "type", type.name());
        }
    }

    /** A petition as a window counts it: when it was received. */
    interface Received {
        String petitionNo();

        Instant receivedAt();
    }

    /** What risk keeps of a petition, as the rules read it. */
    record Fact(String petitionNo, String divisionCode, String townshipCode, String category, int groupSize,
            boolean group, String repeatRoot, Set<String> barred, Instant receivedAt) implements Received {
    }

    /**
     * The petitions an assessment is of. Either every one ({@link #all}: a raising window, or a warning of a kind
     * whose situations stay small: a group petition, a matter's chain, a project's petitions), or, for an open
     * CLUSTER or SPIKE warning, only how many, its latest and the bars of them all: a busy township's SPIKE names
     * thousands of petitions, and one joining it must not read every one before it.
     *
     * @param joined the petitions the assessment adds to the warning
     * @param all    every petition, oldest first; null when only the count and the latest are known
     */
    record Members(int count, List<String> latest, Set<String> barred, List<String> joined, List<Fact> all) {

        static Members of(List<Fact> facts, List<String> joined) {
            Set<String> barred = new LinkedHashSet<>();
            facts.forEach(x -> barred.addAll(x.barred()));
            List<String> numbers = facts.stream().map(Fact::petitionNo).toList();
            return new Members(numbers.size(), latest(numbers), barred, joined, facts);
        }

        /** The last {@link WarningChanged#NAMED} of these petitions (ordered oldest first). */
        static List<String> latest(List<String> numbers) {
            return List.copyOf(numbers.subList(Math.max(0, numbers.size() - WarningChanged.NAMED), numbers.size()));
        }
    }

    /**
     * Raises or updates the warnings of every situation the petition, stored before this transaction, belongs to;
     * returns the changes.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int evaluate(String petitionNo) {
        return evaluate(petitionNo, false);
    }

    /**
     * Raises or updates the warnings of every situation the stored petition belongs to; returns the changes.
     *
     * @param storedNow the petition's fact was inserted in this transaction: no warning stored before names it (a
     *                  warning names only stored facts), so whether one does is not asked of the database
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int evaluate(String petitionNo, boolean storedNow) {
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
        List<String> keys = new ArrayList<>();
        situations.forEach(x -> {
            keys.add(x.key());
            keys.add(x.asBureauOnly().key());
        });
        AdvisoryLocks.lockAll(jdbc, LOCKS, keys);

        Instant now = clock.instant();
        int changes = 0;
        for (Situation x : situations) {
            changes += consider(x, f, storedNow, now);
        }
        return changes;
    }

    /**
     * The petition in its situation. A group petition is its own situation: the departments its complaint bars are
     * simply not among those responsible. For any other, a petition that bars a department responsible for the
     * situation counts only in the bureau-only warning; any other petition counts in the warning the responsible
     * departments see and in the bureau-only one (which is raised only when it holds a petition the other leaves
     * out, so that it never repeats the other).
     */
    private int consider(Situation s, Fact f, boolean storedNow, Instant now) {
        Set<String> responsible = responsibleFor(s);
        if (s.type() == WarningType.GROUP_PETITION) {
            // a group petition's category may come later, from the ledger: its competent department then answers too
            return considerIn(s, f, new LinkedHashSet<>(explain.responsible(f.townshipCode(), f.category())), storedNow,
                    now);
        }
        int changes = 0;
        if (Collections.disjoint(f.barred(), responsible)) {
            changes += considerIn(s, f, responsible, storedNow, now);
        }
        return changes + considerIn(s.asBureauOnly(), f, responsible, storedNow, now);
    }

    private int considerIn(Situation s, Fact f, Set<String> responsible, boolean storedNow, Instant now) {
        // the warning the responsible departments see never counts a petition that bars one of them
        Set<String> excluded = s.bureauOnly() || s.type() == WarningType.GROUP_PETITION ? Set.of() : responsible;
        Optional<Warning> open = warnings.lockOpen(s.key());
        if (open.isPresent()) {
            Warning w = open.get();
            Warning.Assessment assessed = assess(s, f, joining(s, w, f, storedNow), responsible, excluded);
            if (w.update(assessed, now)) {
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
        if (s.bureauOnly() && (s.type() == WarningType.CLUSTER || s.type() == WarningType.SPIKE)
                && !anyBarring(s, f, s.type() == WarningType.CLUSTER ? rules.cluster().days() : rules.spike().days(),
                        since, responsible)) {
            return 0;
        }
        Optional<List<Fact>> raising = raising(s, f, since, excluded)
                .filter(petitions -> !s.bureauOnly() || petitions.stream()
                        .anyMatch(x -> !Collections.disjoint(x.barred(), responsible)));
        if (raising.isEmpty()) {
            return 0;
        }
        List<String> raisers = raising.get().stream().map(Fact::petitionNo).toList();
        Warning w = Warning.raise(s, assess(s, f, Members.of(raising.get(), raisers), responsible, excluded), now);
        warnings.insert(w);
        publish(w, "RAISED", now);
        meters.counter("risk.warnings.raised", "type", s.type().name()).increment();
        return 1;
    }

    /**
     * The petitions that raise a warning of a situation that has none open, or empty when they do not (yet). Only
     * petitions received after {@code since} (the last warning's closing) count, except for a repeat: the matter's
     * count is the whole chain, and the petition just stored is after the closing. A cluster or project is raised by
     * any window of its days that holds this petition, also one that ends at a petition received later but stored
     * earlier, so that the order in which petitions are consumed does not matter.
     */
    private Optional<List<Fact>> raising(Situation s, Fact f, Instant since, Set<String> excluded) {
        return switch (s.type()) {
            case GROUP_PETITION -> Optional.of(List.of(f));
            case REPEAT -> {
                List<Fact> chain = chain(f.repeatRoot(), excluded);
                yield rules.repeat().raises(repeatTimes(f.repeatRoot(), chain)) ? Optional.of(chain)
                        : Optional.empty();
            }
            case CLUSTER -> windowRaising(around(s.townshipCode(), s.category(), null, f, rules.cluster().days(), since,
                    excluded), f, rules.cluster().days(), w -> rules.cluster().raises(w.size()));
            case PROJECT -> {
                int high = openHighIssues(s.projectId());
                yield windowRaising(around(null, null, s.projectId(), f, rules.project().days(), since, excluded), f,
                        rules.project().days(), w -> rules.project().raises(w.size() + high,
                                w.stream().anyMatch(Fact::group)));
            }
            case SPIKE -> {
                WarningRules.Spike rule = rules.spike();
                List<Fact> current = upTo(around(s.townshipCode(), s.category(), null, f, rule.days(), since,
                        excluded), f.receivedAt(), rule.days());
                yield rule.raises(current.size(), spikes.count(s, f.receivedAt(), Set.of()).trailing()) ? Optional.of(current)
                        : Optional.empty();
            }
        };
    }

    /**
     * The petitions of an open warning with {@code f} joining it (or named already). A CLUSTER or SPIKE warning is
     * read as its count, its latest and its bars, which f adds to; any other as every petition it names.
     */
    private Members joining(Situation s, Warning w, Fact f, boolean storedNow) {
        boolean named = warnings.names(w.id(), f.petitionNo(), !storedNow);
        if (s.type() == WarningType.CLUSTER || s.type() == WarningType.SPIKE) {
            if (named) {
                return new Members(w.petitionCount(), w.latestPetitionNos(), w.barred(), List.of(), null);
            }
            List<String> latest = new ArrayList<>(w.latestPetitionNos());
            // nearly always f was received after the warning's latest: then it goes last, without sorting them all
            boolean last = latest.isEmpty() || receivedAfter(f, latest.get(latest.size() - 1));
            latest.add(f.petitionNo());
            Set<String> barred = new LinkedHashSet<>(w.barred());
            barred.addAll(f.barred());
            return new Members(w.petitionCount() + 1, Members.latest(last ? latest : inReceiptOrder(latest)), barred,
                    List.of(f.petitionNo()), null);
        }
        List<String> petitions = new ArrayList<>(warnings.petitionNos(w.id()));
        if (!named) {
            petitions.add(f.petitionNo());
        }
        return Members.of(facts(petitions), named ? List.of() : List.of(f.petitionNo()));
    }

    /** What the situation looks like with these petitions: its level, departments, bars and explanation. */
    private Warning.Assessment assess(Situation s, Fact f, Members m, Set<String> responsible, Set<String> excluded) {
        Set<String> barred = m.barred();
        List<String> departments = s.bureauOnly() ? List.of()
                : responsible.stream().filter(d -> !barred.contains(d)).toList();
        String note = s.bureauOnly() ? Explanations.BUREAU_ONLY : "";
        return switch (s.type()) {
            case GROUP_PETITION -> {
                WarningLevel level = rules.group().level(f.groupSize());
                yield assessment(m, level, departments, explain.group(f, level) + note, false, f.category());
            }
            case REPEAT -> {
                int times = repeatTimes(f.repeatRoot(), m.all());
                WarningLevel level = rules.repeat().level(times);
                List<String> numbers = m.all().stream().map(Fact::petitionNo).toList();
                yield assessment(m, level, departments,
                        explain.repeat(numbers.contains(f.repeatRoot()) ? f.repeatRoot() : null, numbers, times, level)
                                + note, false, null);
            }
            case CLUSTER -> {
                int window = clusters.mostInOneWindow(s.townshipCode(), s.category(), f, rules.cluster().days(),
                        excluded);
                WarningLevel level = rules.cluster().level(window);
                yield assessment(m, level, departments,
                        explain.cluster(s.townshipCode(), s.category(), window, m.count(), level) + note, false, null);
            }
            case SPIKE -> {
                WarningRules.Spike rule = rules.spike();
                SpikeCounter.SpikeCounts counts = spikes.count(s, f.receivedAt(), excluded);
                int current = counts.current();
                List<Integer> trailing = counts.trailing();
                WarningLevel level = rule.level(current, trailing);
                yield assessment(m, level, departments,
                        explain.spike(s.townshipCode(), s.category(), current, trailing, level) + note, false, null);
            }
            case PROJECT -> {
                ProjectFacts project = project(s.projectId());
                boolean anyGroup = m.all().stream().anyMatch(Fact::group);
                boolean contradicted = "LOW".equals(project.level());
                WarningLevel level = rules.project().level(contradicted, anyGroup);
                yield assessment(m, level, departments,
                        explain.project(project, m.all(), openHighIssues(s.projectId()), contradicted, anyGroup, level)
                                + note, contradicted, null);
            }
        };
    }

    private static Warning.Assessment assessment(Members m, WarningLevel level, List<String> departments,
            String explanation, boolean contradicts, String category) {
        return new Warning.Assessment(m.latest(), m.count(), m.joined(), level, departments, m.barred(), explanation,
                contradicts, category);
    }

    /**
     * Who answers for a situation: the township's government (属地管理) and the department competent for the category
     * (谁主管、谁负责), as the county's reference names them; for a project, its department.
     */
    private Set<String> responsibleFor(Situation s) {
        if (s.type() == WarningType.PROJECT) {
            return Set.of(project(s.projectId()).department());
        }
        return new LinkedHashSet<>(explain.responsible(s.townshipCode(), s.category()));
    }

    /**
     * A project was assessed or decided: its open PROJECT warnings (and their bureau-only counterpart) say what its
     * latest assessment says now, e.g. a project assessed LOW after its petitions came is contradicted by them. Runs
     * in a transaction of its own, after the project's change committed (the project's row lock is then released,
     * so it never waits in a circle with a petition holding a situation's lock).
     */
    public int projectChanged(UUID project) {
        Integer changes = tx.execute(status -> {
            Situation main = Situation.project(project);
            AdvisoryLocks.lockAll(jdbc, LOCKS, List.of(main.key(), main.asBureauOnly().key()));
            Instant now = clock.instant();
            int changed = 0;
            for (Situation s : List.of(main, main.asBureauOnly())) {
                Optional<Warning> open = warnings.lockOpen(s.key());
                if (open.isEmpty()) {
                    continue;
                }
                Warning w = open.get();
                List<Fact> facts = facts(warnings.petitionNos(w.id()));
                Set<String> responsible = responsibleFor(s);
                Warning.Assessment assessed = assess(s, facts.get(facts.size() - 1), Members.of(facts, List.of()),
                        responsible, s.bureauOnly() ? Set.of() : responsible);
                if (w.update(assessed, now)) {
                    warnings.save(w);
                    publish(w, "UPDATED", now);
                    changed++;
                }
            }
            return changed;
        });
        return changes == null ? 0 : changes;
    }

    /**
     * How many times the matter was petitioned: the petitions of the chain, and its first one when risk never
     * stored it (received before risk ran). A first petition stored but left out (it bars the viewer) is not
     * counted, so that the count does not give it away.
     */
    private int repeatTimes(String root, List<Fact> chain) {
        boolean named = chain.stream().anyMatch(x -> x.petitionNo().equals(root));
        return named || fact(root).isPresent() ? chain.size() : chain.size() + 1;
    }

    /**
     * A screening report found a HIGH-risk issue of the project: open HIGH issues count toward its PROJECT warning
     * as petitions do, so the warning is raised or updated now (looked at with the project's latest petition; a
     * project without petitions has no warning to raise). Call in the transaction that stores the report.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int highIssueReported(UUID project) {
        Optional<Fact> latest = jdbc.sql("""
                        select f.* from petition_fact f join project_petition l on l.petition_no = f.petition_no
                        where l.project_id = ? order by f.received_at desc, f.petition_no desc limit 1""")
                .param(project).query((rs, i) -> fact(rs)).optional();
        if (latest.isEmpty()) {
            return 0;
        }
        Situation s = Situation.project(project);
        AdvisoryLocks.lockAll(jdbc, LOCKS, List.of(s.key(), s.asBureauOnly().key()));
        return consider(s, latest.get(), false, clock.instant());
    }

    /** The project's HIGH-risk issues of the 矛盾纠纷 ledger still open (they count toward its PROJECT warning). */
    private int openHighIssues(UUID project) {
        return jdbc.sql("""
                        select count(*) from dispute where project_id = ? and risk_level = 'HIGH'
                          and status in ('OPEN', 'IN_PROGRESS', 'ESCALATED')""")
                .param(project).query(Integer.class).single();
    }

    /*
     * The windows below are found by binary search in the petitions around, which come ordered by their time of
     * receipt: a situation may hold thousands of petitions, and comparing each with each would cost the square of
     * that for every petition that joins.
     */

    /** The first window of {@code days} holding {@code f}, ending at f or a later petition, that raises. */
    static <T extends Received> Optional<List<T>> windowRaising(List<T> around, Received f, int days,
            java.util.function.Predicate<List<T>> raises) {
        int at = indexOf(around, f);
        if (at < 0) {
            return Optional.empty();
        }
        for (int end = firstAfter(around, f.receivedAt()) - 1; end < around.size(); end++) {
            Instant until = around.get(end).receivedAt();
            int from = firstAfter(around, until.minus(Duration.ofDays(days)));
            if (from > at) {
                break;   // later windows no longer hold f
            }
            int to = firstAfter(around, until);
            end = to - 1;   // petitions received at the same moment end the same window
            List<T> window = around.subList(from, to);
            if (raises.test(window)) {
                return Optional.of(window);
            }
        }
        return Optional.empty();
    }

    /** The petitions received in the {@code days} up to {@code end} (after end minus days, up to end). */
    static <T extends Received> List<T> upTo(List<T> around, Instant end, int days) {
        return around.subList(firstAfter(around, end.minus(Duration.ofDays(days))), firstAfter(around, end));
    }

    /** The index of the first of these petitions (ordered by receipt) received after {@code t}; size if none. */
    private static int firstAfter(List<? extends Received> sorted, Instant t) {
        int lo = 0;
        int hi = sorted.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted.get(mid).receivedAt().isAfter(t)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private static int indexOf(List<? extends Received> around, Received f) {
        for (int i = 0; i < around.size(); i++) {
            if (around.get(i).petitionNo().equals(f.petitionNo())) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The warning's event, once per transaction: when several petitions of one consumed batch join a warning, the
     * departments hear of it once, in its state at the commit (a warning raised and then joined is RAISED).
     */
    private void publish(Warning w, String action, Instant now) {
        outbox.appendLatest(w.event(action, now), now, (earlier, later) -> "RAISED".equals(earlier.action())
                ? w.event("RAISED", now) : later);
    }

    private Optional<Fact> fact(String petitionNo) {
        return facts(List.of(petitionNo)).stream().findFirst();
    }

    private List<Fact> facts(List<String> petitionNos) {
        return remembered(jdbc.sql("""
                        select * from petition_fact where petition_no = any (:nos)
                        order by received_at, petition_no""")
                .param("nos", SqlArrays.of(petitionNos)).query((rs, i) -> fact(rs)).list());
    }

    /** These petitions, their times of receipt remembered for the rest of the transaction. */
    private <T extends Received> List<T> remembered(List<T> petitions) {
        petitions.forEach(x -> warnings.remember(x.petitionNo(), x.receivedAt()));
        return petitions;
    }

    private static Fact fact(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Fact(rs.getString("petition_no"), rs.getString("division_code"), rs.getString("township_code"),
                rs.getString("category"), rs.getInt("group_size"), rs.getBoolean("is_group"),
                rs.getString("repeat_root"), new LinkedHashSet<>(SqlArrays.strings(rs, "barred")),
                rs.getTimestamp("received_at").toInstant());
    }

    /** The petitions of the same matter (the first and every one that repeats it), without those barring {@code excluded}. */
    private List<Fact> chain(String root, Set<String> excluded) {
        return jdbc.sql("""
                        select * from petition_fact
                        where (repeat_root = :root or petition_no = :root)
                          and not (barred && cast(:excluded as text[]))
                        order by received_at, petition_no""")
                .param("root", root).param("excluded", SqlArrays.of(excluded))
                .query((rs, i) -> fact(rs)).list();
    }

    /**
     * The petitions of the township and/or category, or linked to the project, received within {@code days} before
     * or after {@code f}, after {@code since}, without those whose complaint bars one of {@code excluded}.
     */
    private List<Fact> around(String township, String category, UUID project, Fact f, int days, Instant since,
            Set<String> excluded) {
        Instant from = f.receivedAt().minus(Duration.ofDays(days));
        if (since != null && since.isAfter(from)) {
            from = since;
        }
        return remembered(jdbc.sql("""
                        select f.* from petition_fact f
                        where f.received_at > :from and f.received_at <= :until
                          and (cast(:township as text) is null or f.township_code = :township)
                          and (cast(:category as text) is null or f.category = :category)
                          and (cast(:project as uuid) is null or exists (select 1 from project_petition l
                               where l.project_id = :project and l.petition_no = f.petition_no))
                          and not (f.barred && cast(:excluded as text[]))
                        order by f.received_at, f.petition_no""")
                .param("from", Timestamp.from(from))
                .param("until", Timestamp.from(f.receivedAt().plus(Duration.ofDays(days))))
                .param("township", township).param("category", category).param("project", project)
                .param("excluded", SqlArrays.of(excluded))
                .query((rs, i) -> fact(rs)).list());
    }

    /**
     * Whether any petition around {@code f} that a CLUSTER or SPIKE could raise a warning with bars one of
     * {@code responsible}: a bureau-only warning needs one, and a busy situation has none nearly always, so its
     * window is not read for nothing (one statement that stops at the first).
     */
    private boolean anyBarring(Situation s, Fact f, int days, Instant since, Set<String> responsible) {
        Instant from = f.receivedAt().minus(Duration.ofDays(days));
        if (since != null && since.isAfter(from)) {
            from = since;
        }
        // cardinality(barred) > 0: only the barring petitions' own index is read
        StringBuilder sql = new StringBuilder("select exists (select 1 from petition_fact"
                + " where received_at > :from and received_at <= :until and cardinality(barred) > 0"
                + " and barred && cast(:responsible as text[])");
        return ofSituation(s, sql, ")").param("from", Timestamp.from(from))
                .param("until", Timestamp.from(f.receivedAt().plus(Duration.ofDays(days))))
                .param("responsible", SqlArrays.of(responsible)).query(Boolean.class).single();
    }

    /**
     * The statement with the situation's own conditions added (its township, its category, or both), and only
     * those, so that the township's or the category's index serves every plan; {@code end} closes it.
     */
    private JdbcClient.StatementSpec ofSituation(Situation s, StringBuilder sql, String... end) {
        if (s.townshipCode() != null) {
            sql.append(" and township_code = :township");
        }
        if (s.category() != null) {
            sql.append(" and category = :category");
        }
        JdbcClient.StatementSpec statement = jdbc.sql(sql.append(String.join("", end)).toString());
        statement = s.townshipCode() == null ? statement : statement.param("township", s.townshipCode());
        return s.category() == null ? statement : statement.param("category", s.category());
    }

    /**
     * Whether f comes after the petition in the order of receipt (then of numbers) of {@link #inReceiptOrder}: told by
     * their times when this transaction read the petition's and they differ, else by the database (which orders
     * numbers received at the same moment by its collation).
     */
    private boolean receivedAfter(Fact f, String petitionNo) {
        Instant other = warnings.receivedAt(petitionNo);
        if (other != null && !other.equals(f.receivedAt())) {
            return f.receivedAt().isAfter(other);
        }
        return jdbc.sql("select (cast(? as timestamptz), cast(? as text)) > (received_at, petition_no)"
                        + " from petition_fact where petition_no = ?")
                .params(Timestamp.from(f.receivedAt()), f.petitionNo(), petitionNo).query(Boolean.class).optional()
                .orElse(false);
    }

    /**
     * These petitions in the order of their receipt (then of their numbers): sorted here when this transaction read
     * when each was received and no two were received at the same moment, else by the database.
     */
    private List<String> inReceiptOrder(List<String> petitionNos) {
        Map<String, Instant> times = new HashMap<>();
        petitionNos.forEach(no -> {
            Instant t = warnings.receivedAt(no);
            if (t != null) {
                times.put(no, t);
            }
        });
        if (times.size() == petitionNos.size() && new HashSet<>(times.values()).size() == times.size()) {
            return petitionNos.stream().sorted(Comparator.comparing(times::get)).toList();
        }
        return jdbc.sql("select petition_no from petition_fact where petition_no = any (?) order by received_at, petition_no")
                .param(SqlArrays.of(petitionNos)).query(String.class).list();
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
