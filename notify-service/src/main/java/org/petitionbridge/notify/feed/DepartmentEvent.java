package org.petitionbridge.notify.feed;

import java.time.Instant;
import java.util.List;

import org.petitionbridge.notify.audience.Reason;
import org.petitionbridge.notify.audience.View;

/**
 * One event as one department receives it: the body of its webhook and an item of its feed, byte for byte.
 *
 * @param id         the CloudEvents id of the event (the same for every department; a webhook's own id is the
 *                   {@code webhook-id} header)
 * @param type       the logical event type, e.g. {@code petition.status.v1}
 * @param time       when the event happened
 * @param subject    what the event is about: the petition number, or for a warning or a project its id
 * @param sequence   the position in the department's feed; increases in the order events were received, so a
 *                   department can order webhooks that arrive out of order, and resume its feed after it
 * @param department the receiving department
 * @param view       FULL or SUMMARY
 * @param reasons    why the department receives it
 * @param data       the event's data in that view
 */
public record DepartmentEvent(String id, String type, Instant time, String subject, long sequence, String department,
        View view, List<Reason> reasons, Object data) {
}
