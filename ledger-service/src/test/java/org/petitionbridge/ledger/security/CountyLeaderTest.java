package org.petitionbridge.ledger.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.petitionbridge.ledger.LedgerIntegrationTest;
import org.petitionbridge.security.Role;
import org.petitionbridge.testsupport.TestHttp;
import org.petitionbridge.testsupport.TestTokens;

/**
 * The county leader (a person with the LEADER role and no department) reads the whole 台账, every case and its
 * history and the figures, as the bureau does, and takes no action on any case.
 */
class CountyLeaderTest extends LedgerIntegrationTest {

    private static final String LEADER = "Bearer " + TestTokens.get().client("county-leader", Role.LEADER);

    @Test
    void theLeaderReadsEveryCaseAndTheFiguresButActsOnNone() throws Exception {
        String rsj = assignedCase("RSJ", List.of("T002"), "LEADER2345AB");
        String ybj = assignedCase("YBJ", List.of(), "LEADER2345CD");

        HttpResponse<String> ledger = request("/api/v1/cases?limit=500", null, LEADER);
        assertThat(ledger.statusCode()).as(ledger.body()).isEqualTo(200);
        assertThat(ledger.body()).contains(rsj, ybj);
        assertThat(request("/api/v1/cases/" + rsj, null, LEADER).statusCode()).isEqualTo(200);
        assertThat(request("/api/v1/cases/" + ybj + "/history", null, LEADER).statusCode()).isEqualTo(200);
        assertThat(request("/api/v1/statistics?groupBy=department", null, LEADER).statusCode()).isEqualTo(200);

        HttpResponse<String> acted = TestHttp.send(port, "POST", "/api/v1/cases/" + rsj + "/actions",
                "application/json", "{\"action\": \"ACKNOWLEDGE\"}", LEADER, null);
        assertThat(acted.statusCode()).as(acted.body()).isEqualTo(403);
        assertThat(awaitStatus(rsj, "ASSIGNED").get("lead").asString()).isEqualTo("RSJ");
    }
}
