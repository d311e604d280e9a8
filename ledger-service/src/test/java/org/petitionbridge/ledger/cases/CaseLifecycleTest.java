package org.petitionbridge.ledger.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.petitionbridge.events.Topics;
import org.petitionbridge.ledger.LedgerIntegrationTest;
import org.petitionbridge.testsupport.TopicReader;
import tools.jackson.databind.JsonNode;

/** Every path of a case through the ledger, driven as departments drive it: over REST, against Kafka and PostgreSQL. */
public class CaseLifecycleTest extends LedgerIntegrationTest {

    public static final String ACKNOWLEDGE = "{\"type\": \"ACKNOWLEDGE\", \"responsiblePerson\": \"李科长\", \"notifiedBy\": \"PHONE\"}";
    public static final String REPLY = """
            {"type": "REPLY", "outcome": "SUPPORT", "facts": "经查，拖欠属实。", "reasons": "依法应予支付。",
             "legalBasis": "《保障农民工工资支付条例》第三条"}""";

    private JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body());
    }

    private void refused(HttpResponse<String> response, int status, String rule) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(json(response.body()).get("rule").asString()).isEqualTo(rule);
    }

    private List<JsonNode> events(String topic, String petitionNo, int atLeast) {
        try (TopicReader reader = new TopicReader(brokers, List.of(topic))) {
            return await().atMost(Duration.ofSeconds(20)).until(() -> reader.poll(Duration.ofMillis(200)).stream()
                    .filter(r -> petitionNo.equals(r.key())).map(r -> json(r.body())).toList(), l -> l.size() >= atLeast);
        }
    }

    @Test
    void theHappyPathEndsInCloseOutWithAStatusAndAnAnalyticsEventForEveryStep() throws Exception {
        String no = assignedCase();
        JsonNode acknowledged = ok(act(no, "RSJ", ACKNOWLEDGE));
        assertThat(acknowledged.get("status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(acknowledged.get("responsiblePerson").asString()).isEqualTo("李科长");
        assertThat(acknowledged.get("activeClock").asString()).isEqualTo("REPLY");
        assertThat(acknowledged.get("dueDates").get("reply").asString()).isNotBlank();
        ok(act(no, "RSJ", "{\"type\": \"PROGRESS\", \"note\": \"已约谈包工头\"}"));
        ok(act(no, "T002", "{\"type\": \"CO_OPINION\", \"opinion\": \"镇劳动保障所已核实工时\"}"));
        assertThat(ok(act(no, "RSJ", REPLY)).get("status").asString()).isEqualTo("REPLIED");
        ok(act(no, "XFJ", "{\"type\": \"EVALUATE\", \"satisfaction\": \"SATISFIED\"}"));
        JsonNode closed = ok(act(no, "XFJ", "{\"type\": \"CLOSE\"}"));
        assertThat(closed.get("status").asString()).isEqualTo("CLOSED");
        assertThat(closed.get("satisfaction").asString()).isEqualTo("SATISFIED");

        List<JsonNode> statuses = events(Topics.STATUS, no, 8);
        assertThat(statuses).extracting(e -> e.get("action").asString()).containsExactly("OPENED", "ROUTED",
                "ACKNOWLEDGE", "PROGRESS", "CO_OPINION", "REPLY", "EVALUATE", "CLOSE");
        assertThat(statuses.get(5).get("details").get("legalBasis").asString()).contains("保障农民工工资支付条例");
        assertThat(statuses.get(2).get("actorDepartment").asString()).isEqualTo("RSJ");

        List<JsonNode> analytics = events(Topics.ANALYTICS, no, 8);
        JsonNode last = analytics.get(analytics.size() - 1);
        assertThat(last.get("status").asString()).isEqualTo("CLOSED");
        assertThat(last.get("townshipCode").asString()).isEqualTo("990101002");
        assertThat(last.get("minutesToClose").isNull()).isFalse();
        assertThat(analytics.toString()).doesNotContain("王*", "pseudo-", "包工头", "拖欠工资", "李科长", "经查");

        List<HistoryEntry> history = List.of(EventCodecs.history(get("/api/v1/cases/" + no + "/history").body()));
        assertThat(history).extracting(HistoryEntry::action).containsExactly("OPENED", "ROUTED", "ACKNOWLEDGE",
                "PROGRESS", "CO_OPINION", "REPLY", "EVALUATE", "CLOSE");
        // As it stood after the acknowledgement.
        Instant afterAcknowledge = history.get(2).occurredAt();
        JsonNode then = json(get("/api/v1/cases/" + no + "?asOf=" + afterAcknowledge).body());
        assertThat(then.get("status").asString()).isEqualTo("ACKNOWLEDGED");
    }

    @Test
    void anAcceptedObjectionSendsTheCaseBackToRoutingAndTheRerouteAssignsItAgain() throws Exception {
        String no = assignedCase();
        assertThat(ok(act(no, "RSJ", "{\"type\": \"OBJECT\", \"reasons\": \"属住建部门职责\"}")).get("status").asString())
                .isEqualTo("OBJECTED");
        ok(act(no, "XFJ", "{\"type\": \"OBJECTION_DECISION\", \"decision\": \"ACCEPT\", \"reason\": \"同意\"}"));
        JsonNode accepted = events(Topics.STATUS, no, 4).get(3);
        assertThat(accepted.get("action").asString()).isEqualTo("OBJECTION_ACCEPTED");
        assertThat(accepted.get("objectingDepartment").asString()).isEqualTo("RSJ");
        // The ledger takes RSJ off the case at once: the event says so, and RSJ sees nothing from now on.
        assertThat(accepted.get("lead").isNull()).isTrue();
        assertThat(accepted.get("coHandlers").toString()).isEqualTo("[\"T002\"]");
        assertThat(accepted.get("sequence").asLong()).isEqualTo(4);
        assertThat(getAs("RSJ", "/api/v1/cases/" + no).statusCode()).isEqualTo(404);
        assertThat(getAs("T002", "/api/v1/cases/" + no).statusCode()).isEqualTo(200);

        publish(routed(no, "REROUTE", "ZJJ", List.of("T002"), clock.instant()));
        await().atMost(Duration.ofSeconds(20)).until(() -> "ZJJ".equals(json(get("/api/v1/cases/" + no).body())
                .path("lead").asString()));
        JsonNode rerouted = awaitStatus(no, "ASSIGNED");
        assertThat(rerouted.get("lead").asString()).isEqualTo("ZJJ");
        ok(act(no, "ZJJ", ACKNOWLEDGE));
        refused(act(no, "T002", REPLY), 403, "only-lead-replies");
        // RSJ is no longer assigned: the case is not its own any more.
        assertThat(act(no, "RSJ", REPLY).statusCode()).isEqualTo(404);
        assertThat(getAs("RSJ", "/api/v1/cases/" + no).statusCode()).isEqualTo(404);
    }

    @Test
    void anObjectionIsDecidedOnceAndNoDecisionIsAppliedWhileItWaits() throws Exception {
        String no = assignedCase();
        ok(act(no, "RSJ", "{\"type\": \"OBJECT\", \"reasons\": \"属住建部门职责\"}"));
        // a decision arriving while the objection waits for the bureau is kept in the history only, with the reason
        publish(routed(no, "MANUAL", "ZJJ", List.of(), clock.instant()));
        JsonNode waiting = events(Topics.STATUS, no, 4).get(3);
        assertThat(waiting.get("action").asString()).isEqualTo("ROUTING_NOT_APPLIED");
        assertThat(waiting.get("details").get("reason").asString()).contains("异议");
        ok(act(no, "XFJ", "{\"type\": \"OBJECTION_DECISION\", \"decision\": \"ACCEPT\"}"));
        // decided: a second decision on it is refused, and the case now waits for its new assignment only
        refused(act(no, "XFJ", "{\"type\": \"OBJECTION_DECISION\", \"decision\": \"REJECT\"}"), 409,
                "no-objection-pending");
        publish(routed(no, "REROUTE", "ZJJ", List.of("T002"), clock.instant()));
        assertThat(awaitStatus(no, "ASSIGNED").get("lead").asString()).isEqualTo("ZJJ");
    }

    @Test
    void aDecisionForAnAcceptedCaseIsNotAppliedAndTheStatusEventSaysWhy() throws Exception {
        String no = assignedCase();
        ok(act(no, "RSJ", ACKNOWLEDGE));
        publish(routed(no, "MANUAL", "ZJJ", List.of(), clock.instant()));
        JsonNode notApplied = events(Topics.STATUS, no, 4).get(3);
        assertThat(notApplied.get("action").asString()).isEqualTo("ROUTING_NOT_APPLIED");
        assertThat(notApplied.get("lead").asString()).isEqualTo("RSJ");
        assertThat(notApplied.get("details").get("decisionId").asString()).isEqualTo("d-MANUAL-" + no);
        assertThat(notApplied.get("details").get("reason").asString()).contains("已由承办单位签收受理");
        // nobody's access changed
        assertThat(getAs("ZJJ", "/api/v1/cases/" + no).statusCode()).isEqualTo(404);
        assertThat(getAs("RSJ", "/api/v1/cases/" + no).statusCode()).isEqualTo(200);
    }

    @Test
    void aRejectedObjectionReturnsTheCaseToItsDepartment() throws Exception {
        String no = assignedCase();
        ok(act(no, "T002", "{\"type\": \"OBJECT\", \"reasons\": \"非属地\"}"));
        JsonNode back = ok(act(no, "XFJ", "{\"type\": \"OBJECTION_DECISION\", \"decision\": \"REJECT\", \"reason\": \"属地在东河镇\"}"));
        assertThat(back.get("status").asString()).isEqualTo("ASSIGNED");
    }

    @Test
    void anExtensionIsGrantedOnceByTheSupervisorAndMovesTheReplyDate() throws Exception {
        String no = assignedCase();
        String due = ok(act(no, "RSJ", ACKNOWLEDGE)).get("dueDates").get("reply").asString();
        ok(act(no, "RSJ", "{\"type\": \"REQUEST_EXTENSION\", \"days\": 20, \"reason\": \"需司法鉴定\"}"));
        refused(act(no, "XFJ", "{\"type\": \"EXTENSION_DECISION\", \"decision\": \"APPROVE\"}"), 403,
                "only-supervisor-decides-extensions");
        JsonNode extended = ok(act(no, "ZFB", "{\"type\": \"EXTENSION_DECISION\", \"decision\": \"APPROVE\"}"));
        assertThat(extended.get("status").asString()).isEqualTo("EXTENDED");
        assertThat(extended.get("dueDates").get("reply").asString())
                .isEqualTo(java.time.LocalDate.parse(due).plusDays(20).toString());
        refused(act(no, "RSJ", "{\"type\": \"REQUEST_EXTENSION\", \"days\": 5, \"reason\": \"再延\"}"), 409,
                "one-extension-only");
    }

    @Test
    void aRefusedExtensionLeavesTheDateAndCannotBeAskedAgain() throws Exception {
        String no = assignedCase();
        String due = ok(act(no, "RSJ", ACKNOWLEDGE)).get("dueDates").get("reply").asString();
        ok(act(no, "RSJ", "{\"type\": \"REQUEST_EXTENSION\", \"days\": 30, \"reason\": \"案情复杂\"}"));
        JsonNode refused = ok(act(no, "ZFB", "{\"type\": \"EXTENSION_DECISION\", \"decision\": \"REFUSE\"}"));
        assertThat(refused.get("status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(refused.get("extensionStatus").asString()).isEqualTo("REFUSED");
        assertThat(refused.get("dueDates").get("reply").asString()).isEqualTo(due);
        refused(act(no, "RSJ", "{\"type\": \"REQUEST_EXTENSION\", \"days\": 10, \"reason\": \"再次申请\"}"), 409,
                "one-extension-only");
    }

    @Test
    void aRedirectEndsThePetitionTrackWithTheGuidance() throws Exception {
        String no = assignedCase();
        JsonNode redirected = ok(act(no, "RSJ", "{\"type\": \"REDIRECT\", \"procedure\": \"ARBITRATION\","
                + " \"guidance\": \"请向县劳动人事争议仲裁委员会申请仲裁\"}"));
        assertThat(redirected.get("status").asString()).isEqualTo("REDIRECTED");
        refused(act(no, "RSJ", ACKNOWLEDGE), 409, "case-ended");
    }

    @Test
    void reviewAndRecheckLeadToTerminationAfterWhichNothingIsAccepted() throws Exception {
        String no = assignedCase();
        ok(act(no, "RSJ", ACKNOWLEDGE));
        ok(act(no, "RSJ", REPLY.replace("SUPPORT", "NOT_SUPPORT")));
        ok(act(no, "XFJ", "{\"type\": \"CLOSE\"}"));
        assertThat(ok(act(no, "XFJ", "{\"type\": \"REVIEW_REQUEST\", \"reason\": \"不服处理意见\"}")).get("status")
                .asString()).isEqualTo("REVIEW_REQUESTED");
        refused(act(no, "RSJ", "{\"type\": \"REVIEW_DECISION\", \"outcome\": \"UPHELD\", \"reasons\": \"x\"}"), 403,
                "only-supervisor-decides-reviews");
        assertThat(ok(act(no, "ZFB", "{\"type\": \"REVIEW_DECISION\", \"outcome\": \"UPHELD\", \"reasons\": \"维持\"}"))
                .get("status").asString()).isEqualTo("REVIEWED");
        ok(act(no, "XFJ", "{\"type\": \"RECHECK_REQUEST\", \"reason\": \"不服复查意见\"}"));
        JsonNode terminated = ok(act(no, "ZFB", "{\"type\": \"RECHECK_DECISION\", \"outcome\": \"UPHELD\", \"reasons\": \"维持\"}"));
        assertThat(terminated.get("status").asString()).isEqualTo("TERMINATED");
        for (String anything : List.of(ACKNOWLEDGE, "{\"type\": \"SUPERVISE\", \"note\": \"督办\"}",
                "{\"type\": \"REVIEW_REQUEST\", \"reason\": \"again\"}")) {
            refused(act(no, "XFJ", anything), 409, "case-terminated");
        }

        // The same matter again: not accepted.
        String repeat = newPetitionNo();
        publish(received(repeat, clock.instant(), no, null));
        JsonNode notAccepted = awaitStatus(repeat, "NOT_ACCEPTED");
        assertThat(notAccepted.get("notAcceptedReason").asString()).contains(no, "复核终结");
    }

    @Test
    void aRepeatOfAnOpenCaseIsAttachedToItAndItsLeadIsTold() throws Exception {
        String original = assignedCase();
        String repeat = newPetitionNo();
        publish(received(repeat, clock.instant(), original, null));
        await().atMost(Duration.ofSeconds(20)).until(() -> json(get("/api/v1/cases/" + original).body())
                .get("repeatCount").asInt() == 1);
        JsonNode attached = json(get("/api/v1/cases/" + repeat).body());
        assertThat(attached.get("attachedTo").asString()).isEqualTo(original);
        assertThat(attached.get("activeClock").isNull()).isTrue();
        JsonNode told = events(Topics.STATUS, original, 3).get(2);
        assertThat(told.get("action").asString()).isEqualTo("REPEAT_RECEIVED");
        assertThat(told.get("lead").asString()).isEqualTo("RSJ");
        refused(act(repeat, "XFJ", "{\"type\": \"SUPERVISE\", \"note\": \"督办\"}"), 409, "case-attached");
    }

    @Test
    void everyActionTheStateTheClockOrTheRoleDoesNotAllowIsRefusedNamingItsRule() throws Exception {
        String no = assignedCase();
        refused(act(no, "RSJ", REPLY), 409, "reply-before-acknowledgement");
        refused(act(no, "T002", ACKNOWLEDGE), 403, "only-lead-acknowledges");
        refused(act(no, "RSJ", "{\"type\": \"CO_OPINION\", \"opinion\": \"x\"}"), 403, "only-co-handlers-give-opinions");
        refused(act(no, "XFJ", "{\"type\": \"CLOSE\"}"), 409, "close-needs-reply");
        refused(act(no, "XFJ", "{\"type\": \"OBJECTION_DECISION\", \"decision\": \"ACCEPT\"}"), 409, "no-objection-pending");
        refused(act(no, "XFJ", "{\"type\": \"OBJECT\", \"reasons\": \"x\"}"), 403, "only-assigned-departments-object");
        // A department the case is not assigned to does not even learn that it exists.
        assertThat(act(no, "ZJJ", "{\"type\": \"OBJECT\", \"reasons\": \"x\"}").statusCode()).isEqualTo(404);

        // An objection after 5 working days of the assignment (10 calendar days always hold 5 working days).
        clock.advance(Duration.ofDays(10));
        refused(act(no, "RSJ", "{\"type\": \"OBJECT\", \"reasons\": \"迟到的异议\"}"), 409, "objection-window-closed");

        // A review requested 31 days after the reply.
        ok(act(no, "RSJ", ACKNOWLEDGE));
        ok(act(no, "RSJ", REPLY));
        clock.advance(Duration.ofDays(31));
        refused(act(no, "XFJ", "{\"type\": \"REVIEW_REQUEST\", \"reason\": \"逾期\"}"), 409, "review-window-closed");

        // Bad fields are a 400 listing each of them; an unknown case a 404; no token a 401.
        HttpResponse<String> bad = act(no, "RSJ", "{\"type\": \"REQUEST_EXTENSION\", \"days\": 45}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad.body()).get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("days", "reason");
        assertThat(act("XF990101-19990101-000001", "RSJ", ACKNOWLEDGE).statusCode()).isEqualTo(404);
        assertThat(act(no, null, ACKNOWLEDGE).statusCode()).isEqualTo(401);
        assertThat(act(no, "RSJ", "{\"type\": \"DANCE\"}").statusCode()).isEqualTo(400);
    }
}
