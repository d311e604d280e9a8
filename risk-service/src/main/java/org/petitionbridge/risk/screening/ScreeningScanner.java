package org.petitionbridge.risk.screening;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.petitionbridge.risk.screening.ScreeningViews.DisputeView;
import org.petitionbridge.risk.screening.ScreeningViews.RoundView;
import org.petitionbridge.service.county.CountyReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Watches rounds and the ledger (the same shape as the ledger's {@code DeadlineScanner}: a scheduled scan, and
 * {@link #scan()} for a test with a controllable clock):
 * <ul>
 * <li>a round due within {@code remind-days-before}: REMINDER, once, to the units that have not reported;</li>
 * <li>a round past due: OVERDUE, once, to the bureau, with the units that have not reported;</li>
 * <li>an open issue past its deadline: OVERDUE, then a YELLOW_CARD and a RED_CARD (黄牌/红牌督办) after the
 * configured days, each once, to the responsible department (cards also to the leader's unit and, as 督办, the
 * bureau), each in its history.</li>
 * </ul>
 */
@Component
public class ScreeningScanner {

    private static final Logger log = LoggerFactory.getLogger(ScreeningScanner.class);

    private final ScreeningRepository screening;
    private final ScreeningService rounds;
    private final ScreeningEvents events;
    private final ScreeningRules rules;
    private final Clock clock;
    private final ZoneId zone;
    private final TransactionTemplate tx;

    ScreeningScanner(ScreeningRepository screening, ScreeningService rounds, ScreeningEvents events,
            ScreeningRules rules, Clock clock, CountyReference county, PlatformTransactionManager transactions) {
        this.screening = screening;
        this.rounds = rounds;
        this.events = events;
        this.rules = rules;
        this.clock = clock;
        this.zone = ZoneId.of(county.county().timezone());
        this.tx = new TransactionTemplate(transactions);
    }

    @Scheduled(fixedDelayString = "${petition-bridge.risk.screening-scan-interval:60s}",
            initialDelayString = "${petition-bridge.risk.screening-scan-interval:60s}")
    public void scheduledScan() {
        try {
            scan();
        } catch (RuntimeException e) {
            log.warn("Screening scan failed; it runs again at the next interval: {}", e.getMessage());
        }
    }

    /** Sends what is owed; returns how many notices, flags and cards. */
    public int scan() {
        Instant now = clock.instant();
        int sent = 0;
        for (RoundView round : screening.roundsDueBefore(now.plus(Duration.ofDays(rules.remindDaysBefore())))) {
            Integer n = tx.execute(status -> notices(round, now));
            sent += n == null ? 0 : n;
        }
        LocalDate today = LocalDate.ofInstant(now, zone);
        for (UUID id : screening.overdue(today)) {
            Integer n = tx.execute(status -> cards(id, today, now));
            sent += n == null ? 0 : n;
        }
        return sent;
    }

    private int notices(RoundView round, Instant now) {
        UUID id = UUID.fromString(round.id());
        List<String> missing = rounds.coverage(round.id()).missing();
        boolean due = !now.isBefore(round.dueBy());
        String kind = due ? "OVERDUE" : "REMINDER";
        // once per round and kind; nothing to say when every unit has reported
        if (!screening.noticeOnce(id, kind, now) || missing.isEmpty()) {
            return 0;
        }
        long sequence = screening.nextRoundSequence(id);
        List<String> stillMissing = rounds.coverage(round.id()).missing();
        events.round(round, kind, due ? List.of() : stillMissing, stillMissing, null, sequence);
        return 1;
    }

    private int cards(UUID id, LocalDate today, Instant now) {
        DisputeView d = screening.dispute(id, today, true).orElse(null);
        if (d == null || !d.status().isOpen() || !d.resolveBy().isBefore(today)) {
            return 0;
        }
        int raised = 0;
        for (String kind : rules.earned(ChronoUnit.DAYS.between(d.resolveBy(), today))) {
            if (screening.disputeNoticeOnce(id, kind, now)) {
                screening.touch(id, now);
                screening.recordAction(id, kind, null, null, "逾期 " + ChronoUnit.DAYS.between(d.resolveBy(), today)
                        + " 天（化解时限 " + d.resolveBy() + "）" + switch (kind) {
                            case "YELLOW_CARD" -> "，黄牌督办";
                            case "RED_CARD" -> "，红牌督办";
                            default -> "";
                        }, now);
                events.dispute(screening.dispute(id, today, false).orElseThrow(), kind, today);
                raised++;
            }
        }
        return raised;
    }
}
