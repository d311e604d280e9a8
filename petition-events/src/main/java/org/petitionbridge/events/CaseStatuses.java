package org.petitionbridge.events;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What the ledger's case statuses ({@link CaseStatusChanged#status()}) mean for the other services. The ledger
 * applies these rules and routing checks them before it accepts a manual assignment, so both use this one copy.
 * The statuses and what they mean are {@link CaseStatus}'s; the sets here are the same, as the strings on the wire.
 */
public final class CaseStatuses {

    /** Statuses after which the petition's track has ended (销号, 导入法定程序, 终结, 不予受理). */
    public static final Set<String> ENDED = names(CaseStatus::isEnded);

    /**
     * Statuses in which the ledger applies an assignment decision (交办, or 改派 before the department accepted the
     * case). After 签收 (ACKNOWLEDGED) the receiving unit has accepted the matter and answers for it
     * (信访工作条例: 受理 and 告知, then handling within its time limit); it leaves the case only through its own
     * objection (异议) accepted by the bureau, which puts the case back to OBJECTED.
     */
    public static final Set<String> ASSIGNABLE = names(CaseStatus::isAssignable);

    /** Statuses in which the ledger puts a case into the bureau's triage. */
    public static final Set<String> TRIAGEABLE = names(CaseStatus::isTriageable);

    private CaseStatuses() {
    }

    private static Set<String> names(Predicate<CaseStatus> which) {
        return Arrays.stream(CaseStatus.values()).filter(which).map(CaseStatus::name)
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Whether a case change replaces the one a consumer knows (the ledger's events arrive on two topics and may be
     * redelivered late): by the case's {@code sequence} when the known one has one (an event without one, published
     * before sequences existed, never replaces it); otherwise the later (or equal) time wins.
     */
    public static boolean supersedes(Long knownSequence, Instant knownAt, Long sequence, Instant at) {
        if (knownSequence != null) {
            return sequence != null && sequence > knownSequence;
        }
        return knownAt == null || at == null || !at.isBefore(knownAt);
    }

    /**
     * {@link #supersedes} as the condition of an upsert ({@code on conflict ... do update set ... where}) into a table
     * with columns {@code sequence} and {@code occurred_at}, the new row being {@code excluded}; with a leading
     * space, to follow a {@code where}.
     */
    public static String supersedesSql(String table) {
        return " (case when " + table + ".sequence is not null"
                + " then excluded.sequence is not null and " + table + ".sequence < excluded.sequence"
                + " else " + table + ".occurred_at <= excluded.occurred_at end)";
    }

    /**
     * Why the ledger would not apply an assignment to a case in this status, in words a bureau clerk reads, or
     * empty when it would.
     *
     * @param attachedTo the petition this one was merged into as a repeat (重复信访), or {@code null}
     */
    public static Optional<String> whyNotAssignable(String status, String attachedTo) {
        return whyNotAssignable(status, attachedTo, false);
    }

    /**
     * The same, for a case whose objection (异议) may still wait for the bureau's decision: while it does, the case
     * is not assigned anew (the bureau decides the objection first). Routing does not know whether an objection is
     * pending and asks the shorter form; the ledger knows, and a decision it then refuses says why.
     */
    public static Optional<String> whyNotAssignable(String status, String attachedTo, boolean objectionPending) {
        if (CaseStatus.OBJECTED.name().equals(status) && objectionPending) {
            return Optional.of("本件有待信访局审核的异议（退单），请先作出异议决定，再重新分办");
        }
        if (attachedTo != null) {
            return Optional.of("本件为重复信访，已并入 " + attachedTo + " 办理；请对原件分办");
        }
        if (status == null || ASSIGNABLE.contains(status)) {
            return Optional.empty();
        }
        if (ENDED.contains(status)) {
            return Optional.of("本件状态为 " + status + "，信访程序已结束，不能再分办");
        }
        if (CaseStatus.ACKNOWLEDGED.name().equals(status) || CaseStatus.EXTENDED.name().equals(status)) {
            return Optional.of("本件已由承办单位签收受理（" + status + "），不能直接改派；如确属分办错误，由承办单位提出异议（退单），"
                    + "信访局同意后重新分办");
        }
        return Optional.of("本件已进入答复、复查或复核程序（" + status + "），不能再分办");
    }

    /** {@link #whyNotAssignable(String, String, boolean)} for a status of the ledger's own. */
    public static Optional<String> whyNotAssignable(CaseStatus status, String attachedTo, boolean objectionPending) {
        return whyNotAssignable(status == null ? null : status.name(), attachedTo, objectionPending);
    }
}
