package org.petitionbridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.petitionbridge.testsupport.WebhookReceiver;

/**
 * One trace per petition across the whole platform: a hotline's request that names a W3C trace
 * ({@code traceparent}) registers a petition; every event of that petition on every topic carries the same trace id
 * in its {@code traceparent} header, the department's webhook request carries it too, and every service that handled
 * the petition (intake, routing, the ledger, notify, risk) logged a line with that trace id.
 */
class TracingTest {

    static final String PETITION = """
            {"channel": "PHONE", "divisionCode": "990101002001", "category": "WAGE_ARREARS",
             "subject": "工地拖欠工资", "content": "在东河村工地干了两个月，工钱一直没有结清。",
             "petitioners": [{"name": "赵六", "phone": "13600136000"}]}""";

    static Platform platform;
    static WebhookReceiver receiver;
    static ListAppender<ILoggingEvent> logs;

    @BeforeAll
    static void start() throws Exception {
        platform = SharedStack.platform();
        receiver = new WebhookReceiver();
        logs = CapturedLogs.start();
    }

    @AfterAll
    static void stop() {
        CapturedLogs.stop(logs);
        receiver.close();
    }

    @Test
    void oneTraceIdFollowsAPetitionFromTheIntakeRequestThroughEveryTopicAndServiceToTheWebhookRequest()
            throws Exception {
        HttpResponse<String> subscribed = platform.post("rsj", platform.notify + "/api/v1/subscriptions",
                "{\"url\": \"" + receiver.url("/hooks/rsj-traced") + "\"}");
        assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(201);

        String traceId = hex(16);
        HttpResponse<String> registered = platform.post("hotline", platform.intake + "/api/v1/petitions", PETITION,
                Map.of("traceparent", "00-" + traceId + "-" + hex(8) + "-01"));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String petitionNo = Platform.json(registered.body()).get("petitionNo").asString();

        // The department's webhook request names the trace.
        WebhookReceiver.Delivery assigned = await().atMost(Duration.ofSeconds(30)).until(() -> receiver.deliveries()
                .stream().filter(d -> d.body().contains(petitionNo) && d.body().contains("\"ASSIGNED\""))
                .findFirst().orElse(null), d -> d != null);
        assertThat(traceIdOf(assigned.header("traceparent"))).isEqualTo(traceId);

        // Every event of the petition, on every topic, carries it.
        Map<String, String> traceIds = await().atMost(Duration.ofSeconds(30)).until(
                () -> traceIdsOfRecordsKeyed(petitionNo),
                found -> found.keySet().stream().map(k -> k.substring(0, k.indexOf('#'))).toList()
                        .containsAll(List.of("petition.received.v1", "petition.routed.v1", "petition.status.v1")));
        assertThat(traceIds).allSatisfy((record, id) -> assertThat(id).as(record).isEqualTo(traceId));

        // Every service that handled it logged a line of the trace.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<String> lines = linesOfTrace(traceId);
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("org.petitionbridge.intake.")
                    .contains("Petition " + petitionNo + " registered"));
            for (String group : List.of("routing", "ledger", "notify", "risk", "intake")) {
                assertThat(lines).as("a line of consumer group %s", group).anySatisfy(l -> assertThat(l)
                        .startsWith("org.petitionbridge.events").contains(petitionNo).contains("group " + group + ","));
            }
        });
    }

    private static List<String> linesOfTrace(String traceId) {
        List<String> lines = new ArrayList<>();
        synchronized (logs) { // the appender appends under its own lock
            for (ILoggingEvent e : logs.list) {
                if (traceId.equals(e.getMDCPropertyMap().get("traceId"))) {
                    lines.add(e.getLoggerName() + " " + e.getFormattedMessage());
                }
            }
        }
        return lines;
    }

    /** The trace id of every record keyed by the petition number, on every topic but the dead-letter ones. */
    private static Map<String, String> traceIdsOfRecordsKeyed(String petitionNo) throws Exception {
        Map<String, String> found = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : EveryRecord.of(SharedStack.stack().bootstrapServers())) {
            if (!r.topic().endsWith(".dlq") && r.key() != null
                    && petitionNo.equals(new String(r.key(), StandardCharsets.UTF_8))) {
                Header traceparent = r.headers().lastHeader("traceparent");
                found.put(r.topic() + "#" + r.partition() + ":" + r.offset(), traceparent == null ? "none"
                        : traceIdOf(new String(traceparent.value(), StandardCharsets.UTF_8)));
            }
        }
        return found;
    }

    private static String traceIdOf(String traceparent) {
        assertThat(traceparent).as("a W3C traceparent").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        return traceparent.split("-")[1];
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
