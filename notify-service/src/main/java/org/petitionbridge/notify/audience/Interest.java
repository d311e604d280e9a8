package org.petitionbridge.notify.audience;

import java.util.Set;

import org.petitionbridge.notify.cases.CaseState;

/**
 * What one active subscription selects: event kinds and filters (categories, division code prefix, petition
 * classes; each empty filter selects everything, the given ones must all match).
 *
 * @param webhook true when the subscription has a URL; false for the pull feed only
 */
public record Interest(String subscriptionId, String department, boolean webhook, Set<EventKind> eventKinds,
        Set<String> categories, String divisionPrefix, Set<String> classes) {

    public Interest {
        eventKinds = Set.copyOf(eventKinds);
        categories = Set.copyOf(categories);
        classes = Set.copyOf(classes);
    }

    public boolean selects(EventKind kind, CaseState kase) {
        if (!eventKinds.contains(kind)) {
            return false;
        }
        if (!categories.isEmpty() && (kase.category() == null || !categories.contains(kase.category()))) {
            return false;
        }
        if (divisionPrefix != null
                && (kase.divisionCode() == null || !kase.divisionCode().startsWith(divisionPrefix))) {
            return false;
        }
        return classes.isEmpty() || (kase.petitionClass() != null && classes.contains(kase.petitionClass()));
    }
}
