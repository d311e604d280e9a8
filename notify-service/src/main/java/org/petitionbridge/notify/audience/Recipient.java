package org.petitionbridge.notify.audience;

import java.util.List;
import java.util.Set;

/**
 * One department that receives an event: how much of it, why, and which of its subscriptions' webhooks carry
 * it (the feed always does).
 */
public record Recipient(String department, View view, Set<Reason> reasons, List<String> webhookSubscriptions) {

    public Recipient {
        reasons = Set.copyOf(reasons);
        webhookSubscriptions = List.copyOf(webhookSubscriptions);
    }
}
