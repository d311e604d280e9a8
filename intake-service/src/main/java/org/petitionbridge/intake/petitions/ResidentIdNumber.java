package org.petitionbridge.intake.petitions;

import java.time.DateTimeException;
import java.time.LocalDate;

/** The 18-character resident identity number (GB 11643): birth date and ISO 7064 MOD 11-2 check character. */
final class ResidentIdNumber {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private ResidentIdNumber() {
    }

    /** Null when valid, else what is wrong (never repeating the number). */
    static String problem(String id, LocalDate today) {
        if (id.length() != 18) {
            return "must be 18 characters";
        }
        for (int i = 0; i < 17; i++) {
            if (!isAsciiDigit(id.charAt(i))) {
                return "the first 17 characters must be digits";
            }
        }
        char last = Character.toUpperCase(id.charAt(17));
        if (!isAsciiDigit(last) && last != 'X') {
            return "the last character must be a digit or X";
        }
        LocalDate birth;
        try {
            birth = LocalDate.of(Integer.parseInt(id.substring(6, 10)), Integer.parseInt(id.substring(10, 12)),
                    Integer.parseInt(id.substring(12, 14)));
        } catch (DateTimeException e) {
            return "does not contain a valid birth date";
        }
        if (birth.isAfter(today) || birth.getYear() < 1900) {
            return "does not contain a valid birth date";
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (id.charAt(i) - '0') * WEIGHTS[i];
        }
        if (CHECK[sum % 11] != last) {
            return "has a wrong check character (ISO 7064 MOD 11-2)";
        }
        return null;
    }

    /** 0 to 9 only: {@link Character#isDigit} would also take full-width and other scripts' digits. */
    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
