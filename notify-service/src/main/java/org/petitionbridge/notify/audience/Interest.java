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
        return selects(kind, kase.category(), kase.divisionCode(), kase.petitionClass());
    }

    /**
     * Whether the subscription selects an event of this kind about this category, division and class (any may be
     * null: a situation has no class, a project warning no single category or township; a filter given then does
     * not match).
     */
    public boolean selects(EventKind kind, String category, String divisionCode, String petitionClass) {
        if (!eventKinds.contains(kind)) {
            return false;
        }
        if (!categories.isEmpty() && (category == null || !categories.contains(category))) {
            return false;
        }
        if (divisionPrefix != null && (divisionCode == null || !divisionCode.startsWith(divisionPrefix))) {
            return false;
        }
        return classes.isEmpty() || (petitionClass != null && classes.contains(petitionClass));
    }
}
