package org.petitionbridge.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrackingCodesTest {

    @Test
    void theHashIsSha256OfTheTrimmedUpperCasedCode() {
        // SHA-256("ABC"), as sha256sum prints it
        assertThat(TrackingCodes.hash("ABC")).isEqualTo("b5d4045c3f466fa91fe2cc6abe79232a1a57cdf104f7a26e716e0a1e2789df78");
        assertThat(TrackingCodes.hash("  abc\n")).isEqualTo(TrackingCodes.hash("ABC"));
    }
}
