package org.petitionbridge.notify.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.petitionbridge.notify.audience.EventKind;
import org.petitionbridge.service.county.CountyReference;
import org.petitionbridge.service.problems.FieldProblem;
import org.petitionbridge.service.problems.Problems;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/**
 * The shape of a new subscription, declared by Bean Validation constraints, without a Spring context, in
 * milliseconds; the field paths are those of the 400 answer. The department, URL, categories, repeated event
 * types and filters without event types are {@link SubscriptionService}'s (SubscriptionValidationTest).
 */
class NewSubscriptionConstraintsTest {

    private static final String TYPES = "must be one of [received, routed, status, deadline, warning, project, screening, dispute]";
    private static final String CLASSES = "must be one of [SUGGESTION, ACCUSATION, CLAIM]";
    private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();
    private static final SpringValidatorAdapter VALIDATOR = new SpringValidatorAdapter(FACTORY.getValidator());

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    private static List<FieldProblem> problems(List<String> eventTypes, Subscription.Filters filters) {
        SubscriptionService.NewSubscription request = new SubscriptionService.NewSubscription("NOPE", " ", eventTypes,
                filters);
        BeanPropertyBindingResult errors = new BeanPropertyBindingResult(request, "newSubscription");
        VALIDATOR.validate(request, errors);
        return Problems.fieldProblems(errors);
    }

    private static Subscription.Filters filters(String divisionPrefix, String... classes) {
        return new Subscription.Filters(List.of("NO_SUCH"), divisionPrefix, Arrays.asList(classes));
    }

    @Test
    void theListedEventTypesAreTheEventKinds() {
        assertThat(EventKind.PATTERN).isEqualTo(String.join("|", EventKind.NAMES));
        assertThat(EventKind.LISTED).isEqualTo(EventKind.NAMES.toString());
    }

    @Test
    void everyClassOfTheCountysCategoriesMayBeAFilter() {
        assertThat(SubscriptionService.CLASSES_LISTED).isEqualTo("[" + SubscriptionService.CLASSES_PATTERN.replace("|", ", ") + "]");
        assertThat(CountyReference.demo().categories().values()).allSatisfy(category ->
                assertThat(category.petitionClass()).matches(SubscriptionService.CLASSES_PATTERN));
    }

    @Test
    void aValidShapeHasNoProblemsWhateverTheRulesSay() {
        // department, url and categories are the rules' (the service's), not the shape's
        assertThat(problems(List.of("received", "routed", "status", "deadline", "status"),
                filters("990101002", "SUGGESTION", "ACCUSATION", "CLAIM"))).isEmpty();
        assertThat(problems(null, null)).isEmpty();
        assertThat(problems(List.of(), new Subscription.Filters(null, null, null))).isEmpty();
    }

    @Test
    void everyEventTypeIsOneOfTheKinds() {
        assertThat(problems(Arrays.asList("status", "closed", null, "Status", ""), null)).containsExactly(
                new FieldProblem("eventTypes[1]", TYPES), new FieldProblem("eventTypes[2]", TYPES),
                new FieldProblem("eventTypes[3]", TYPES), new FieldProblem("eventTypes[4]", TYPES));
    }

    @Test
    void everyClassIsOneOfTheClasses() {
        assertThat(problems(null, filters(null, "CLAIM", "RUMOUR", null, "claim"))).containsExactly(
                new FieldProblem("filters.classes[1]", CLASSES), new FieldProblem("filters.classes[2]", CLASSES),
                new FieldProblem("filters.classes[3]", CLASSES));
    }

    @Test
    void theDivisionPrefixIs2To12Digits() {
        FieldProblem bad = new FieldProblem("filters.divisionPrefix", "must be 2 to 12 digits of a division code, e.g. 990101002");
        for (String prefix : new String[] {"9", "99x", "", "9901010020011", "99 01", "９９"}) {
            assertThat(problems(null, filters(prefix))).as(prefix).containsExactly(bad);
        }
        for (String prefix : new String[] {"99", "990101", "990101002", "990101002001"}) {
            assertThat(problems(null, filters(prefix))).as(prefix).isEmpty();
        }
    }

    @Test
    void noProblemRepeatsWhatWasSent() {
        assertThat(problems(List.of("closed"), filters("99x", "RUMOUR"))).extracting(FieldProblem::message)
                .noneMatch(m -> m.contains("closed") || m.contains("99x") || m.contains("RUMOUR"));
    }
}
