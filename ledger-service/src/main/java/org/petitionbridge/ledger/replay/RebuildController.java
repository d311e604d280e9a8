package org.petitionbridge.ledger.replay;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin")
@Tag(name = "Administration", description = "Operator tasks")
class RebuildController {

    private final LedgerRebuilder rebuilder;

    RebuildController(LedgerRebuilder rebuilder) {
        this.rebuilder = rebuilder;
    }

    @PostMapping(path = "/rebuild", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Rebuild an EMPTY ledger from the topics (after a database loss); 409 if the ledger has cases")
    LedgerRebuilder.Report rebuild() {
        return rebuilder.rebuild();
    }
}
