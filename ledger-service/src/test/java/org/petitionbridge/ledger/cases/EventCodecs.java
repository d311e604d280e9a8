package org.petitionbridge.ledger.cases;

import org.petitionbridge.events.EventCodec;

/** Reads API answers into the ledger's own types. */
final class EventCodecs {

    private EventCodecs() {
    }

    static HistoryEntry[] history(String json) {
        return EventCodec.mapper().readValue(json, HistoryEntry[].class);
    }
}
