package org.petitionbridge.intake.petitions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.petitionbridge.service.problems.FieldProblem;
import org.petitionbridge.service.problems.Problems;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/**
 * The shape of a petition, declared by Bean Validation constraints on {@link PetitionRequest}, without a Spring
 * context, in milliseconds. Spring's adapter turns each violation into the field path the 400 answer names
 * ({@code petitioners[0].name}), as it does for {@code @Valid} in the controller.
 */
class PetitionRequestConstraintsTest {

    private static final String CHANNELS = "[LETTER, VISIT, PHONE, ONLINE, HOTLINE_12345, EMAIL]";
    private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();
    private static final SpringValidatorAdapter VALIDATOR = new SpringValidatorAdapter(FACTORY.getValidator());

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    private static List<FieldProblem> problems(Consumer<PetitionDraft> change) {
        PetitionDraft draft = new PetitionDraft();
        change.accept(draft);
        PetitionRequest request = draft.request();
        BeanPropertyBindingResult errors = new BeanPropertyBindingResult(request, "petitionRequest");
        VALIDATOR.validate(request, errors);
        return Problems.fieldProblems(errors);
    }

    private static FieldProblem problem(String field, String message) {
        return new FieldProblem(field, message);
    }

    @Test
    void theDraftHasAValidShape() {
        assertThat(problems(d -> { })).isEmpty();
    }

    @Test
    void theChannelsOfTheConstraintAreTheChannels() {
        assertThat(Channel.LISTED).isEqualTo(Arrays.toString(Channel.values())).isEqualTo(CHANNELS);
        assertThat(Channel.PATTERN).isEqualTo(Arrays.stream(Channel.values()).map(Channel::name)
                .collect(Collectors.joining("|")));
    }

    @Test
    void theChannelIsRequiredAndOneOfTheChannels() {
        assertThat(problems(d -> d.channel = null)).containsExactly(problem("channel", "is required; one of " + CHANNELS));
        assertThat(problems(d -> d.channel = "FAX")).containsExactly(problem("channel", "must be one of " + CHANNELS));
        assertThat(problems(d -> d.channel = "visit")).containsExactly(problem("channel", "must be one of " + CHANNELS));
        assertThat(problems(d -> d.channel = "")).containsExactly(problem("channel", "must be one of " + CHANNELS));
        assertThat(problems(d -> d.channel = "VISIT|LETTER")).containsExactly(problem("channel", "must be one of " + CHANNELS));
        assertThat(problems(d -> d.channel = "LETTERS")).containsExactly(problem("channel", "must be one of " + CHANNELS));
        for (Channel channel : Channel.values()) {
            assertThat(problems(d -> d.channel = channel.name())).as(channel.name()).isEmpty();
        }
    }

    @Test
    void theDivisionIsRequired() {
        FieldProblem required = problem("divisionCode",
                "is required: a village (12 digits) or township (9 digits) code of the county");
        assertThat(problems(d -> d.divisionCode = null)).containsExactly(required);
        assertThat(problems(d -> d.divisionCode = "")).containsExactly(required);
        assertThat(problems(d -> d.divisionCode = " ")).containsExactly(required);
        // which codes the county has is a rule (PetitionValidator), not the shape
        assertThat(problems(d -> d.divisionCode = "110105001001")).isEmpty();
    }

    @Test
    void theSubjectIsRequiredAndAtMost200Characters() {
        FieldProblem required = problem("subject", "is required (1 to 200 characters)");
        assertThat(problems(d -> d.subject = null)).containsExactly(required);
        assertThat(problems(d -> d.subject = "")).containsExactly(required);
        assertThat(problems(d -> d.subject = " \t\u3000")).as("ideographic space is blank too").containsExactly(required);
        assertThat(problems(d -> d.subject = "欠".repeat(201)))
                .containsExactly(problem("subject", "must be at most 200 characters"));
        assertThat(problems(d -> d.subject = "欠".repeat(200))).isEmpty();
        // characters, not UTF-16 units: 200 characters outside the basic plane are 400 units
        assertThat(problems(d -> d.subject = "\uD840\uDC00".repeat(200))).isEmpty();
        assertThat(problems(d -> d.subject = "\uD840\uDC00".repeat(201)))
                .containsExactly(problem("subject", "must be at most 200 characters"));
    }

    @Test
    void theContentIsRequiredAndAtMost10000Characters() {
        FieldProblem required = problem("content", "is required (1 to 10000 characters)");
        assertThat(problems(d -> d.content = null)).containsExactly(required);
        assertThat(problems(d -> d.content = "\n ")).containsExactly(required);
        assertThat(problems(d -> d.content = "欠".repeat(10_001)))
                .containsExactly(problem("content", "must be at most 10000 characters"));
        assertThat(problems(d -> d.content = "欠".repeat(10_000))).isEmpty();
        assertThat(problems(d -> d.content = "\uD840\uDC00".repeat(10_000))).isEmpty();
    }

    @Test
    void everyPetitionerIsAnObjectWithANameOfAtMost50Characters() {
        assertThat(problems(d -> d.petitioners.add(null)))
                .containsExactly(problem("petitioners[1]", "must be an object with at least a name"));
        assertThat(problems(d -> d.petitioners.add(PetitionDraft.named(null))))
                .containsExactly(problem("petitioners[1].name", "is required"));
        assertThat(problems(d -> d.petitioners.set(0, PetitionDraft.named(" "))))
                .containsExactly(problem("petitioners[0].name", "is required"));
        assertThat(problems(d -> d.petitioners.set(0, PetitionDraft.named("欧".repeat(51)))))
                .containsExactly(problem("petitioners[0].name", "must be at most 50 characters"));
        assertThat(problems(d -> d.petitioners.set(0, PetitionDraft.named("欧".repeat(50))))).isEmpty();
        // whether a petition needs petitioners at all is a rule (PetitionValidator)
        assertThat(problems(d -> d.petitioners = List.of())).isEmpty();
        assertThat(problems(d -> d.petitioners = null)).isEmpty();
    }

    @Test
    void anAddressIsAtMost200Characters() {
        assertThat(problems(d -> d.petitioners.set(0, new PetitionRequest.Petitioner("王建国", null, null, "路".repeat(201)))))
                .containsExactly(problem("petitioners[0].address", "must be at most 200 characters"));
        assertThat(problems(d -> d.petitioners.set(0, new PetitionRequest.Petitioner("王建国", null, null, "路".repeat(200)))))
                .isEmpty();
    }

    @Test
    void theOfficialComplainedAboutIsAtMost100Characters() {
        assertThat(problems(d -> d.complainedAgainst = new PetitionRequest.ComplainedAgainst("T002", "副".repeat(101))))
                .containsExactly(problem("complainedAgainst.person", "must be at most 100 characters"));
        assertThat(problems(d -> d.complainedAgainst = new PetitionRequest.ComplainedAgainst("T002", "副".repeat(100))))
                .isEmpty();
    }

    @Test
    void theIdNumberAndPhoneAreLeftToTheRules() {
        assertThat(problems(d -> d.petitioners.set(0, new PetitionRequest.Petitioner("王建国", "1", "2", null)))).isEmpty();
    }

    @Test
    void everyBadFieldOfTheShapeIsListedOnceByFieldWithoutRepeatingWhatWasSent() {
        List<FieldProblem> problems = problems(d -> {
            d.channel = "FAX";
            d.divisionCode = null;
            d.subject = "";
            d.content = "欠".repeat(10_001);
            d.petitioners = Arrays.asList(new PetitionRequest.Petitioner("李".repeat(51), null, null, "路".repeat(201)),
                    null, PetitionDraft.named(""));
            d.complainedAgainst = new PetitionRequest.ComplainedAgainst("T002", "副".repeat(101));
        });
        assertThat(problems).extracting(FieldProblem::field).containsExactly("channel", "complainedAgainst.person",
                "content", "divisionCode", "petitioners[0].address", "petitioners[0].name", "petitioners[1]",
                "petitioners[2].name", "subject");
        assertThat(problems).extracting(FieldProblem::message).noneMatch(m -> m.contains("FAX") || m.contains("李李")
                || m.contains("欠欠") || m.contains("路路") || m.contains("副副"));
    }
}
