package org.petitionbridge.ledger.clocks;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The statutory limits (信访工作条例 2022), configurable. Calendar days unless named working days.
 *
 * @param assignDays            the bureau forwards or assigns (转送/交办) after registration
 * @param acknowledgeDays       the receiving unit notifies the petitioner (告知) after assignment
 * @param objectionWorkingDays  the receiving unit may object (异议) after assignment
 * @param replyDays             from acceptance (签收) to the written reply (答复)
 * @param maxExtensionDays      one approved extension of at most this many days
 * @param reviewRequestDays     the petitioner may request 复查 after the reply
 * @param reviewDecisionDays    复查 is decided within
 * @param recheckRequestDays    the petitioner may request 复核 after the 复查 decision
 * @param recheckDecisionDays   复核 is decided within
 * @param dueSoonDays           DUE_SOON is raised this many days before a due date
 * @param escalateAfterDays     ESCALATED (督办) is raised this many days after a due date passed
 */
@ConfigurationProperties("petition-bridge.ledger.clocks")
public record ClockPolicy(int assignDays, int acknowledgeDays, int objectionWorkingDays, int replyDays,
        int maxExtensionDays, int reviewRequestDays, int reviewDecisionDays, int recheckRequestDays,
        int recheckDecisionDays, int dueSoonDays, int escalateAfterDays) {
}
