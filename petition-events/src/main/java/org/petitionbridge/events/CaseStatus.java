package org.petitionbridge.events;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The statuses of a ledger case, the vocabulary of {@link CaseStatusChanged#status()} and
 * {@link CaseStatusChanged#previousStatus()} on {@code petition.status.v1}: each name is the string on the wire.
 * What a status means for the other services (ended, assignable, triageable) is said here once; {@link CaseStatuses}
 * gives the same as sets of strings.
 */
public enum CaseStatus {

    /** Intake registered it; routing has not placed it yet. */
    REGISTERED,
    /** No rule could place it: the bureau assigns it by hand. */
    TRIAGE,
    /** 交办: assigned to a lead department (and co-handlers). */
    ASSIGNED,
    /** 签收: the lead department accepted it and told the petitioner (告知). */
    ACKNOWLEDGED,
    /** 异议: an assigned department objects; the bureau decides. */
    OBJECTED,
    /** 延期: the supervisor approved an extension of the reply limit. */
    EXTENDED,
    /** 答复: the written reply (处理意见书) was given. */
    REPLIED,
    /** 销号: closed out. */
    CLOSED,
    /** 导入法定程序: the petitioner was pointed to a legal procedure; the petition track ends. */
    REDIRECTED,
    /** 复查 requested. */
    REVIEW_REQUESTED,
    /** 复查 decided. */
    REVIEWED,
    /** 复核 requested. */
    RECHECK_REQUESTED,
    /** 复核 decided: the matter is final (终结). */
    TERMINATED,
    /** A repeat of a terminated matter: not accepted. */
    NOT_ACCEPTED;

    private static final Set<CaseStatus> ENDED = EnumSet.of(CLOSED, REDIRECTED, TERMINATED, NOT_ACCEPTED);
    private static final Set<CaseStatus> ASSIGNABLE = EnumSet.of(REGISTERED, TRIAGE, OBJECTED, ASSIGNED);
    private static final Set<CaseStatus> TRIAGEABLE = EnumSet.of(REGISTERED, TRIAGE, OBJECTED);

    /** The status in the 台账's words (the ledger's spreadsheet, the console). */
    public String chinese() {
        return switch (this) {
            case REGISTERED -> "已登记";
            case TRIAGE -> "待人工分办";
            case ASSIGNED -> "已交办";
            case ACKNOWLEDGED -> "已签收";
            case OBJECTED -> "异议中";
            case EXTENDED -> "已延期";
            case REPLIED -> "已答复";
            case CLOSED -> "已销号";
            case REDIRECTED -> "已导入法定程序";
            case REVIEW_REQUESTED -> "复查中";
            case REVIEWED -> "已复查";
            case RECHECK_REQUESTED -> "复核中";
            case TERMINATED -> "已终结";
            case NOT_ACCEPTED -> "不予受理";
        };
    }

    /** The petition's track has ended (销号, 导入法定程序, 终结, 不予受理). */
    public boolean isEnded() {
        return ENDED.contains(this);
    }

    /**
     * The ledger applies an assignment decision (交办, or 改派 before the department accepted the case); see
     * {@link CaseStatuses#ASSIGNABLE}.
     */
    public boolean isAssignable() {
        return ASSIGNABLE.contains(this);
    }

    /** The ledger puts a case in this status into the bureau's triage. */
    public boolean isTriageable() {
        return TRIAGEABLE.contains(this);
    }

    /** The status a wire string names, or empty for {@code null} and for a name this version does not know. */
    public static Optional<CaseStatus> of(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (CaseStatus s : values()) {
            if (s.name().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
