package org.petitionbridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.petitionbridge.localstack.LocalStack;
import org.petitionbridge.testsupport.WebhookReceiver;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Confidentiality across the whole platform, with real tokens from the stack's issuer:
 * <ul>
 * <li>a petition complaining about ZJJ: no token of ZJJ reads its content or its petitioners from any service,
 * its feed or its webhooks, although ZJJ subscribed to everything it could, nor finds it among the petitions of
 * its own project or in a warning;</li>
 * <li>canaries: petitions with known names, ID numbers, phones and addresses go through registration, routing,
 * the ledger, a repeat, a group petition, a refused submission, an action, an audited identity read, risk's
 * project links and warnings, and webhooks; then every topic (dead-letter topics included), every log line of
 * every service, every metric, every webhook body and every table of the five databases are searched for them. The only place they may appear is the
 * answer of intake's audited identity endpoint (the registry itself is encrypted, so not even intake's
 * database holds them in clear).</li>
 * </ul>
 */
class ConfidentialityTest {

    // Canary personal data: distinctive values that occur nowhere else.
    static final String NAME_1 = "欧阳明远";
    static final String ID_1 = "110105198807150034";
    static final String PHONE_1 = "13912345678";
    static final String ADDRESS_1 = "东河村金桂巷88号";
    static final String NAME_2 = "司马青禾";
    static final String ID_2 = "110105197903040017";
    static final String PHONE_2 = "13787654321";
    static final String ADDRESS_2 = "柳湾村银杏路17号";
    static final String NAME_3 = "上官晓岚";
    static final String PHONE_3 = "15011223344";
    static final String NAME_4 = "诸葛南星";
    static final String PHONE_4 = "18655667788";
    static final List<String> CANARIES = List.of(NAME_1, ID_1, PHONE_1, ADDRESS_1, NAME_2, ID_2, PHONE_2, ADDRESS_2,
            NAME_3, PHONE_3, NAME_4, PHONE_4);

    static Platform platform;
    static LocalStack stack;
    static WebhookReceiver receiver;
    static ListAppender<ILoggingEvent> logs;
    static String wagePetition;
    static String accusation;
    static String project;

    @BeforeAll
    static void start() throws Exception {
        platform = SharedStack.platform();
        stack = SharedStack.stack();
        receiver = new WebhookReceiver();
        logs = CapturedLogs.start();
        petitionsWithCanaryPersonalDataTravelEveryPath();
    }

    /**
     * What every test below looks at, done once before any of them (so they hold in any order): petitions with the
     * canaries travel registration, routing, the ledger, a repeat, a group petition, a refused submission, an
     * action, an audited identity read and webhooks.
     */
    static void petitionsWithCanaryPersonalDataTravelEveryPath() throws Exception {
        // Webhooks: the handlers, the bureau (everything), and ZJJ asking for everything it may get.
        for (String department : List.of("rsj", "t002", "jwjw", "xfj", "zjj")) {
            HttpResponse<String> r = platform.post(department, platform.notify + "/api/v1/subscriptions",
                    "{\"url\": \"" + receiver.url("/hooks/" + department) + "\", "
                            + "\"eventTypes\": [\"received\", \"routed\", \"status\", \"deadline\", \"warning\", "
                            + "\"project\"]}");
            assertThat(r.statusCode()).as(department + " subscribes: " + r.body()).isEqualTo(201);
        }
        // ZJJ's project in 东河镇, registered before the petitions: they are linked to it (the accusation about ZJJ
        // too, which ZJJ must never see there), and the group petition raises its PROJECT warning.
        HttpResponse<String> registered = platform.post("zjj", platform.risk + "/api/v1/projects", """
                {"name": "东河镇安置房建设", "divisions": ["990101002"], "categories": ["WAGE_ARREARS", "ACCUSATION"],
                 "households": 40, "plannedStart": "2027-03-01"}""");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        project = Platform.json(registered.body()).get("id").asString();

        wagePetition = register("""
                {"channel": "VISIT", "divisionCode": "990101002001", "category": "WAGE_ARREARS",
                 "subject": "工地拖欠工资", "content": "在东河村工地干活三个月，工钱一直没有结清。",
                 "petitioners": [%s]}""".formatted(petitioner(NAME_1, ID_1, PHONE_1, ADDRESS_1)));
        accusation = register("""
                {"channel": "LETTER", "divisionCode": "990101002002", "category": "ACCUSATION",
                 "subject": "反映县住建局工作人员违规收费", "content": "县住建局某工作人员在办理手续时违规收取费用。",
                 "petitioners": [%s], "complainedAgainst": {"department": "ZJJ"}}"""
                .formatted(petitioner(NAME_2, ID_2, PHONE_2, ADDRESS_2)));
        // A repeat (the same petitioner, the same matter) and a group petition.
        String repeat = register("""
                {"channel": "PHONE", "divisionCode": "990101002001", "category": "WAGE_ARREARS",
                 "subject": "再次反映拖欠工资", "content": "上次反映的工资问题还没有解决。",
                 "petitioners": [%s]}""".formatted(petitioner(NAME_1, ID_1, PHONE_1, ADDRESS_1)));
        register("""
                {"channel": "VISIT", "divisionCode": "990101002003", "category": "WAGE_ARREARS", "groupSize": 12,
                 "subject": "集体反映工资拖欠", "content": "桥头村十二名工人集体反映工资拖欠问题。",
                 "petitioners": [%s, %s]}""".formatted(petitioner(NAME_3, null, PHONE_3, null),
                petitioner(NAME_4, null, PHONE_4, null)));
        // A refused submission: the answer names the field, never the value.
        HttpResponse<String> refused = platform.post("hotline", platform.intake + "/api/v1/petitions", """
                {"channel": "VISIT", "divisionCode": "990101099001", "category": "WAGE_ARREARS",
                 "subject": "x", "content": "y", "petitioners": [{"name": "%s", "idNumber": "110105198807150099",
                 "phone": "%s", "address": "%s"}]}""".formatted(NAME_1, PHONE_1, ADDRESS_1));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("divisionCode").doesNotContain(NAME_1, PHONE_1, ADDRESS_1);

        awaitCase("rsj", wagePetition);
        awaitCase("jwjw", accusation);
        assertThat(platform.get("rsj", platform.ledger + "/api/v1/cases/" + wagePetition).statusCode()).isEqualTo(200);
        assertThat(repeat).isNotBlank();
        // risk linked all four to the project and warned of the group petition
        await().atMost(Duration.ofSeconds(60)).until(() -> Platform.json(platform.get("xfj",
                platform.risk + "/api/v1/projects/" + project + "/petitions").body()).size() == 4
                && platform.get("xfj", platform.risk + "/api/v1/warnings?type=PROJECT").body().contains(project));

        // The lead acknowledges; the bureau and the lead see it in the history.
        HttpResponse<String> acknowledged = platform.post("rsj",
                platform.ledger + "/api/v1/cases/" + wagePetition + "/actions", """
                        {"type": "ACKNOWLEDGE", "responsiblePerson": "王科长", "notifiedBy": "PHONE"}""");
        assertThat(acknowledged.statusCode()).as(acknowledged.body()).isEqualTo(200);

        // An audited identity read: the canaries are in its answer, and must be nowhere else afterwards.
        HttpResponse<String> read = platform.get("rsj", platform.intake + "/api/v1/petitions/" + wagePetition
                + "/petitioners?purpose=" + URLEncoder.encode("电话告知受理情况", StandardCharsets.UTF_8)
                + "&fields=name,phone");
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    }


    @AfterAll
    static void stop() {
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(logs);
        receiver.close();
    }

    static String petitioner(String name, String id, String phone, String address) {
        return "{\"name\": \"" + name + "\"" + (id == null ? "" : ", \"idNumber\": \"" + id + "\"")
                + ", \"phone\": \"" + phone + "\"" + (address == null ? "" : ", \"address\": \"" + address + "\"") + "}";
    }

    @Test
    void webhooksReachTheHandlersOfBothPetitions() {
        await().atMost(Duration.ofSeconds(30)).until(() -> bodies("/hooks/rsj").contains("ACKNOWLEDGED")
                && bodies("/hooks/jwjw").contains(accusation));
    }

    @Test
    void theAssignedDepartmentReadsTheIdentityWithAPurposeAndTheReadIsAudited() throws Exception {
        String purpose = URLEncoder.encode("电话告知受理情况", StandardCharsets.UTF_8);
        HttpResponse<String> read = platform.get("rsj", platform.intake + "/api/v1/petitions/" + wagePetition
                + "/petitioners?purpose=" + purpose + "&fields=name,phone");
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(read.body()).contains(NAME_1, PHONE_1); // the one place the canaries may appear

        HttpResponse<String> audit = platform.get("xfj",
                platform.intake + "/api/v1/audit/identity-reads?petitionNo=" + wagePetition);
        assertThat(audit.statusCode()).isEqualTo(200);
        JsonNode entries = Platform.json(audit.body());
        JsonNode items = entries.isArray() ? entries : entries.path("items");
        assertThat(items.toString()).contains("RSJ", wagePetition, "电话告知受理情况", "name", "phone")
                .doesNotContain(NAME_1, PHONE_1);
        HttpResponse<String> verified = platform.get("xfj",
                platform.intake + "/api/v1/audit/identity-reads/verification");
        assertThat(Platform.json(verified.body()).get("intact").asBoolean()).isTrue();

        // Nobody else: another department and the supervisor (404: the policy refuses them), the analyst and the
        // hotline (403: their roles never read identities).
        for (String department : List.of("ybj", "zfb")) {
            assertThat(platform.get(department, platform.intake + "/api/v1/petitions/" + wagePetition
                    + "/petitioners?purpose=" + purpose).statusCode()).as(department).isEqualTo(404);
        }
        for (String client : List.of("analyst", "hotline")) {
            assertThat(platform.get(client, platform.intake + "/api/v1/petitions/" + wagePetition
                    + "/petitioners?purpose=" + purpose).statusCode()).as(client).isEqualTo(403);
        }
    }

    @Test
    void theDepartmentComplainedAboutLearnsNothingFromAnyServiceFeedOrWebhook() throws Exception {
        String purpose = URLEncoder.encode("核实情况", StandardCharsets.UTF_8);
        Map<String, Integer> answers = new java.util.LinkedHashMap<>();
        answers.put("intake record", platform.get("zjj", platform.intake + "/api/v1/petitions/" + accusation).statusCode());
        answers.put("intake petitioners", platform.get("zjj", platform.intake + "/api/v1/petitions/" + accusation
                + "/petitioners?purpose=" + purpose).statusCode());
        answers.put("routing decision", platform.get("zjj", platform.routing + "/api/v1/routing/decisions/"
                + accusation).statusCode());
        answers.put("ledger case", platform.get("zjj", platform.ledger + "/api/v1/cases/" + accusation).statusCode());
        answers.put("ledger history", platform.get("zjj", platform.ledger + "/api/v1/cases/" + accusation
                + "/history").statusCode());
        answers.put("ledger action", platform.post("zjj", platform.ledger + "/api/v1/cases/" + accusation
                + "/actions", "{\"type\": \"CO_OPINION\", \"opinion\": \"x\"}").statusCode());
        assertThat(answers).allSatisfy((what, status) -> assertThat(status).as(what).isEqualTo(404));

        HttpResponse<String> list = platform.get("zjj", platform.ledger + "/api/v1/cases");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(accusation);
        HttpResponse<String> feed = platform.get("zjj", platform.notify + "/api/v1/feed");
        assertThat(feed.statusCode()).isEqualTo(200);
        assertThat(feed.body()).doesNotContain(accusation);
        HttpResponse<String> deliveries = platform.get("zjj", platform.notify + "/api/v1/deliveries");
        assertThat(deliveries.body()).doesNotContain(accusation);
        // risk: ZJJ's own project lists its other petitions, never this one; no warning ZJJ sees names it
        HttpResponse<String> linked = platform.get("zjj", platform.risk + "/api/v1/projects/" + project + "/petitions");
        assertThat(linked.statusCode()).isEqualTo(200);
        assertThat(linked.body()).contains(wagePetition).doesNotContain(accusation);
        assertThat(platform.get("xfj", platform.risk + "/api/v1/projects/" + project + "/petitions").body())
                .contains(accusation);
        HttpResponse<String> warnings = platform.get("zjj", platform.risk + "/api/v1/warnings");
        assertThat(warnings.statusCode()).isEqualTo(200);
        assertThat(warnings.body()).doesNotContain(accusation);

        // ZJJ's webhook did receive other petitions' summaries (so it was listening), never this one.
        await().atMost(Duration.ofSeconds(30)).until(() -> bodies("/hooks/zjj").contains(wagePetition));
        assertThat(bodies("/hooks/zjj")).doesNotContain(accusation, NAME_2, PHONE_2);
        // The handler and the bureau do get it.
        assertThat(platform.get("jwjw", platform.ledger + "/api/v1/cases/" + accusation).statusCode()).isEqualTo(200);
        assertThat(platform.get("xfj", platform.intake + "/api/v1/petitions/" + accusation).statusCode()).isEqualTo(200);
    }

    @Test
    void noCanaryAppearsInAnyTopicLogMetricWebhookOrDatabase() throws Exception {
        // A poison event (no personal data in it) so that dead-letter topics hold something to search.
        Properties producer = new Properties();
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        try (KafkaProducer<String, String> poison = new KafkaProducer<>(producer, new StringSerializer(),
                new StringSerializer())) {
            poison.send(new ProducerRecord<>("petition.status.v1", "poison-" + wagePetition, "{not json")).get();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> everyRecord(stack.bootstrapServers()).entrySet().stream()
                .anyMatch(r -> r.getKey().contains(".dlq#") && r.getValue().contains("poison-" + wagePetition)));

        Map<String, Set<String>> hits = new HashMap<>();
        int records = 0;
        for (Map.Entry<String, String> r : everyRecord(stack.bootstrapServers()).entrySet()) {
            records++;
            found(hits, "topic " + r.getKey().substring(0, r.getKey().indexOf('#')), r.getValue());
        }
        assertThat(records).as("records read from the topics").isGreaterThan(10);

        List<ILoggingEvent> events;
        synchronized (logs) { // the appender appends under its own lock
            events = List.copyOf(logs.list);
        }
        assertThat(events).as("log events captured").isNotEmpty();
        for (ILoggingEvent event : events) {
            String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                    : ThrowableProxyUtil.asString(event.getThrowableProxy())) + event.getMDCPropertyMap();
            found(hits, "log " + event.getLoggerName(), line);
        }

        List<WebhookReceiver.Request> requests = receiver.requests();
        assertThat(requests).as("webhooks received").isNotEmpty();
        for (WebhookReceiver.Request request : requests) {
            found(hits, "webhook " + request.path(), request.body() + request.headers());
        }

        // Every metric of every service, as Prometheus scrapes it with the operator's token.
        for (String service : List.of(platform.intake, platform.routing, platform.ledger, platform.notify,
                platform.risk)) {
            HttpResponse<String> metrics = platform.get("operator", service + "/actuator/prometheus");
            assertThat(metrics.statusCode()).isEqualTo(200);
            found(hits, "metrics " + service, metrics.body());
        }

        int rows = 0;
        for (String database : List.of("intake", "routing", "ledger", "notify", "risk")) {
            try (Connection c = DriverManager.getConnection(stack.jdbcUrl(database), "postgres", "");
                    Statement tables = c.createStatement();
                    ResultSet names = tables.executeQuery("select table_name from information_schema.tables "
                            + "where table_schema = 'public' and table_type = 'BASE TABLE'")) {
                List<String> all = new ArrayList<>();
                while (names.next()) {
                    all.add(names.getString(1));
                }
                for (String table : all) {
                    try (Statement s = c.createStatement();
                            ResultSet r = s.executeQuery("select t::text from \"" + table + "\" t")) {
                        while (r.next()) {
                            rows++;
                            found(hits, "database " + database + "." + table, r.getString(1));
                        }
                    }
                }
            }
        }
        assertThat(rows).as("database rows read").isGreaterThan(10);
        assertThat(hits).as("places where canary personal data was found").isEmpty();
    }

    private static void found(Map<String, Set<String>> hits, String where, String text) {
        if (text == null) {
            return;
        }
        for (String canary : CANARIES) {
            if (text.contains(canary)) {
                hits.computeIfAbsent(where, k -> new TreeSet<>()).add(canary);
            }
        }
    }

    /** Every record of every topic (dead-letter topics included), read to the end: "topic#offset" -> text. */
    private static Map<String, String> everyRecord(String bootstrapServers) throws Exception {
        Map<String, String> out = new HashMap<>();
        List<ConsumerRecord<byte[], byte[]>> records = EveryRecord.of(bootstrapServers);
        assertThat(records.stream().map(ConsumerRecord::topic).distinct())
                .contains("petition.received.v1", "petition.analytics.v1");
        for (ConsumerRecord<byte[], byte[]> r : records) {
            StringBuilder text = new StringBuilder();
            if (r.key() != null) {
                text.append(new String(r.key(), StandardCharsets.UTF_8)).append('\n');
            }
            for (Header h : r.headers()) {
                text.append(h.key()).append('=').append(h.value() == null ? ""
                        : new String(h.value(), StandardCharsets.UTF_8)).append('\n');
            }
            if (r.value() != null) {
                text.append(new String(r.value(), StandardCharsets.UTF_8));
            }
            out.put(r.topic() + "#" + r.partition() + ":" + r.offset(), text.toString());
        }
        return out;
    }

    private static String register(String body) throws Exception {
        HttpResponse<String> r = platform.post("hotline", platform.intake + "/api/v1/petitions", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return Platform.json(r.body()).get("petitionNo").asString();
    }

    private static void awaitCase(String department, String petitionNo) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            HttpResponse<String> r = platform.get(department, platform.ledger + "/api/v1/cases/" + petitionNo);
            return r.statusCode() == 200 && r.body().contains("\"ASSIGNED\"");
        });
    }

    private static String bodies(String path) {
        StringBuilder all = new StringBuilder();
        for (WebhookReceiver.Request r : receiver.requests()) {
            if (r.path().equals(path)) {
                all.append(r.body()).append('\n');
            }
        }
        return all.toString();
    }
}
