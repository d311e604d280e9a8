package org.petitionbridge.intake.petitions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/**
 * The resident ID number check alone (GB 11643), in milliseconds. Every number here is made up: region 990101 is
 * the fictional county of the demo data (province 99 does not exist), and the check character is computed below.
 */
class ResidentIdNumberTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 26);

    /**
     * A made-up number: region, birth date (yyyyMMdd) and sequence, then the ISO 7064 MOD 11-2 check character,
     * computed here independently of the class under test: weights 2^(17-i) mod 11, check (12 - sum mod 11) mod 11,
     * 10 written as X.
     */
    static String fake(String region, String birth, String sequence) {
        String first17 = region + birth + sequence;
        assertThat(first17).hasSize(17);
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * ((1 << (17 - i)) % 11);
        }
        int check = (12 - sum % 11) % 11;
        return first17 + (check == 10 ? "X" : String.valueOf(check));
    }

    /** A made-up number of the demo county. */
    static String fake(String birth, String sequence) {
        return fake("990101", birth, sequence);
    }

    /** The same number with another (wrong) check character. */
    private static String withWrongCheck(String id) {
        char right = id.charAt(17);
        return id.substring(0, 17) + (right == '0' ? '1' : '0');
    }

    private static String problem(String id) {
        return ResidentIdNumber.problem(id, TODAY);
    }

    @Test
    void theTestNumbersHaveTheCheckCharacterOfTheStandardsExample() {
        // The example of GB 11643-1999 (appendix), also the documented example of this service.
        assertThat(fake("110105", "19491231", "002")).isEqualTo("11010519491231002X");
        assertThat(problem("11010519491231002X")).isNull();
    }

    @Test
    void aNumberWithTheRightCheckDigitIsValid() {
        String id = fake("19850412", "003");
        assertThat(id).doesNotEndWith("X");
        assertThat(problem(id)).isNull();
    }

    @Test
    void aCheckCharacterXIsValidInEitherCase() {
        String id = fake("19491231", "001");   // the sequence that makes the check character 10 here
        assertThat(id).endsWith("X");
        assertThat(problem(id)).isNull();
        assertThat(problem(id.toLowerCase())).isNull();
    }

    @Test
    void aWrongCheckCharacterIsNamed() {
        for (String id : new String[] {fake("19850412", "003"), fake("19491231", "001"), fake("20000229", "117")}) {
            assertThat(problem(withWrongCheck(id))).as(id).isEqualTo("has a wrong check character (ISO 7064 MOD 11-2)");
        }
        // every other check character is wrong too, X included
        String id = fake("19850412", "003");
        for (char other : "0123456789X".toCharArray()) {
            if (other != id.charAt(17)) {
                assertThat(problem(id.substring(0, 17) + other)).as("check %s", other)
                        .isEqualTo("has a wrong check character (ISO 7064 MOD 11-2)");
            }
        }
    }

    @Test
    void aSingleMistypedDigitIsCaught() {
        String id = fake("19850412", "003");
        for (int i = 0; i < 17; i++) {
            char digit = id.charAt(i);
            char other = digit == '9' ? '8' : (char) (digit + 1);
            String mistyped = id.substring(0, i) + other + id.substring(i + 1);
            assertThat(problem(mistyped)).as("digit %d", i).isNotNull();
        }
    }

    @Test
    void aNumberOfAnotherLengthIsRefusedBeforeAnythingElse() {
        String id = fake("19850412", "003");
        assertThat(problem(id.substring(0, 17))).isEqualTo("must be 18 characters");
        assertThat(problem(id + "1")).isEqualTo("must be 18 characters");
        assertThat(problem("")).isEqualTo("must be 18 characters");
        // the old 15-digit numbers are not accepted
        assertThat(problem("990101850412003")).isEqualTo("must be 18 characters");
        assertThat(problem("99010119851332ABC")).isEqualTo("must be 18 characters");
    }

    @Test
    void theFirstSeventeenCharactersMustBeDigits() {
        String id = fake("19850412", "003");
        assertThat(problem("X" + id.substring(1))).isEqualTo("the first 17 characters must be digits");
        assertThat(problem(id.substring(0, 16) + "X" + id.charAt(17))).isEqualTo("the first 17 characters must be digits");
        assertThat(problem(id.substring(0, 6) + "1985-412" + id.substring(14))).isEqualTo("the first 17 characters must be digits");
        assertThat(problem(id.substring(0, 8) + " " + id.substring(9))).isEqualTo("the first 17 characters must be digits");
    }

    @Test
    void digitsAreAsciiDigitsNotFullWidthOnes() {
        // Full-width digits (an input method in full-width mode) would otherwise pass as digits with a check sum
        // of garbage, and then be stored as another number than the same one typed in ASCII.
        String id = fake("19850412", "003");
        for (int i = 0; i < 17; i++) {
            String fullWidth = id.substring(0, i) + (char) ('\uFF10' + (id.charAt(i) - '0')) + id.substring(i + 1);
            for (char check : "0123456789X".toCharArray()) {
                assertThat(problem(fullWidth.substring(0, 17) + check)).as("full-width digit %d", i)
                        .isEqualTo("the first 17 characters must be digits");
            }
        }
        assertThat(problem(id.substring(0, 17) + (char) ('\uFF10' + (id.charAt(17) - '0'))))
                .isEqualTo("the last character must be a digit or X");
        assertThat(problem(id.substring(0, 6) + "\u0661" + id.substring(7))).as("an Arabic-Indic digit")
                .isEqualTo("the first 17 characters must be digits");
    }

    @Test
    void theLastCharacterMustBeADigitOrX() {
        String id = fake("19850412", "003");
        assertThat(problem(id.substring(0, 17) + "Y")).isEqualTo("the last character must be a digit or X");
        assertThat(problem(id.substring(0, 17) + "-")).isEqualTo("the last character must be a digit or X");
    }

    @Test
    void theBirthDateMustBeADayOfTheCalendar() {
        for (String birth : new String[] {"19851301", "19850001", "19850400", "19850431", "19850230", "19000229",
                "20250229", "00000000"}) {
            assertThat(problem(fake(birth, "003"))).as(birth).isEqualTo("does not contain a valid birth date");
        }
        // leap days of leap years are days
        assertThat(problem(fake("20000229", "003"))).isNull();
        assertThat(problem(fake("19960229", "003"))).isNull();
    }

    @Test
    void theBirthDateIsNeitherInTheFutureNorBefore1900() {
        assertThat(problem(fake("20261126", "003"))).as("born today").isNull();
        assertThat(problem(fake("20261127", "003"))).as("born tomorrow").isEqualTo("does not contain a valid birth date");
        assertThat(problem(fake("21000101", "003"))).isEqualTo("does not contain a valid birth date");
        assertThat(problem(fake("19000101", "003"))).as("the first day of 1900").isNull();
        assertThat(problem(fake("18991231", "003"))).isEqualTo("does not contain a valid birth date");
    }

    @Test
    void theBirthDateIsCheckedBeforeTheCheckCharacter() {
        assertThat(problem(withWrongCheck(fake("19851332", "003")))).isEqualTo("does not contain a valid birth date");
    }

    @Test
    void theRegionIsNotChecked() {
        // A petitioner may come from anywhere; only the shape, the birth date and the check character are checked.
        assertThat(problem(fake("000000", "19850412", "003"))).isNull();
        assertThat(problem(fake("990199", "19850412", "003"))).isNull();
    }

    @Test
    void noProblemRepeatsTheNumber() {
        String id = fake("19850412", "003");
        for (String bad : new String[] {withWrongCheck(id), id.substring(0, 17), id.substring(0, 17) + "Y",
                fake("19851332", "003"), "X" + id.substring(1)}) {
            String problem = problem(bad);
            assertThat(problem).as(bad).isNotNull().doesNotContain(bad).doesNotContain(bad.substring(6, 14))
                    .doesNotContain(bad.substring(0, 6));
        }
    }
}
