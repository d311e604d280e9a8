package org.petitionbridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * What can be proved of docker-compose.yml without a Docker engine: it parses, every service is built from its
 * module folder with the one image recipe (deploy/service.Dockerfile, its jar and port as build arguments) and
 * health-gated, and the environment of each service matches the properties it reads: every variable compose sets
 * is a placeholder of the service's configuration, and every placeholder without a usable default in production
 * (database, broker, keys) is set.
 */
class ComposeFileTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:[^}]*)?}");
    /** Placeholders whose local-stack default must not be what production runs with. */
    static final Pattern MUST_BE_SET = Pattern.compile(".*(_DB_URL|_DB_USER|_DB_PASSWORD|BOOTSTRAP_SERVERS)$");
    /** Key material: read from the operator's env file, never written in the compose file. */
    static final Pattern KEY = Pattern.compile(".*(_KEY|_KEYS)$");
    static final String ENV_FILE = "petition-bridge.env";

    @SuppressWarnings("unchecked")
    static Map<String, Object> compose() throws IOException {
        return new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> service(String name) throws IOException {
        return (Map<String, Object>) ((Map<String, Object>) compose().get("services")).get(name);
    }

    /** The placeholders of the service's own configuration file and of service-common.yml, which it imports. */
    static Set<String> placeholders(String service) throws IOException {
        String yml = Files.readString(ROOT.resolve(service + "/src/main/resources/" + service + ".yml"))
                + Files.readString(ROOT.resolve("service-common/src/main/resources/service-common.yml"));
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(yml);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @ParameterizedTest
    @ValueSource(strings = {"intake-service", "routing-service", "ledger-service", "notify-service", "risk-service"})
    @SuppressWarnings("unchecked")
    void everyServiceIsBuiltFromItsDockerfileAndItsEnvironmentMatchesWhatItReads(String name) throws IOException {
        Map<String, Object> service = service(name);
        assertThat(service).as(name).isNotNull();
        // built from its module folder with the one recipe, which copies that module's jar and exposes its port
        Map<String, Object> build = (Map<String, Object>) service.get("build");
        assertThat(build.get("context")).isEqualTo("./" + name);
        assertThat(build.get("dockerfile")).isEqualTo("../deploy/service.Dockerfile");
        Map<String, Object> args = (Map<String, Object>) build.get("args");
        assertThat(args.get("SERVICE")).isEqualTo(name);
        String dockerfile = Files.readString(ROOT.resolve("deploy/service.Dockerfile"));
        assertThat(dockerfile).contains("COPY target/${SERVICE}-*-exec.jar", "EXPOSE ${PORT}");

        Map<String, Object> environment = (Map<String, Object>) service.get("environment");
        Set<String> read = placeholders(name);
        assertThat(read).as("placeholders of %s.yml", name).isNotEmpty();
        assertThat(read).as("%s reads every variable compose sets", name).containsAll(environment.keySet());
        for (String placeholder : read) {
            if (MUST_BE_SET.matcher(placeholder).matches()) {
                assertThat(environment).as("compose sets %s for %s", placeholder, name).containsKey(placeholder);
            }
            if (KEY.matcher(placeholder).matches()) {
                assertThat(environment).as("%s: key %s is not in the compose file", name, placeholder)
                        .doesNotContainKey(placeholder);
                assertThat(service.get("env_file")).as("%s reads %s from the operator's env file", name, placeholder)
                        .isEqualTo(ENV_FILE);
            }
        }
        String port = name.substring(0, name.indexOf('-')).toUpperCase() + "_PORT";
        assertThat(environment.get(port)).as(port).isNotNull();
        // Published on the host's loopback only: an operator opens them deliberately (behind TLS and a proxy).
        assertThat((List<String>) service.get("ports"))
                .containsExactly("127.0.0.1:" + environment.get(port) + ":" + environment.get(port));
        assertThat(args.get("PORT")).isEqualTo(environment.get(port));

        Map<String, Object> healthcheck = (Map<String, Object>) service.get("healthcheck");
        assertThat(healthcheck.get("test").toString()).contains("localhost:" + environment.get(port) + "/actuator/health");
        Map<String, Map<String, String>> dependsOn = (Map<String, Map<String, String>>) service.get("depends_on");
        assertThat(dependsOn.get("kafka").get("condition")).isEqualTo("service_healthy");
        assertThat(dependsOn.get("postgres").get("condition")).isEqualTo("service_healthy");
        assertThat(service.get("mem_limit")).isNotNull();

        String database = name.substring(0, name.indexOf('-'));
        assertThat((String) environment.get(database.toUpperCase() + "_DB_URL")).endsWith("/" + database);
        assertThat(Files.readString(ROOT.resolve("deploy/postgres-init.sql"))).contains("create database " + database + ";");
    }

    @Test
    void noKeyMaterialIsInTheRepositoryAndTheEnvFileIsIgnored() throws IOException {
        String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
        // base64 of 32 bytes or more, as every key of the registry is
        assertThat(Pattern.compile("[A-Za-z0-9+/]{43}=").matcher(compose).find()).as("a key in docker-compose.yml")
                .isFalse();
        assertThat(Files.readString(ROOT.resolve(".gitignore"))).contains(ENV_FILE);
        assertThat(Files.readString(ROOT.resolve("docs/operations.md"))).contains("> " + ENV_FILE);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theBrokerIsKafkaInKraftModeAndTheInfrastructureIsHealthChecked() throws IOException {
        Map<String, Object> kafka = service("kafka");
        assertThat((String) kafka.get("image")).startsWith("apache/kafka:");
        assertThat(((Map<String, Object>) kafka.get("environment")).get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
        assertThat(kafka.get("healthcheck")).isNotNull();
        assertThat((String) service("postgres").get("image")).isEqualTo("postgres:17");
        assertThat(service("postgres").get("healthcheck")).isNotNull();
        assertThat(service("prometheus")).isNotNull();
        assertThat(service("grafana")).isNotNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyServiceChecksTokensOfTheIssuerAndPrometheusScrapesWithAnOperatorToken() throws IOException {
        Map<String, Object> issuer = service("token-issuer");
        assertThat(issuer.get("build")).isEqualTo("./token-issuer");
        // Anyone who reaches the development issuer can get the bureau's token with its published demo secret.
        assertThat((List<String>) issuer.get("ports")).containsExactly("127.0.0.1:9000:9000");
        assertThat(Files.readString(ROOT.resolve("token-issuer/Dockerfile"))).contains("COPY target/token-issuer-*-exec.jar");
        Map<String, Object> issuerEnvironment = (Map<String, Object>) issuer.get("environment");
        assertThat(placeholders("token-issuer")).containsAll(issuerEnvironment.keySet());
        assertThat(((Map<String, Object>) issuer.get("healthcheck")).get("test").toString())
                .contains("localhost:9000/.well-known/oauth-authorization-server");
        for (String name : List.of("intake-service", "routing-service", "ledger-service", "notify-service",
                "risk-service")) {
            Map<String, Object> environment = (Map<String, Object>) service(name).get("environment");
            assertThat(environment.get("TOKEN_ISSUER_URI")).as(name).isEqualTo(issuerEnvironment.get("TOKEN_ISSUER_URI"));
            assertThat((String) environment.get("TOKEN_JWK_SET_URI")).as(name)
                    .isEqualTo("http://token-issuer:9000/oauth2/jwks");
            assertThat(environment.get("TOKEN_AUDIENCE")).as(name).isEqualTo("petition-bridge");
            assertThat(environment).as(name).containsKey("KAFKA_SECURITY_PROTOCOL");
            Map<String, Map<String, Object>> dependsOn = (Map<String, Map<String, Object>>) service(name).get("depends_on");
            assertThat(dependsOn.get("token-issuer").get("condition")).isEqualTo("service_healthy");
        }
        Map<String, Object> prometheus = new Yaml().load(Files.readString(ROOT.resolve("deploy/prometheus/prometheus.yml")));
        Map<String, Object> job = ((List<Map<String, Object>>) prometheus.get("scrape_configs")).get(0);
        Map<String, Object> oauth2 = (Map<String, Object>) job.get("oauth2");
        assertThat(oauth2.get("client_id")).isEqualTo("operator");
        assertThat(oauth2.get("token_url")).isEqualTo("http://token-issuer:9000/oauth2/token");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theConsoleIsBuiltLikeTheServicesReadsWhatComposeSetsAndTheIssuerSendsPeopleBackToIt() throws IOException {
        Map<String, Object> console = service("console");
        Map<String, Object> build = (Map<String, Object>) console.get("build");
        assertThat(build.get("context")).isEqualTo("./console");
        assertThat(build.get("dockerfile")).isEqualTo("../deploy/service.Dockerfile");
        assertThat(((Map<String, Object>) build.get("args")).get("SERVICE")).isEqualTo("console");
        Map<String, Object> environment = (Map<String, Object>) console.get("environment");
        Set<String> read = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(Files.readString(ROOT.resolve("console/src/main/resources/console.yml")));
        while (m.find()) {
            read.add(m.group(1));
        }
        assertThat(read).as("console.yml reads every variable compose sets").containsAll(environment.keySet());
        assertThat((List<String>) console.get("ports")).containsExactly("127.0.0.1:8080:8080");
        Map<String, Object> issuer = (Map<String, Object>) service("token-issuer").get("environment");
        assertThat(issuer.get("TOKEN_CONSOLE_REDIRECT_URIS"))
                .isEqualTo("http://localhost:8080/login/oauth2/code/petition-bridge");
        assertThat(environment.get("TOKEN_ISSUER_URI")).isEqualTo(issuer.get("TOKEN_ISSUER_URI"));
    }
}
