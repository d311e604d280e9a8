package org.petitionbridge.ledger.cases;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The actions departments take on a case ({@code type} of {@code POST /api/v1/cases/{petitionNo}/actions}; the names
 * are the strings of the API and of the history). What each may do is its row of {@link CaseStateMachine}'s table.
 */
public enum Action {

    /** 签收 and 告知: the lead accepts the case and tells the petitioner. */
    ACKNOWLEDGE,
    /** 异议 (退单): an assigned department says the case is not its own. */
    OBJECT,
    /** The bureau accepts or rejects an objection. */
    OBJECTION_DECISION,
    /** A note of the handling, history only. */
    PROGRESS,
    /** A co-handler's opinion (协办意见), history only. */
    CO_OPINION,
    /** The lead asks for the one extension of the reply limit (延期). */
    REQUEST_EXTENSION,
    /** The supervisor approves or refuses the extension. */
    EXTENSION_DECISION,
    /** 导入法定程序: the petitioner is pointed to litigation, arbitration or administrative review. */
    REDIRECT,
    /** 答复: the written reply (处理意见书). */
    REPLY,
    /** 回访: the petitioner's satisfaction, recorded by the bureau. */
    EVALUATE,
    /** 销号: the bureau closes the case out. */
    CLOSE,
    /** The bureau records the petitioner's request for 复查. */
    REVIEW_REQUEST,
    /** The supervisor decides the 复查. */
    REVIEW_DECISION,
    /** The bureau records the petitioner's request for 复核. */
    RECHECK_REQUEST,
    /** The supervisor decides the 复核: the matter is final. */
    RECHECK_DECISION,
    /** 督办: the bureau presses the case, counted on it. */
    SUPERVISE;

    /** Every action's name, in alphabetical order (as a refused type lists them). */
    static List<String> names() {
        return Arrays.stream(values()).map(Action::name).sorted().toList();
    }

    /** The action a request's {@code type} names, or empty (also for {@code null}). */
    public static Optional<Action> of(String type) {
        return Arrays.stream(values()).filter(a -> a.name().equals(type)).findFirst();
    }
}
