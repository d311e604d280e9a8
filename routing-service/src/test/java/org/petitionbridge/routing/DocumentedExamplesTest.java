package org.petitionbridge.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.petitionbridge.events.EventCodec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The worked examples of docs/routing.md are what the service answers. */
class DocumentedExamplesTest extends RoutingIntegrationTest {

    private static final Path DOC = Path.of("..", "docs", "routing.md");
    private static final Pattern EXAMPLE = Pattern.compile(
            "-d '(\\{.*?})'\\s*```.*?```json\\s*(\\{.*?})\\s*```", Pattern.DOTALL);

    @Test
    void theWorkedExamplesAreTheDecisionsOfTheService() throws Exception {
        String doc = Files.readString(DOC);
        int start = doc.indexOf("### Worked examples");
        String section = doc.substring(start, doc.indexOf("\n## ", start));
        Matcher m = EXAMPLE.matcher(section);
        int examples = 0;
        int version = activeRuleSetVersion();
        while (m.find()) {
            HttpResponse<String> response = post("/api/v1/routing/preview", "application/json", m.group(1));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            // The documentation shows version 1; the active version of this test run has the same rules.
            ObjectNode documented = (ObjectNode) EventCodec.mapper().readTree(m.group(2).replace("v1：",
                    "v" + version + "："));
            documented.put("ruleSetVersion", version);
            JsonNode answered = json(response);
            assertThat(answered).as(m.group(1)).isEqualTo(documented);
            examples++;
        }
        assertThat(examples).isEqualTo(2);
    }
}
