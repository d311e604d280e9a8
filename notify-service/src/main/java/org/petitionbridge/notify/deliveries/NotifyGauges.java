package org.petitionbridge.notify.deliveries;

import java.time.Duration;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.petitionbridge.service.metrics.Reading;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The state of the departments' webhook endpoints and of the delivery queue, as gauges, from one query at most every
 * 15 seconds: endpoints active, disabled (the receiver answered 410, or the department turned it off) and failing (active, with
 * deliveries that gave up: DEAD, waiting for a redelivery by hand); deliveries waiting or in flight, and how long
 * the oldest of them has waited. Every instance reports the same figures: a dashboard takes the maximum.
 */
@Component
class NotifyGauges {

    private record Figures(long active, long disabled, long failing, long queued, double oldestAge) {
    }

    NotifyGauges(JdbcClient jdbc, MeterRegistry meters) {
        Reading<Figures> figures = Reading.every(Duration.ofSeconds(15), () -> jdbc.sql("""
                select
                    (select count(*) from subscription where active) as active,
                    (select count(*) from subscription where not active) as disabled,
                    (select count(distinct d.subscription_id) from delivery d join subscription s on s.id = d.subscription_id
                        where s.active and d.status = 'DEAD') as failing,
                    -- waiting or in flight: both PENDING (V9), through delivery_pending
                    (select count(*) from delivery where status = 'PENDING') as queued,
                    coalesce(extract(epoch from now()
                        - (select min(created_at) from delivery where status = 'PENDING')), 0) as oldest_age""")
                .query((rs, i) -> new Figures(rs.getLong("active"), rs.getLong("disabled"), rs.getLong("failing"),
                        rs.getLong("queued"), rs.getDouble("oldest_age")))
                .single());
        endpoints(meters, figures, "active", Figures::active);
        endpoints(meters, figures, "disabled", Figures::disabled);
        endpoints(meters, figures, "failing", Figures::failing);
        Gauge.builder("webhook.deliveries.queued", figures, r -> value(r, Figures::queued)).strongReference(true)
                .description("webhook deliveries waiting to be sent or in flight").register(meters);
        Gauge.builder("webhook.deliveries.oldest.age", figures, r -> value(r, Figures::oldestAge))
                .strongReference(true).baseUnit("seconds")
                .description("how long the oldest waiting webhook delivery has waited (0 when none waits)")
                .register(meters);
    }

    private static void endpoints(MeterRegistry meters, Reading<Figures> figures, String state,
            ToDoubleFunction<Figures> figure) {
        Gauge.builder("webhook.endpoints", figures, r -> value(r, figure)).strongReference(true)
                .description("the departments' webhook endpoints (subscriptions), by state").tag("state", state)
                .register(meters);
    }

    private static double value(Reading<Figures> reading, ToDoubleFunction<Figures> figure) {
        Figures f = reading.get();
        return f == null ? Double.NaN : figure.applyAsDouble(f);
    }
}
