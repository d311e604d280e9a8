package org.petitionbridge.routing.rules;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.petitionbridge.security.Caller;
import org.petitionbridge.service.problems.NotFoundException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/routing/rule-sets")
@Tag(name = "Rule sets", description = "The routing rules as versioned data: read any version, post a new one")
class RuleSetController {

    private static final String YAML_EXAMPLE = """
            note: 拖欠工资增加住建局协办
            categories:
              WAGE_ARREARS: { name: 拖欠工资, class: CLAIM, tier: COUNTY, lead: RSJ, coHandleByTownship: true,
                              coHandlers: [ZJJ], keywords: [欠薪, 拖欠工资, 讨薪, 工钱, 农民工工资, 包工头] }
              OTHER:        { name: 其他, class: CLAIM, tier: COUNTY, keywords: [] }
            """;
    private static final String JSON_EXAMPLE = """
            {"note": "拖欠工资增加住建局协办", "categories": {
              "WAGE_ARREARS": {"name": "拖欠工资", "class": "CLAIM", "tier": "COUNTY", "lead": "RSJ",
                "coHandleByTownship": true, "coHandlers": ["ZJJ"], "keywords": ["欠薪", "拖欠工资", "讨薪"]},
              "OTHER": {"name": "其他", "class": "CLAIM", "tier": "COUNTY", "keywords": []}}}""";

    private final RuleSetStore store;

    RuleSetController(RuleSetStore store) {
        this.store = store;
    }

    @GetMapping(path = "/active", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The rule set decisions are made with now")
    RuleSetStore.RuleSetView active() {
        return store.activeView().orElseThrow(() -> new NotFoundException("No rule set is active"));
    }

    @GetMapping(path = "/{version}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "One version of the rules, active or not")
    RuleSetStore.RuleSetView version(@PathVariable int version) {
        return store.find(version).orElseThrow(() -> new NotFoundException("No rule set has version " + version));
    }

    @PostMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, "application/yaml", "application/x-yaml", "text/yaml"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Validate a whole rule set and make it the active version",
            description = "JSON, or YAML in the format of demo-county.yaml: a categories section (code: {name, class,"
                    + " tier, lead, coHandleByTownship, coHandlers, keywords}), optionally a townships section"
                    + " ([{code, name, department}]) and a note. A 400 names every problem; nothing is stored then."
                    + " The new version routes the next petition; decisions already made keep their version."
                    + " Who posted it is recorded from the bearer token (createdBy).")
    ResponseEntity<RuleSetStore.RuleSetView> create(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "object",
                            example = JSON_EXAMPLE)),
                    @Content(mediaType = "application/yaml", schema = @Schema(type = "string",
                            example = YAML_EXAMPLE))})
            @RequestBody byte[] body,
            @Parameter(hidden = true) @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType, Caller caller) {
        RuleSetStore.RuleSetView created = store.create(RuleSetBody.parse(body, MediaType.parseMediaType(contentType)),
                caller.name());
        return ResponseEntity.created(URI.create("/api/v1/routing/rule-sets/" + created.version())).body(created);
    }
}
