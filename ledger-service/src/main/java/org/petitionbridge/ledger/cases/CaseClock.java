package org.petitionbridge.ledger.cases;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.petitionbridge.events.CaseStatus;

/**
 * The statutory clocks a case runs, each with the statuses it runs in and the due date it runs to: the one
 * definition of "the clock running now". The Java ({@link #running}) and the SQL of the 台账's lists, the statistics
 * and the deadline scan ({@link #RUNNING_DUE_SQL}) both come from it, so they cannot disagree. No clock runs on a
 * repeat attached to another case (并案), nor in a status no clock names (after the reply, and once ended). The names
 * are on the wire: {@code activeClock} of the case, {@code clock} of {@code petition.deadline.v1}.
 */
public enum CaseClock {

    /** 转送/交办: the bureau assigns the petition, from its receipt. */
    ASSIGN("assign_due", CaseState::assignDue, CaseStatus.REGISTERED, CaseStatus.TRIAGE),
    /** 告知: the lead department acknowledges (签收) and tells the petitioner, from the assignment. */
    ACKNOWLEDGE("acknowledge_due", CaseState::acknowledgeDue, CaseStatus.ASSIGNED, CaseStatus.OBJECTED),
    /** 答复: the written reply, from the acknowledgement (plus an approved extension). */
    REPLY("reply_due", CaseState::replyDue, CaseStatus.ACKNOWLEDGED, CaseStatus.EXTENDED),
    /** 复查: the supervisor decides the review, from the request. */
    REVIEW_DECISION("review_decision_due", CaseState::reviewDecisionDue, CaseStatus.REVIEW_REQUESTED),
    /** 复核: the supervisor decides the recheck, from the request. */
    RECHECK_DECISION("recheck_decision_due", CaseState::recheckDecisionDue, CaseStatus.RECHECK_REQUESTED);

    /**
     * The due date of the clock running now, as a SQL expression over {@code petition_case} ({@code null} when no
     * clock runs), generated from the clocks below.
     */
    public static final String RUNNING_DUE_SQL = runningDueSql();

    private final String dueColumn;
    private final Function<CaseState, LocalDate> due;
    private final Set<CaseStatus> runsIn;

    CaseClock(String dueColumn, Function<CaseState, LocalDate> due, CaseStatus first, CaseStatus... more) {
        this.dueColumn = dueColumn;
        this.due = due;
        this.runsIn = EnumSet.of(first, more);
    }

    /** The column of {@code petition_case} that holds this clock's due date. */
    public String dueColumn() {
        return dueColumn;
    }

    /** The statuses this clock runs in. */
    public Set<CaseStatus> runsIn() {
        return runsIn;
    }

    /** This clock's due date on the case (null while it has none). */
    public LocalDate dueOf(CaseState c) {
        return due.apply(c);
    }

    /** The clock running in a status, if any (for a case not attached to another). */
    public static Optional<CaseClock> runningIn(CaseStatus status) {
        return Arrays.stream(values()).filter(clock -> clock.runsIn.contains(status)).findFirst();
    }

    /** The clock running on the case now, if any. */
    public static Optional<CaseClock> running(CaseState c) {
        return c.attachedTo() != null ? Optional.empty() : runningIn(c.status());
    }

    private static String runningDueSql() {
        Set<CaseStatus> seen = EnumSet.noneOf(CaseStatus.class);
        for (CaseClock clock : values()) {
            for (CaseStatus s : clock.runsIn) {
                if (!seen.add(s)) {
                    throw new IllegalStateException("two clocks run in " + s);
                }
            }
        }
        StringBuilder sql = new StringBuilder("(case when attached_to is not null then null");
        for (CaseClock clock : values()) {
            sql.append(" when status in (")
                    .append(clock.runsIn.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", ")))
                    .append(") then ").append(clock.dueColumn);
        }
        return sql.append(" end)").toString();
    }
}
