package org.petitionbridge.intake.petitions;

/** The channels a petition arrives by. */
public enum Channel {
    LETTER, VISIT, PHONE, ONLINE, HOTLINE_12345, EMAIL;

    /**
     * The channels as a pattern and as a 400 answer lists them, for the constraints of {@link PetitionRequest}
     * (annotation values must be constants); {@code PetitionRequestConstraintsTest} keeps both equal to the values.
     */
    static final String PATTERN = "LETTER|VISIT|PHONE|ONLINE|HOTLINE_12345|EMAIL";
    static final String LISTED = "[LETTER, VISIT, PHONE, ONLINE, HOTLINE_12345, EMAIL]";
}
