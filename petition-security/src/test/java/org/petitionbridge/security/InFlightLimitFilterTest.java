package org.petitionbridge.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The rule of the door: at most N requests at once; the next is answered 503 with Retry-After at once. */
class InFlightLimitFilterTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ObjectProvider<MeterRegistry> meters = provider(registry);

    @Test
    void aRequestBeyondTheLimitIsRefusedAtOnceAndTheNextAfterOneFinishesIsServed() throws Exception {
        InFlightLimitFilter filter = new InFlightLimitFilter(1, meters);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        MockHttpServletResponse first = new MockHttpServletResponse();
        Thread holder = new Thread(() -> {
            try {
                filter.doFilter(request("/api/v1/petitions"), first, (req, res) -> {
                    inside.countDown();
                    await(release);
                    ((MockHttpServletResponse) res).setStatus(201);
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        holder.start();
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(filter.inFlight()).isEqualTo(1);

        MockHttpServletResponse refused = new MockHttpServletResponse();
        filter.doFilter(request("/api/v1/petitions"), refused, (req, res) -> {
            throw new AssertionError("a request beyond the limit must not be carried out");
        });
        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        assertThat(refused.getContentType()).startsWith("application/problem+json");
        assertThat(refused.getContentAsString()).contains("\"type\"").contains("overloaded")
                .contains("1 requests already");
        assertThat(registry.counter("petition.http.overloaded").count()).isEqualTo(1.0);

        release.countDown();
        holder.join(5_000);
        assertThat(first.getStatus()).isEqualTo(201);
        assertThat(filter.inFlight()).isZero();
        MockHttpServletResponse next = new MockHttpServletResponse();
        filter.doFilter(request("/api/v1/petitions"), next, ok());
        assertThat(next.getStatus()).isEqualTo(200);
    }

    @Test
    void healthIsAnsweredEvenWhenEveryPermitIsTaken() throws Exception {
        InFlightLimitFilter filter = new InFlightLimitFilter(1, meters);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            try {
                filter.doFilter(request("/api/v1/cases"), new MockHttpServletResponse(), (req, res) -> {
                    inside.countDown();
                    await(release);
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        holder.start();
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
        MockHttpServletResponse health = new MockHttpServletResponse();
        filter.doFilter(request("/actuator/health"), health, ok());
        assertThat(health.getStatus()).isEqualTo(200);
        release.countDown();
        holder.join(5_000);
    }

    @Test
    void aPermitIsGivenBackWhenTheRequestFails() throws Exception {
        InFlightLimitFilter filter = new InFlightLimitFilter(1, meters);
        try {
            filter.doFilter(request("/api/v1/petitions"), new MockHttpServletResponse(), (req, res) -> {
                throw new IllegalStateException("the handler failed");
            });
        } catch (Exception expected) {
            // the failure propagates to the server's error handling
        }
        assertThat(filter.inFlight()).isZero();
    }

    private static MockHttpServletRequest request(String path) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setRequestURI(path);
        return request;
    }

    private static FilterChain ok() {
        return (req, res) -> ((MockHttpServletResponse) res).setStatus(200);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ObjectProvider<MeterRegistry> provider(MeterRegistry registry) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("meters", registry);
        return beans.getBeanProvider(MeterRegistry.class);
    }
}
