package org.petitionbridge.intake.petitions;

/** The channels a petition arrives by. */
public enum Channel {
    LETTER, VISIT, PHONE, ONLINE, HOTLINE_12345, EMAIL
}
