package org.petitionbridge.risk.warnings;

import java.util.UUID;

/**
 * What makes two warnings the same: its type and key ({@code CLUSTER:990101002:LAND_REQUISITION}). While a warning
 * of a situation is open, new petitions of the situation join it instead of raising another.
 * <p>
 * Every situation has a bureau-only counterpart ({@link #bureauOnly()}, key suffix {@code :BUREAU_ONLY}) for the
 * petitions that a complaint makes invisible to a department responsible for the situation: they never join the
 * warning that department sees (it would then vanish from its view, which would tell it of the complaint), but
 * count, with every other petition of the situation, in a warning that only the (acting) bureau sees.
 *
 * @param bureauOnly whether this is the bureau-only counterpart
 */
record Situation(WarningType type, String key, String townshipCode, String category, UUID projectId,
        boolean bureauOnly) {

    Situation(WarningType type, String key, String townshipCode, String category, UUID projectId) {
        this(type, key, townshipCode, category, projectId, false);
    }

    /** The bureau-only counterpart of this situation. */
    Situation asBureauOnly() {
        return bureauOnly ? this : new Situation(type, key + ":BUREAU_ONLY", townshipCode, category, projectId, true);
    }

    static Situation cluster(String township, String category) {
        return new Situation(WarningType.CLUSTER, "CLUSTER:" + township + ":" + category, township, category, null);
    }

    static Situation townshipSpike(String township) {
        return new Situation(WarningType.SPIKE, "SPIKE:TOWNSHIP:" + township, township, null, null);
    }

    static Situation categorySpike(String category) {
        return new Situation(WarningType.SPIKE, "SPIKE:CATEGORY:" + category, null, category, null);
    }

    static Situation group(String petitionNo, String township, String category) {
        return new Situation(WarningType.GROUP_PETITION, "GROUP_PETITION:" + petitionNo, township, category, null);
    }

    static Situation repeat(String firstPetitionNo, String township, String category) {
        return new Situation(WarningType.REPEAT, "REPEAT:" + firstPetitionNo, township, category, null);
    }

    static Situation project(UUID project) {
        return new Situation(WarningType.PROJECT, "PROJECT:" + project, null, null, project);
    }
}
