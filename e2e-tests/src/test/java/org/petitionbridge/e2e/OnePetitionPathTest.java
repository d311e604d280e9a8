package org.petitionbridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.petitionbridge.testsupport.WebhookReceiver;
import tools.jackson.databind.JsonNode;

/**
 * The path of one petition through all four services, on the local stack exactly as the README's run command
 * starts it (a real KRaft broker, a real PostgreSQL 17, the token issuer, four services), with tokens from the
 * issuer as a department and a hotline would get them, then a restart of the whole stack.
 */
class OnePetitionPathTest {

    static final String PETITION = """
            {"channel": "VISIT", "divisionCode": "990101002001", "category": "WAGE_ARREARS",
             "subject": "包工头拖欠农民工工资", "content": "在东河村工地干活三个月，包工头一直拖欠工钱。",
             "petitioners": [{"name": "张三", "idNumber": "11010519491231002X", "phone": "13800138000"}]}""";

    static Platform platform;
    static WebhookReceiver receiver;

    @BeforeAll
    static void start() throws Exception {
        receiver = new WebhookReceiver();
        platform = SharedStack.platform();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    @Test
    void aPetitionTravelsFromIntakeThroughRoutingToTheLedgerAndItsStatusReachesTheLeadDepartmentsWebhook()
            throws Exception {
        HttpResponse<String> subscribed = platform.post("rsj", platform.notify + "/api/v1/subscriptions",
                "{\"url\": \"" + receiver.url("/hooks/rsj") + "\"}");
        assertThat(subscribed.statusCode()).isEqualTo(201);

        HttpResponse<String> registered = platform.post("hotline", platform.intake + "/api/v1/petitions",
                PETITION);
        assertThat(registered.statusCode()).isEqualTo(201);
        String petitionNo = Platform.json(registered.body()).get("petitionNo").asString();

        JsonNode kase = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            HttpResponse<String> r = platform.get("rsj", platform.ledger + "/api/v1/cases/" + petitionNo);
            return r.statusCode() == 200 ? Platform.json(r.body()) : null;
        }, c -> c != null && "ASSIGNED".equals(c.get("status").asString()));
        assertThat(kase.get("lead").asString()).isEqualTo("RSJ");
        assertThat(kase.get("coHandlers").get(0).asString()).isEqualTo("T002");

        WebhookReceiver.Delivery delivery = await().atMost(Duration.ofSeconds(30)).until(() -> receiver.deliveries()
                .stream().filter(d -> d.body().contains(petitionNo) && d.body().contains("\"ASSIGNED\"")).findFirst()
                .orElse(null), d -> d != null);
        assertThat(delivery.path()).isEqualTo("/hooks/rsj");
        assertThat(delivery.header("webhook-signature")).startsWith("v1,");
        JsonNode event = Platform.json(delivery.body());
        assertThat(event.get("type").asString()).isEqualTo("petition.status.v1");
        assertThat(event.get("data").get("lead").asString()).isEqualTo("RSJ");
        assertThat(delivery.body()).doesNotContain("张三", "11010519491231002X", "13800138000");
    }

    @Test
    void badInputIsRefusedWithProblemDetailsNamingTheField() throws Exception {
        HttpResponse<String> missing = platform.post("hotline", platform.intake + "/api/v1/petitions",
                PETITION.replace("\"divisionCode\": \"990101002001\",", ""));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(Platform.json(missing.body()).get("errors").get(0).get("field").asString()).isEqualTo("divisionCode");

        HttpResponse<String> unknown = platform.post("hotline", platform.intake + "/api/v1/petitions",
                PETITION.replace("990101002001", "990101099001"));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("divisionCode");

        HttpResponse<String> malformed = platform.post("hotline", platform.intake + "/api/v1/petitions",
                "{\"channel\": ");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    }

    @Test
    void everyPetitionCaseAndTokenSurvivesARestartOfTheWholeStack() throws Exception {
        // A petition registered and assigned before the restart (another petitioner than the other tests': the
        // same one again would be a repeat, attached to an open case) ...
        HttpResponse<String> before = platform.post("hotline", platform.intake + "/api/v1/petitions",
                PETITION.replace("{\"name\": \"张三\", \"idNumber\": \"11010519491231002X\", \"phone\": \"13800138000\"}",
                        "{\"name\": \"王五\", \"phone\": \"13700137000\"}"));
        assertThat(before.statusCode()).as(before.body()).isEqualTo(201);
        String petitionNo = Platform.json(before.body()).get("petitionNo").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<String> r = platform.get("rsj", platform.ledger + "/api/v1/cases/" + petitionNo);
            return r.statusCode() == 200 && r.body().contains("\"ASSIGNED\"");
        });
        // ... and a department's system holds a token fetched before the restart ...
        String tokenFromBefore = platform.token("rsj");
        platform = SharedStack.restart();
        // ... and it is still valid afterwards: the issuer keeps its signing key in the data directory.
        HttpResponse<String> withOldToken = platform.getWithToken(tokenFromBefore,
                platform.ledger + "/api/v1/cases/" + petitionNo);
        assertThat(withOldToken.statusCode()).as(withOldToken.body()).isEqualTo(200);
        assertThat(Platform.keyId(platform.token("rsj"))).isEqualTo(Platform.keyId(tokenFromBefore));
        HttpResponse<String> kase = platform.get("rsj", platform.ledger + "/api/v1/cases/" + petitionNo);
        assertThat(kase.statusCode()).isEqualTo(200);
        assertThat(Platform.json(kase.body()).get("status").asString()).isEqualTo("ASSIGNED");
        assertThat(platform.get("rsj", platform.intake + "/api/v1/petitions/" + petitionNo).statusCode()).isEqualTo(200);

        // And the restarted platform still carries new petitions end to end (another petitioner: the same one
        // again would be a repeat, attached to the open case).
        HttpResponse<String> registered = platform.post("hotline", platform.intake + "/api/v1/petitions",
                PETITION.replace("{\"name\": \"张三\", \"idNumber\": \"11010519491231002X\", \"phone\": \"13800138000\"}",
                        "{\"name\": \"李四\", \"phone\": \"13900139000\"}"));
        assertThat(registered.statusCode()).isEqualTo(201);
        assertThat(Platform.json(registered.body()).get("repeatOf").isNull()).isTrue();
        String second = Platform.json(registered.body()).get("petitionNo").asString();
        assertThat(second).isNotEqualTo(petitionNo);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<String> r = platform.get("rsj", platform.ledger + "/api/v1/cases/" + second);
            return r.statusCode() == 200 && r.body().contains("\"ASSIGNED\"");
        });
    }
}
