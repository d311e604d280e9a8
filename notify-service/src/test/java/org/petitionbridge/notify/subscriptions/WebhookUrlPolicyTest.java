package org.petitionbridge.notify.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSRF policy alone, with literal addresses (no DNS needed) and names that resolve locally. */
class WebhookUrlPolicyTest {

    private final WebhookUrlPolicy policy = new WebhookUrlPolicy("demo.local");

    @ParameterizedTest
    @ValueSource(strings = {
            "https://localhost/hook",                    // a name that resolves to loopback
            "https://127.0.0.1/hook", "https://127.1.2.3/hook", "https://[::1]/hook",
            "https://169.254.169.254/latest/meta-data",  // the cloud metadata address
            "https://[fe80::1]/hook",                    // IPv6 link-local
            "https://10.1.2.3/hook", "https://172.16.0.1/hook", "https://192.168.0.10/hook",
            "https://[fd00::1]/hook",                    // IPv6 unique local
            "https://[::ffff:10.0.0.1]/hook",            // IPv4-mapped IPv6
            "https://[64:ff9b::a9fe:a9fe]/hook",         // NAT64 of 169.254.169.254
            "https://0.0.0.0/hook", "https://100.64.0.1/hook", "https://198.18.0.1/hook", "https://224.0.0.1/hook",
            "https://2130706433/hook",                   // 127.0.0.1 written as one number
            "http://93.184.215.14/hook",                 // public, but not https
            "ftp://93.184.215.14/hook", "https://user:pw@93.184.215.14/hook", "not a url", "/relative"})
    void refused(String url) {
        assertThat(policy.problem(url)).as(url).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://93.184.215.14/hook", "https://[2606:4700::1111]/hook",
            "http://demo.local:8099/hooks/rsj"})   // allow-listed by the operator: http and any address
    void accepted(String url) {
        assertThat(policy.problem(url)).as(url).isNull();
    }
}
