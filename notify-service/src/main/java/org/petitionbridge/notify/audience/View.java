package org.petitionbridge.notify.audience;

/** How much of an event a department sees. */
public enum View {
    /** The event as published, less what no department may see (the tracking code's hash). */
    FULL,
    /** Petition number, category, class, division, status and dates: no content, names or pseudonyms. */
    SUMMARY
}
