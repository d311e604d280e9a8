package org.petitionbridge.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.petitionbridge.intake.petitions.Channel;

/** The per-channel examples of docs/intake.md are valid petitions: each one registers. */
class DocumentedExamplesTest extends IntakeIntegrationTest {

    private static final Path DOC = Path.of("..", "docs", "intake.md");
    private static final Pattern BODY = Pattern.compile("-d '(\\{.*?})'", Pattern.DOTALL);

    @Test
    void everyChannelExampleOfTheDocumentationRegisters() throws Exception {
        String doc = Files.readString(DOC);
        int start = doc.indexOf("### One example per channel");
        String section = doc.substring(start, doc.indexOf("\n### ", start + 1));
        List<String> channels = new ArrayList<>();
        Matcher m = BODY.matcher(section);
        while (m.find()) {
            HttpResponse<String> response = postJson("/api/v1/petitions", m.group(1));
            assertThat(response.statusCode()).as(m.group(1) + "\n" + response.body()).isEqualTo(201);
            channels.add(json(m.group(1)).get("channel").asString());
        }
        assertThat(channels).containsExactlyInAnyOrderElementsOf(Arrays.stream(Channel.values()).map(Enum::name).toList());
    }
}
