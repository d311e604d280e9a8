package org.petitionbridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.petitionbridge.testsupport.WebhookReceiver;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

/**
 * The operators' dashboards and alerts read what the services really expose: every metric that a panel of
 * deploy/grafana/dashboards or a rule of deploy/prometheus/alerts.yml uses is in the /actuator/prometheus answer of
 * a running service (scraped with the operator's token, as Prometheus does), after one petition went all the way
 * to a webhook. Every panel and every alert is described in docs/operations.md.
 */
class DashboardMetricsTest {

    static final Path ROOT = ComposeFileTest.ROOT;
    /** Series that Prometheus makes itself rather than scraping them. */
    static final Set<String> PROMETHEUS_OWN = Set.of("up");
    static final Set<String> PROMQL_WORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "and", "or", "unless", "offset", "bool", "le", "inf", "nan");
    static final Pattern NAME = Pattern.compile("(?<![\\w.$])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()");

    static Platform platform;
    static WebhookReceiver receiver;

    @BeforeAll
    static void onePetitionAllTheWay() throws Exception {
        platform = SharedStack.platform();
        receiver = new WebhookReceiver();
        assertThat(platform.post("zjj", platform.notify + "/api/v1/subscriptions",
                "{\"url\": \"" + receiver.url("/hooks/zjj-metrics") + "\"}").statusCode()).isEqualTo(201);
        HttpResponse<String> registered = platform.post("hotline", platform.intake + "/api/v1/petitions", """
                {"channel": "LETTER", "divisionCode": "990101003001", "category": "HOUSING_DEMOLITION",
                 "subject": "拆迁补偿", "content": "老房子拆迁的补偿款一直没有发放到位。",
                 "petitioners": [{"name": "钱七", "phone": "13500135000"}]}""");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String petitionNo = Platform.json(registered.body()).get("petitionNo").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.deliveries().stream()
                .anyMatch(d -> d.body().contains(petitionNo) && d.body().contains("\"ASSIGNED\"")));
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    @Test
    void everyMetricOfEveryDashboardAndAlertIsOneThatARunningServiceExposes() throws Exception {
        Map<String, Set<String>> used = new TreeMap<>();
        dashboardExpressions().forEach((where, expr) -> metricsOf(expr)
                .forEach(m -> used.computeIfAbsent(m, k -> new TreeSet<>()).add(where)));
        alertExpressions().forEach((where, expr) -> metricsOf(expr)
                .forEach(m -> used.computeIfAbsent(m, k -> new TreeSet<>()).add(where)));
        assertThat(used).as("metrics the dashboards and alerts use").containsKeys("petitions_received_total",
                "spring_cloud_stream_binder_kafka_offset", "outbox_oldest_age_seconds", "petition_deadletters_total",
                "webhook_deliveries_total", "webhook_endpoints", "ledger_cases_overdue", "risk_warnings_open");

        // The services run in this JVM: a collection clears whatever only a weak reference holds (a gauge's
        // source object, for one), as it would sooner or later in production.
        System.gc();
        Map<String, List<String>> exposed = await().atMost(Duration.ofSeconds(30)).until(DashboardMetricsTest::exposed,
                series -> series.containsKey("spring_kafka_listener_seconds_bucket"));
        used.keySet().removeAll(PROMETHEUS_OWN);
        Map<String, Set<String>> missing = new TreeMap<>(used);
        missing.keySet().removeAll(exposed.keySet());
        assertThat(missing).as("metrics used by a dashboard or an alert that no service exposes").isEmpty();
        Map<String, List<String>> withoutValue = new TreeMap<>();
        used.keySet().forEach(name -> exposed.get(name).stream().filter(line -> line.endsWith(" NaN"))
                .forEach(line -> withoutValue.computeIfAbsent(name, k -> new ArrayList<>()).add(line)));
        assertThat(withoutValue).as("series used by a dashboard or an alert that have no value (NaN)").isEmpty();
    }

    @Test
    void everyPanelAndEveryAlertIsDescribedInTheOperationsGuide() throws Exception {
        String operations = Files.readString(ROOT.resolve("docs/operations.md"));
        for (Path file : dashboards()) {
            JsonNode dashboard = Platform.json(Files.readString(file));
            for (JsonNode panel : dashboard.get("panels")) {
                assertThat(operations).as("docs/operations.md describes the panel %s of %s", panel.get("title"),
                        file.getFileName()).contains(panel.get("title").asString());
            }
        }
        for (Map<String, Object> rule : alertRules()) {
            assertThat(operations).as("docs/operations.md has a runbook for %s", rule.get("alert"))
                    .contains("#### " + rule.get("alert"));
        }
    }

    /** The metric names of one PromQL expression (not its functions, labels, strings, ranges or keywords). */
    static Set<String> metricsOf(String expr) {
        String bare = expr.replaceAll("\"[^\"]*\"", "\"\"")
                .replaceAll("\\{[^}]*}", "")
                .replaceAll("\\[[^]]*]", "")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "");
        Set<String> names = new TreeSet<>();
        Matcher m = NAME.matcher(bare);
        while (m.find()) {
            String name = m.group(1);
            if (!PROMQL_WORDS.contains(name.toLowerCase())) {
                names.add(name);
            }
        }
        return names;
    }

    @Test
    void theMetricNamesOfAnExpressionAreFoundAndNothingElse() {
        assertThat(metricsOf("histogram_quantile(0.95, sum by (le, service) (rate(http_server_requests_seconds_bucket"
                + "{status=~\"5..\"}[5m])))")).containsExactly("http_server_requests_seconds_bucket");
        assertThat(metricsOf("sum(max by (department) (ledger_cases_overdue)) > sum(max by (department) "
                + "(ledger_cases_overdue offset 1d)) and on (x) up == 0")).containsExactly("ledger_cases_overdue", "up");
    }

    private static List<Path> dashboards() throws IOException {
        try (var files = Files.list(ROOT.resolve("deploy/grafana/dashboards"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static Map<String, String> dashboardExpressions() throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (Path file : dashboards()) {
            JsonNode dashboard = Platform.json(Files.readString(file));
            for (JsonNode panel : dashboard.get("panels")) {
                JsonNode targets = panel.get("targets");
                if (targets == null) {
                    continue;
                }
                for (JsonNode target : targets) {
                    out.put(file.getFileName() + ": " + panel.get("title").asString() + " "
                            + target.get("refId").asString(), target.get("expr").asString());
                }
            }
        }
        assertThat(out).as("panels with queries").hasSizeGreaterThan(10);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> alertRules() throws IOException {
        Map<String, Object> file = new Yaml().load(Files.readString(ROOT.resolve("deploy/prometheus/alerts.yml")));
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            rules.addAll((List<Map<String, Object>>) group.get("rules"));
        }
        assertThat(rules).extracting(r -> r.get("alert")).contains("DeadLetter", "ConsumerLagGrowing",
                "OutboxStuck", "WebhookEndpointDead", "OverdueCasesRising");
        return rules;
    }

    private static Map<String, String> alertExpressions() throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (Map<String, Object> rule : alertRules()) {
            out.put("alert " + rule.get("alert"), String.valueOf(rule.get("expr")));
        }
        return out;
    }

    /** Every series the five services expose, by metric name, scraped as Prometheus does (the operator's token). */
    private static Map<String, List<String>> exposed() throws Exception {
        Map<String, List<String>> series = new TreeMap<>();
        for (String service : List.of(platform.intake, platform.routing, platform.ledger, platform.notify,
                platform.risk)) {
            HttpResponse<String> r = platform.get("operator", service + "/actuator/prometheus");
            assertThat(r.statusCode()).as(service).isEqualTo(200);
            r.body().lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .forEach(l -> series.computeIfAbsent(l.split("[{ ]", 2)[0], k -> new ArrayList<>()).add(l));
        }
        return series;
    }
}
