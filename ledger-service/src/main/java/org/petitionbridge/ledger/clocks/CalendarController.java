package org.petitionbridge.ledger.clocks;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.petitionbridge.ledger.clocks.CalendarRepository.CalendarDay;
import org.petitionbridge.service.problems.FieldProblem;
import org.petitionbridge.service.problems.InvalidRequestException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/calendar")
@Tag(name = "Calendar", description = "The bureau's working-day calendar: holidays and make-up working days (调休)")
class CalendarController {

    private final CalendarRepository calendar;

    CalendarController(CalendarRepository calendar) {
        this.calendar = calendar;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The holidays and make-up working days of a year")
    @Transactional(readOnly = true)
    List<CalendarDay> list(@RequestParam(required = false) Integer year) {
        int y = year == null ? LocalDate.now(StatutoryClock.ZONE).getYear() : year;
        return calendar.days(y);
    }

    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Set days (each a HOLIDAY or a WORKDAY); a day already set is replaced")
    @Transactional
    List<CalendarDay> put(@RequestBody List<CalendarDay> days) {
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            CalendarDay d = days.get(i);
            if (d == null || d.day() == null) {
                problems.add(new FieldProblem("[" + i + "].day", "is required (yyyy-MM-dd)"));
            }
            if (d == null || !List.of("HOLIDAY", "WORKDAY").contains(d.kind())) {
                problems.add(new FieldProblem("[" + i + "].kind", "must be HOLIDAY or WORKDAY"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        calendar.set(days);
        return days;
    }

    @DeleteMapping("/{day}")
    @Operation(summary = "Make a day an ordinary day again")
    @Transactional
    ResponseEntity<Void> delete(@PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day) {
        calendar.clear(day);
        return ResponseEntity.noContent().build();
    }
}
