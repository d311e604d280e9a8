package org.petitionbridge.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.petitionbridge.events.CloudEvent;
import org.petitionbridge.events.PetitionEvent;
import org.petitionbridge.events.PetitionReceived;
import org.petitionbridge.service.jdbc.SqlArrays;
import org.junit.jupiter.api.AfterEach;
import org.petitionbridge.testsupport.MutableClock;
import org.petitionbridge.testsupport.MutableClockConfiguration;
import org.petitionbridge.testsupport.ServiceTest;
import org.petitionbridge.testsupport.TestDatabase;
import org.petitionbridge.testsupport.TestEvents;
import org.petitionbridge.testsupport.TestHttp;
import org.petitionbridge.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Base of risk's integration tests: one real broker and one real PostgreSQL for the whole module (one Spring
 * context, cached), helpers to publish petitions as intake would and to call the API as a department.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {RiskApplication.CONFIG_NAME,
                "spring.cloud.stream.kafka.binder.brokers=${spring.kafka.bootstrap-servers}",
                // the escalation test scans by itself, with the clock it moves
                "petition-bridge.risk.escalation-scan-interval=1h",
                "petition-bridge.risk.screening-scan-interval=1h"})
@EmbeddedKafka(partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@Import(MutableClockConfiguration.class)
public abstract class RiskIntegrationTest extends ServiceTest {

    /** The service's clock, which the escalation test moves forward. */
    @Autowired
    protected MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** 东河镇 (T002) and two of its villages; 西山乡 (T003) and one of its. */
    protected static final String DONGHE_TOWNSHIP = "990101002";
    protected static final String DONGHE_VILLAGE = "990101002001";
    protected static final String DONGHE_OTHER_VILLAGE = "990101002002";
    protected static final String XISHAN_VILLAGE = "990101003002";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "risk");
        TestTokens.register(registry);
    }

    protected static String newPetitionNo() {
        return TestEvents.newPetitionNo();
    }

    /**
     * Stores a petition's fact directly, as a counting test needs many of them at chosen moments (no warning looks at
     * it); returns its number.
     */
    protected String insertFact(String township, String category, Instant at, Set<String> barred) {
        String no = newPetitionNo();
        jdbc.sql("""
                        insert into petition_fact (petition_no, division_code, township_code, category, group_size,
                            is_group, barred, received_at)
                        values (?, '990101999001', ?, ?, 1, false, ?, ?)""")
                .params(no, township, category, SqlArrays.of(barred), Timestamp.from(at)).update();
        return no;
    }

    protected CloudEvent publish(PetitionEvent event) {
        return TestEvents.publish(brokers, event);
    }

    /** A petition as intake publishes it (no personal data but a pseudonym and a masked name). */
    protected static PetitionReceived petition(String petitionNo, String division, String category, int groupSize,
            String complainedDepartment) {
        return petition(petitionNo, division, category, groupSize, complainedDepartment, Instant.now());
    }

    protected static PetitionReceived petition(String petitionNo, String division, String category, int groupSize,
            String complainedDepartment, Instant now) {
        return new PetitionReceived(petitionNo, "VISIT", now, now, division, category, "CLAIM", "房屋征收补偿",
                "征收补偿标准过低", groupSize, groupSize >= 5,
                List.of(new PetitionReceived.Petitioner("pseudo-" + petitionNo, "王*")), null,
                complainedDepartment == null ? null : new PetitionReceived.ComplainedAgainst(complainedDepartment, null),
                null);
    }

    /** A petition repeating an earlier one (intake's repeat link). */
    protected static PetitionReceived petitionRepeating(String petitionNo, String earlier) {
        Instant now = Instant.now();
        return new PetitionReceived(petitionNo, "VISIT", now, now, DONGHE_VILLAGE, "HOUSING_DEMOLITION", "CLAIM",
                "再次反映", "补偿仍未解决", 1, false, List.of(new PetitionReceived.Petitioner("pseudo-" + petitionNo, "王*")),
                earlier, null, null);
    }

    /** Waits until risk has stored the petition (and so looked at it for warnings). */
    protected void awaitFact(String petitionNo) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "select count(*) from petition_fact where petition_no = ?").param(petitionNo).query(Integer.class)
                .single() == 1);
    }

    /** The warnings the department sees of a type that name the petition. */
    protected List<JsonNode> warningsNaming(String department, String type, String petitionNo) {
        HttpResponse<String> r = get(department, "/api/v1/warnings?type=" + type);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).valueStream().filter(w -> w.get("petitionNos").valueStream()
                .anyMatch(n -> n.asString().equals(petitionNo))).toList();
    }

    protected HttpResponse<String> post(String department, String path, String body) {
        return TestHttp.send(port, "POST", path, "application/json", body, TestTokens.get().bearer(department), null);
    }

    protected HttpResponse<String> get(String department, String path) {
        return TestHttp.send(port, "GET", path, null, null, TestTokens.get().bearer(department), null);
    }

    protected static JsonNode json(HttpResponse<String> response) {
        return TestHttp.json(response.body());
    }

    /** Registers a project as its department, checks the 201 and returns its id. */
    protected String project(String department, String divisions, String categories, int households) {
        HttpResponse<String> r = post(department, "/api/v1/projects", """
                {"name": "东河村棚户区改造", "divisions": %s, "categories": %s, "households": %d,
                 "plannedStart": "2027-03-01", "description": "拆除旧房，原地安置"}"""
                .formatted(divisions, categories, households));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).get("id").asString();
    }

    /** An assessment body with the given survey (and level, or none). */
    protected static String assessment(int surveyed, int opposed, String level) {
        return """
                {"riskPoints": [{"description": "补偿标准争议", "likelihood": "MEDIUM", "impact": "HIGH",
                                 "measures": "公开补偿方案，逐户听取意见"}],
                 "survey": {"householdsSurveyed": %d, "opposed": %d}, "methods": ["公示", "问卷", "座谈走访"],
                 "conclusion": "多数群众支持"%s}"""
                .formatted(surveyed, opposed, level == null ? "" : ", \"level\": \"" + level + "\"");
    }
}
