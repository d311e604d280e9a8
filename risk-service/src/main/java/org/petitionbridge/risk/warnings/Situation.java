package org.petitionbridge.risk.warnings;

import java.util.UUID;

/**
 * What makes two warnings the same: its type and key ({@code CLUSTER:990101002:LAND_REQUISITION}). While a warning
 * of a situation is open, new petitions of the situation join it instead of raising another.
 */
record Situation(WarningType type, String key, String townshipCode, String category, UUID projectId) {

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
