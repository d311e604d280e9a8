package org.petitionbridge.notify.feed;

import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.notify.web.DepartmentAccess;
import org.petitionbridge.security.Caller;
import org.petitionbridge.service.problems.FieldProblem;
import org.petitionbridge.service.problems.InvalidRequestException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v1/feed")
@Tag(name = "Feed", description = "The pull feed: the calling department's events in order, for systems that "
        + "cannot receive webhooks or that catch up after an outage")
class FeedController {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    private final FeedRepository feed;
    private final DepartmentAccess access;

    FeedController(FeedRepository feed, DepartmentAccess access) {
        this.feed = feed;
        this.access = access;
    }

    /**
     * A page of the feed.
     *
     * @param next    the cursor to pass as {@code after} for the next page (unchanged when the page is empty)
     * @param hasMore true when the page is full: ask again at once
     */
    record FeedPage(String department, List<JsonNode> events, long next, boolean hasMore) {
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The token's department's events after a cursor, oldest first",
            description = "Each event is exactly the body its webhook carries (same id, sequence, view and data), "
                    + "under the same visibility rules. Start with after=0 and keep the last 'next'. Every caller, "
                    + "the bureau included, reads the feed of its own department.")
    FeedPage page(Caller caller,
            @Parameter(description = "The cursor: the sequence of the last event already read (0 at the start)")
            @RequestParam(required = false) String after,
            @Parameter(description = "At most this many events (1 to 500, default 100)")
            @RequestParam(required = false) String limit) {
        String department = access.departmentOf(caller);
        List<FieldProblem> problems = new ArrayList<>();
        long cursor = 0;
        if (after != null) {
            try {
                cursor = Long.parseLong(after);
                if (cursor < 0) {
                    problems.add(new FieldProblem("after", "must be 0 or the 'next' of an earlier page"));
                }
            } catch (NumberFormatException e) {
                problems.add(new FieldProblem("after", "must be a whole number: 0 or the 'next' of an earlier page"));
            }
        }
        int max = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                max = Integer.parseInt(limit);
                if (max < 1 || max > MAX_LIMIT) {
                    problems.add(new FieldProblem("limit", "must be between 1 and " + MAX_LIMIT));
                }
            } catch (NumberFormatException e) {
                problems.add(new FieldProblem("limit", "must be a whole number between 1 and " + MAX_LIMIT));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        List<FeedRepository.Entry> entries = feed.page(department, cursor, max);
        List<JsonNode> events = entries.stream().map(e -> EventCodec.mapper().readTree(e.payload())).toList();
        long next = entries.isEmpty() ? cursor : entries.get(entries.size() - 1).sequence();
        return new FeedPage(department, events, next, entries.size() == max);
    }
}
