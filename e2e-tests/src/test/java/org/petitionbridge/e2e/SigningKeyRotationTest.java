package org.petitionbridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.petitionbridge.issuer.SigningKeys;
import org.petitionbridge.localstack.LocalStack;

/**
 * Rotating the token issuer's signing key on the running stack, as {@code --rotate-signing-key} does: nothing is
 * restarted, new tokens carry the new key, every service accepts them (it fetches the key set again when a token
 * names a key it does not know), and tokens signed with the old key stay valid until they expire.
 */
class SigningKeyRotationTest {

    @Test
    void aNewKeyBesideTheOldOneSignsAtOnceAndEveryServiceAcceptsBoth() throws Exception {
        Platform platform = SharedStack.platform();
        LocalStack stack = SharedStack.stack();
        String before = platform.token("xfj");
        String cases = platform.ledger + "/api/v1/cases?size=1";
        assertThat(platform.getWithToken(before, cases).statusCode()).isEqualTo(200);

        String added = SigningKeys.inDirectory(LocalStack.signingKeysDir(stack.options())).rotate();

        platform.forgetTokens();
        String after = platform.token("xfj");
        assertThat(Platform.keyId(after)).isEqualTo(added).isNotEqualTo(Platform.keyId(before));
        for (String url : new String[] {cases, platform.intake + "/api/v1/audit/identity-reads/verification",
                platform.routing + "/api/v1/routing/triage", platform.notify + "/api/v1/subscriptions"}) {
            // a service refetches the key set for the unknown key id (Nimbus rate-limits refetches: allow for it)
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> platform.getWithToken(after, url).statusCode() == 200);
            HttpResponse<String> old = platform.getWithToken(before, url);
            assertThat(old.statusCode()).as("the old key's token at " + url).isEqualTo(200);
        }
    }
}
