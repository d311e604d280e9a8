package org.petitionbridge.risk.warnings;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.petitionbridge.service.outbox.OutboxWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Watches RED warnings: one still OPEN (nobody responsible acknowledged it) the configured time after it became RED
 * is escalated once: ESCALATED on {@code risk.warning.v1}, which notify gives the (acting) bureau. The same shape as
 * the ledger's {@code DeadlineScanner}: a scheduled scan, and {@link #scan()} for a test with a controllable clock.
 */
@Component
public class EscalationScanner {

    private static final Logger log = LoggerFactory.getLogger(EscalationScanner.class);

    private final WarningRepository warnings;
    private final WarningRules rules;
    private final OutboxWriter outbox;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final MeterRegistry meters;

    EscalationScanner(WarningRepository warnings, WarningRules rules, OutboxWriter outbox, Clock clock,
            PlatformTransactionManager transactions, MeterRegistry meters) {
        this.warnings = warnings;
        this.rules = rules;
        this.outbox = outbox;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
        this.meters = meters;
        for (WarningType type : WarningType.values()) {
            meters.counter("risk.warnings.escalated", "type", type.name());
        }
    }

    @Scheduled(fixedDelayString = "${petition-bridge.risk.escalation-scan-interval:60s}",
            initialDelayString = "${petition-bridge.risk.escalation-scan-interval:60s}")
    public void scheduledScan() {
        try {
            scan();
        } catch (RuntimeException e) {
            log.warn("Escalation scan failed; it runs again at the next interval: {}", e.getMessage());
        }
    }

    /** Escalates every RED warning unacknowledged for longer than allowed; returns how many. */
    public int scan() {
        Instant now = clock.instant();
        List<UUID> candidates = warnings.escalationCandidates(now.minus(rules.escalation().redUnacknowledged()));
        int escalated = 0;
        for (UUID id : candidates) {
            Boolean done = tx.execute(status -> escalate(id, now));
            escalated += Boolean.TRUE.equals(done) ? 1 : 0;
        }
        return escalated;
    }

    private boolean escalate(UUID id, Instant now) {
        Warning w = warnings.lock(id).orElse(null);
        if (w == null || !w.escalationDue(now, rules.escalation())) {
            return false;
        }
        w.escalate(now);
        warnings.save(w);
        warnings.recordAction(w.id(), "ESCALATE", null, null, null,
                "红色预警 " + Explanations.duration(rules.escalation().redUnacknowledged())
                        + "内无责任单位签收，已提请信访局督办", now);
        outbox.append(w.event("ESCALATED", now), now);
        meters.counter("risk.warnings.escalated", "type", w.type().name()).increment();
        return true;
    }
}
