package org.petitionbridge.ledger.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.InputStream;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.petitionbridge.events.CaseStatus;
import org.petitionbridge.events.EventCodec;
import tools.jackson.databind.JsonNode;

/**
 * The clock running now is defined once ({@link CaseClock}); the SQL of the lists, the statistics and the deadline
 * scan is generated from it. Here, for every status, attached or not, the generated SQL (read by a small evaluator of
 * its {@code case when} form, over the columns {@link CaseRepository} writes) picks the same due date as the Java,
 * and both are the clocks of docs/ledger.md. No database, no Spring.
 */
class CaseClockTest {

    /** docs/ledger.md, "Statutory clocks": which clock runs while. */
    private static Optional<CaseClock> documented(CaseStatus status) {
        return Optional.ofNullable(switch (status) {
            case REGISTERED, TRIAGE -> CaseClock.ASSIGN;
            case ASSIGNED, OBJECTED -> CaseClock.ACKNOWLEDGE;
            case ACKNOWLEDGED, EXTENDED -> CaseClock.REPLY;
            case REVIEW_REQUESTED -> CaseClock.REVIEW_DECISION;
            case RECHECK_REQUESTED -> CaseClock.RECHECK_DECISION;
            case REPLIED, CLOSED, REDIRECTED, REVIEWED, TERMINATED, NOT_ACCEPTED -> null;
        });
    }

    static Stream<Arguments> everyStatusAttachedOrNot() {
        return Arrays.stream(CaseStatus.values()).flatMap(s -> Stream.of(Arguments.of(s, false), Arguments.of(s, true)));
    }

    /** A case in the status with a different date in every due column, so that a wrong column shows. */
    private static CaseState withEveryDueDate(CaseStatus status, boolean attached) {
        return CaseState.builder()
                .petitionNo("XF990101-20300101-000001")
                .status(status)
                .attachedTo(attached ? "XF990101-20300101-000000" : null)
                .assignDue(LocalDate.parse("2030-01-01"))
                .acknowledgeDue(LocalDate.parse("2030-01-02"))
                .objectionDue(LocalDate.parse("2030-01-03"))
                .replyDue(LocalDate.parse("2030-01-04"))
                .reviewRequestDue(LocalDate.parse("2030-01-05"))
                .reviewDecisionDue(LocalDate.parse("2030-01-06"))
                .recheckRequestDue(LocalDate.parse("2030-01-07"))
                .recheckDecisionDue(LocalDate.parse("2030-01-08"))
                .build();
    }

    @ParameterizedTest(name = "{0}, attached {1}")
    @MethodSource("everyStatusAttachedOrNot")
    void theGeneratedSqlPicksTheDueDateTheJavaPicks(CaseStatus status, boolean attached) {
        CaseState c = withEveryDueDate(status, attached);
        Map<String, Object> row = CaseRepository.columns(c);

        Object sql = evaluate(CaseClock.RUNNING_DUE_SQL, row);
        assertThat(sql).isEqualTo(c.nextDue());

        Optional<CaseClock> expected = attached ? Optional.empty() : documented(status);
        assertThat(c.runningClock()).isEqualTo(expected);
        assertThat(c.nextDue()).isEqualTo(expected.map(clock -> clock.dueOf(c)).orElse(null));
        expected.ifPresent(clock -> assertThat(row.get(clock.dueColumn())).isEqualTo(clock.dueOf(c)));
    }

    @Test
    void everyStatusRunsAtMostOneClockAndTheNamesAreThoseOfTheDeadlineEvents() throws Exception {
        for (CaseStatus status : CaseStatus.values()) {
            assertThat(Arrays.stream(CaseClock.values()).filter(k -> k.runsIn().contains(status)).count())
                    .as(status.name()).isLessThanOrEqualTo(1);
            assertThat(CaseClock.runningIn(status)).as(status.name()).isEqualTo(documented(status));
        }
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("schemas/petition.deadline.v1.json")) {
            JsonNode schema = EventCodec.mapper().readTree(in);
            assertThat(schema.get("properties").get("clock").get("enum")).extracting(JsonNode::asString)
                    .containsExactlyElementsOf(Arrays.stream(CaseClock.values()).map(CaseClock::name).toList());
        }
    }

    private static final Pattern BRANCH = Pattern.compile("when (.+?) then (\\w+)");
    private static final Pattern STATUS_IN = Pattern.compile("status in \\(((?:'\\w+'(?:, )?)+)\\)");

    /**
     * Evaluates the generated expression over one row: {@code (case when <condition> then <column> ... end)}, with
     * the conditions {@code attached_to is not null} and {@code status in ('A', 'B')}. Any other form fails the test,
     * so that a change of the generator is noticed here.
     */
    private static Object evaluate(String sql, Map<String, Object> row) {
        assertThat(sql).startsWith("(case ").endsWith(" end)");
        String body = sql.substring("(case ".length(), sql.length() - " end)".length());
        Matcher branch = BRANCH.matcher(body);
        int at = 0;
        while (branch.find()) {
            assertThat(branch.start()).as("nothing between the branches of " + sql).isEqualTo(at == 0 ? 0 : at + 1);
            at = branch.end();
            if (holds(branch.group(1), row)) {
                String result = branch.group(2);
                if (result.equals("null")) {
                    return null;
                }
                assertThat(row).as("a column CaseRepository writes").containsKey(result);
                return row.get(result);
            }
        }
        assertThat(at).as("the whole of " + sql + " was read").isEqualTo(body.length());
        return null;
    }

    private static boolean holds(String condition, Map<String, Object> row) {
        if (condition.equals("attached_to is not null")) {
            assertThat(row).containsKey("attached_to");
            return row.get("attached_to") != null;
        }
        Matcher in = STATUS_IN.matcher(condition);
        if (in.matches()) {
            List<String> statuses = Arrays.stream(in.group(1).split(", ")).map(s -> s.substring(1, s.length() - 1))
                    .toList();
            return statuses.contains((String) row.get("status"));
        }
        return fail("an unexpected condition in the generated SQL: " + condition);
    }
}
