package org.petitionbridge.risk;

import java.util.Optional;
import java.util.UUID;

/** The ids of risk's API (projects, warnings, rounds, issues) are UUIDs; a path that holds none names nothing. */
public final class Ids {

    private Ids() {
    }

    /** The UUID the text holds, or empty (then the caller answers 404, or a 400 for a filter). */
    public static Optional<UUID> parse(String id) {
        try {
            return id == null ? Optional.empty() : Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
