package org.petitionbridge.ledger.clocks;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.petitionbridge.events.DeadlineReached;
import org.petitionbridge.service.outbox.OutboxWriter;
import org.petitionbridge.ledger.cases.CaseClock;
import org.petitionbridge.ledger.cases.CaseRepository;
import org.petitionbridge.ledger.cases.CaseState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Watches the statutory clocks. For the clock running on each open case it publishes, once per case, clock,
 * kind and due date, DUE_SOON (within the configured days before the due date), OVERDUE (the due date has
 * passed) and ESCALATED (督办: overdue for more than the configured days) on {@code petition.deadline.v1}. Which
 * clock runs in which status is {@link CaseClock}'s, in Java and in the SQL that finds the candidates.
 */
@Component
public class DeadlineScanner {

    private static final Logger log = LoggerFactory.getLogger(DeadlineScanner.class);

    private final JdbcClient jdbc;
    private final CaseRepository cases;
    private final OutboxWriter outbox;
    private final ClockPolicy policy;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final MeterRegistry meters;

    DeadlineScanner(JdbcClient jdbc, CaseRepository cases, OutboxWriter outbox, ClockPolicy policy, Clock clock,
            PlatformTransactionManager transactions, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.outbox = outbox;
        this.policy = policy;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
        this.meters = meters;
    }

    @Scheduled(fixedDelayString = "${petition-bridge.ledger.deadline-scan-interval:60s}",
            initialDelayString = "${petition-bridge.ledger.deadline-scan-interval:60s}")
    public void scheduledScan() {
        try {
            scan();
        } catch (RuntimeException e) {
            log.warn("Deadline scan failed; it runs again at the next interval: {}", e.getMessage());
        }
    }

    /** Scans every open case whose running clock is due within the horizon; returns the events raised. */
    public int scan() {
        Instant now = clock.instant();
        LocalDate today = StatutoryClock.day(now);
        List<String> candidates = jdbc.sql("select petition_no from petition_case where " + CaseClock.RUNNING_DUE_SQL
                        + " <= ? order by petition_no")
                .param(today.plusDays(policy.dueSoonDays())).query(String.class).list();
        int raised = 0;
        for (String petitionNo : candidates) {
            Integer n = tx.execute(status -> scanOne(petitionNo, now, today));
            raised += n == null ? 0 : n;
        }
        return raised;
    }

    private int scanOne(String petitionNo, Instant now, LocalDate today) {
        cases.lock(petitionNo);
        CaseState c = cases.find(petitionNo).orElse(null);
        CaseClock active = c == null ? null : c.runningClock().orElse(null);
        LocalDate due = active == null ? null : active.dueOf(c);
        if (due == null) {
            return 0;
        }
        int daysOverdue = (int) ChronoUnit.DAYS.between(due, today);
        List<String> kinds = new ArrayList<>();
        if (daysOverdue <= 0 && daysOverdue >= -policy.dueSoonDays()) {
            kinds.add("DUE_SOON");
        }
        if (daysOverdue > 0) {
            kinds.add("OVERDUE");
        }
        if (daysOverdue > policy.escalateAfterDays()) {
            kinds.add("ESCALATED");
        }
        int raised = 0;
        for (String kind : kinds) {
            int inserted = jdbc.sql("insert into deadline_notice (petition_no, clock, kind, due_date, raised_at)"
                            + " values (?, ?, ?, ?, ?) on conflict do nothing")
                    .params(petitionNo, active.name(), kind, due, Timestamp.from(now)).update();
            if (inserted == 1) {
                outbox.append(new DeadlineReached(petitionNo, kind, active.name(), due, daysOverdue,
                        c.status().name(), c.lead(), c.coHandlers(), c.category(), c.petitionClass(),
                        c.divisionCode(), c.complainedDepartment(), now, c.barred(), c.sequence()), now);
                meters.counter("ledger.deadline.events", "kind", kind, "clock", active.name()).increment();
                raised++;
            }
        }
        return raised;
    }
}
