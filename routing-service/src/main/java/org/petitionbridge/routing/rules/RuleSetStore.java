package org.petitionbridge.routing.rules;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.petitionbridge.service.county.CountyReference;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.service.problems.InvalidRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The versions of the routing rules, in routing's database. Version 1 is the county's reference data, written
 * when the service starts with none. A new version is validated, numbered and activated in one transaction; a
 * decision reads the active version in its own transaction, so a change takes effect for the next petition and
 * never half-way through one.
 */
@Service
@DependsOnDatabaseInitialization
public class RuleSetStore implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(RuleSetStore.class);

    private final JdbcClient jdbc;
    private final CountyReference county;
    private final RuleSetValidator validator;
    private final TransactionTemplate tx;
    private final Clock clock;
    /** Parsed versions: a version never changes once written, so this cache never goes stale. */
    private final Map<Integer, RuleSet> parsed = new ConcurrentHashMap<>();

    RuleSetStore(JdbcClient jdbc, CountyReference county, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.county = county;
        this.validator = new RuleSetValidator(county);
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** Writes version 1 (the county's reference data) when there is no rule set yet. */
    @Override
    public void afterPropertiesSet() {
        RuleSet first = RuleSet.fromCounty(1, county);
        Integer inserted = tx.execute(status -> jdbc.sql("""
                insert into rule_set (version, active, definition, note, created_at)
                select 1, true, cast(? as jsonb), ?, ? where not exists (select 1 from rule_set)
                on conflict do nothing""")
                .params(json(first), "县级参考数据（demo-county.yaml）", Timestamp.from(clock.instant()))
                .update());
        if (inserted != null && inserted == 1) {
            log.info("Rule set version 1 written from the county's reference data");
        }
        // Refuse to start, rather than dead-letter every petition, when the active version no longer fits the
        // county's reference data.
        log.info("Routing with rule set version {}", active().version());
    }

    /** The active rule set. Called inside the transaction of a decision, so the decision sees one version. */
    public RuleSet active() {
        int version = jdbc.sql("select version from rule_set where active").query(Integer.class).optional()
                .orElseThrow(() -> new IllegalStateException("no active rule set"));
        return parsed.computeIfAbsent(version, this::load);
    }

    private RuleSet load(int version) {
        String definition = jdbc.sql("select definition::text from rule_set where version = ?").param(version)
                .query(String.class).single();
        RuleSetValidator.Outcome outcome = validator.validate(EventCodec.mapper().readValue(definition, Object.class),
                version);
        if (!outcome.valid()) {
            // The reference data changed under a stored version: refuse to route with it rather than guess.
            throw new IllegalStateException("rule set version " + version + " no longer fits the county's reference"
                    + " data: " + outcome.problems());
        }
        return outcome.ruleSet();
    }

    @Transactional(readOnly = true)
    public Optional<RuleSetView> activeView() {
        return jdbc.sql("select version from rule_set where active").query(Integer.class).optional()
                .flatMap(this::find);
    }

    @Transactional(readOnly = true)
    public Optional<RuleSetView> find(int version) {
        return jdbc.sql("select version, active, note, created_at, created_by from rule_set where version = ?")
                .param(version)
                .query((rs, i) -> new Row(rs.getInt("version"), rs.getBoolean("active"), rs.getString("note"),
                        rs.getTimestamp("created_at").toInstant(), rs.getString("created_by")))
                .optional()
                .map(row -> {
                    RuleSet rules = parsed.computeIfAbsent(row.version(), this::load);
                    return new RuleSetView(row.version(), row.active(), row.note(), row.createdAt(), row.createdBy(),
                            RuleSetDocument.categories(rules), RuleSetDocument.townships(rules, county));
                });
    }

    /**
     * Validates a rule set document and, when it is valid, stores it as the next version and makes it the active
     * one, atomically.
     *
     * @param createdBy who posts it, as the caller's verified token names it (its department code, else its client
     *                  id); recorded with the version
     * @throws InvalidRequestException listing every problem, when it is not valid (nothing is stored)
     */
    public RuleSetView create(Object document, String createdBy) {
        RuleSetValidator.Outcome outcome = validator.validate(document, 0);
        if (!outcome.valid()) {
            throw new InvalidRequestException(outcome.problems());
        }
        int version = tx.execute(status -> {
            // One activation at a time; decisions (plain reads) are not blocked and see the old or the new version.
            jdbc.sql("lock table rule_set in exclusive mode").update();
            int next = jdbc.sql("select coalesce(max(version), 0) + 1 from rule_set").query(Integer.class).single();
            Instant now = clock.instant();
            jdbc.sql("update rule_set set active = false where active").update();
            jdbc.sql("insert into rule_set (version, active, definition, note, created_at, created_by)"
                            + " values (?, true, cast(? as jsonb), ?, ?, ?)")
                    .params(next, json(outcome.ruleSet()), outcome.note(), Timestamp.from(now), createdBy)
                    .update();
            return next;
        });
        log.info("Rule set version {} is active, posted by {}", version, createdBy);
        return find(version).orElseThrow();
    }

    private String json(RuleSet rules) {
        return EventCodec.mapper().writeValueAsString(RuleSetDocument.of(rules, county));
    }

    private record Row(int version, boolean active, String note, Instant createdAt, String createdBy) {
    }

    /**
     * A version as the API shows it: the same document that can be posted, plus its version and state.
     * {@code createdBy} is who posted it (department code, else client id), null for version 1 (reference data).
     */
    public record RuleSetView(int version, boolean active, String note, Instant createdAt, String createdBy,
            Map<String, Object> categories, List<Map<String, Object>> townships) {
    }
}
