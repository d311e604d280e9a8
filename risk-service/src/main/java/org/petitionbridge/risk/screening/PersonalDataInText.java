package org.petitionbridge.risk.screening;

import java.util.regex.Pattern;

/**
 * Refuses text that carries a citizen's resident ID number or mobile number: a screening report describes the
 * parties by their role and number ("两户村民", "施工方"), never who they are. Digits are looked at as runs, so an
 * amount or a date never matches.
 */
final class PersonalDataInText {

    private static final Pattern ID_NUMBER = Pattern.compile("(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9])");
    private static final Pattern MOBILE = Pattern.compile("(?<![0-9])(?:\\+?86|0086)?1[3-9][0-9]{9}(?![0-9])");
    /** Spaces and hyphens between digits ("139 1234 5678", "139-1234-5678") do not hide a number. */
    private static final Pattern DIGIT_SEPARATORS = Pattern.compile("(?<=[0-9])[\\s\\-]+(?=[0-9])");

    private PersonalDataInText() {
    }

    /** What personal data the text holds, in words for the 400 answer (never the value); null when none. */
    static String problem(String text) {
        if (text == null) {
            return null;
        }
        text = DIGIT_SEPARATORS.matcher(text).replaceAll("");
        if (ID_NUMBER.matcher(text).find()) {
            return "must not contain a resident ID number: describe the parties by role and number, not who they are";
        }
        if (MOBILE.matcher(text).find()) {
            return "must not contain a mobile number: describe the parties by role and number, not who they are";
        }
        return null;
    }
}
