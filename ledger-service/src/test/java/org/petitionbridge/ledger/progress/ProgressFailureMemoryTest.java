package org.petitionbridge.ledger.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.petitionbridge.testsupport.MutableClock;
import org.petitionbridge.service.problems.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The failed progress queries are remembered per address only after a failure, for one window after the address's
 * latest failure, and for a bounded number of addresses: queries from ever new addresses cannot fill the memory.
 * (Queries without a code fail without reading the ledger, so no database is needed here.)
 */
class ProgressFailureMemoryTest {

    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final String PETITION = "XF990101-19990101-000003";

    private final AtomicLong nanos = new AtomicLong();
    private final MutableClock clock = new MutableClock();

    private ProgressController controller(long maxAddresses) {
        return new ProgressController(null, null, clock, 5, WINDOW, maxAddresses, nanos::get);
    }

    /** Moves the controller's clock and the cache's ticker alike. */
    private void advance(Duration by) {
        clock.advance(by);
        nanos.addAndGet(by.toNanos());
    }

    /** A query without a code (a failure unless refused) from the address: its status. */
    private static int query(ProgressController controller, String address) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/progress/" + PETITION);
        request.setRemoteAddr(address);
        try {
            ResponseEntity<?> answer = controller.progress(PETITION, null, request);
            return answer.getStatusCode().value();
        } catch (NotFoundException e) {
            return 404;
        }
    }

    @Test
    void fiveFailuresInTheWindowRefuseTheAddressAloneWithRetryAfter() {
        ProgressController controller = controller(ProgressController.MAX_ADDRESSES);
        for (int i = 0; i < 5; i++) {
            assertThat(query(controller, "192.0.2.1")).isEqualTo(404);
            advance(Duration.ofSeconds(30));
        }
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr("192.0.2.1");
        ResponseEntity<?> refused = controller.progress(PETITION, null, request);
        assertThat(refused.getStatusCode().value()).isEqualTo(429);
        // The first failure was 2.5 minutes ago: it leaves the window in 7.5 minutes (the clock runs meanwhile).
        assertThat(Long.parseLong(refused.getHeaders().getFirst("Retry-After")))
                .isBetween(WINDOW.toSeconds() - 150 - 2, WINDOW.toSeconds() - 150);
        assertThat(query(controller, "192.0.2.2")).isEqualTo(404);
        assertThat(controller.rememberedAddresses()).isEqualTo(2);

        // Once the first failure (only) is out of the window, the address may ask again, and fail a fifth time.
        advance(Duration.ofMinutes(7).plusSeconds(45));
        assertThat(query(controller, "192.0.2.1")).isEqualTo(404);
        assertThat(query(controller, "192.0.2.1")).isEqualTo(429);
    }

    @Test
    void anAddressIsForgottenOneWindowAfterItsLatestFailure() {
        ProgressController controller = controller(ProgressController.MAX_ADDRESSES);
        assertThat(controller.remembers("192.0.2.10")).isFalse();
        assertThat(query(controller, "192.0.2.10")).isEqualTo(404);
        advance(Duration.ofMinutes(5));
        assertThat(query(controller, "192.0.2.10")).isEqualTo(404);

        // A window after the first failure, but not after the latest: still remembered.
        advance(WINDOW.minusMinutes(5).plusSeconds(1));
        assertThat(controller.remembers("192.0.2.10")).isTrue();
        // A window after the latest failure: gone.
        advance(Duration.ofMinutes(5));
        assertThat(controller.remembers("192.0.2.10")).isFalse();
        assertThat(controller.rememberedAddresses()).isZero();
    }

    @Test
    void failuresFromEverNewAddressesAreBoundedByMaxAddresses() {
        ProgressController controller = controller(100);
        for (int i = 0; i < 5_000; i++) {
            assertThat(query(controller, "10.%d.%d.%d".formatted(i >> 16 & 255, i >> 8 & 255, i & 255)))
                    .isEqualTo(404);
        }
        assertThat(controller.rememberedAddresses()).isPositive().isLessThanOrEqualTo(100);
    }
}
