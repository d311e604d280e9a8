package org.petitionbridge.risk.warnings;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.petitionbridge.service.metrics.Reading;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The county's early warnings as gauges: warnings not yet resolved or dismissed (OPEN or ACKNOWLEDGED), by level,
 * from one query at most every 30 seconds. Every instance reports the same figures: a dashboard takes the maximum.
 */
@Component
class RiskGauges {

    RiskGauges(JdbcClient jdbc, MeterRegistry meters) {
        Reading<Map<WarningLevel, Long>> open = Reading.every(Duration.ofSeconds(30), () -> {
            Map<WarningLevel, Long> byLevel = new EnumMap<>(WarningLevel.class);
            jdbc.sql("select level, count(*) as n from warning where status in (:open) group by level")
                    .param("open", List.of(WarningStatus.OPEN.name(), WarningStatus.ACKNOWLEDGED.name()))
                    .query(rs -> {
                        byLevel.put(WarningLevel.valueOf(rs.getString("level")), rs.getLong("n"));
                    });
            return byLevel;
        });
        for (WarningLevel level : WarningLevel.values()) {
            Gauge.builder("risk.warnings.open", open, r -> {
                Map<WarningLevel, Long> all = r.get();
                return all == null ? Double.NaN : all.getOrDefault(level, 0L);
            }).strongReference(true).description("warnings open or acknowledged (not resolved or dismissed), by level")
                    .tag("level", level.name()).register(meters);
        }
    }
}
