package org.petitionbridge.ledger.statistics;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.petitionbridge.ledger.clocks.StatutoryClock;
import org.petitionbridge.service.problems.FieldProblem;
import org.petitionbridge.service.problems.InvalidRequestException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/statistics")
@Tag(name = "Statistics", description = "The bureau's figures: 及时受理率, 按期办结率, 满意率 and more")
class StatisticsController {

    private final StatisticsRepository statistics;
    private final Clock clock;

    StatisticsController(StatisticsRepository statistics, Clock clock) {
        this.statistics = statistics;
        this.clock = clock;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Figures grouped by department (lead), category or township, for petitions received between from and to (Asia/Shanghai dates, inclusive)")
    @Transactional(readOnly = true)
    List<StatisticsRepository.Row> statistics(@RequestParam(defaultValue = "department") String groupBy,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        if (!StatisticsRepository.GROUP_BY.containsKey(groupBy)) {
            throw new InvalidRequestException(List.of(new FieldProblem("groupBy", "must be one of department, category, township")));
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new InvalidRequestException(List.of(new FieldProblem("to", "must not be before from")));
        }
        LocalDate today = StatutoryClock.day(clock.instant());
        Timestamp start = Timestamp.from((from == null ? LocalDate.of(1970, 1, 1) : from)
                .atStartOfDay(StatutoryClock.ZONE).toInstant());
        Timestamp end = Timestamp.from((to == null ? LocalDate.of(9999, 1, 1) : to.plusDays(1))
                .atStartOfDay(StatutoryClock.ZONE).toInstant());
        return statistics.figures(groupBy, today, start, end);
    }
}
