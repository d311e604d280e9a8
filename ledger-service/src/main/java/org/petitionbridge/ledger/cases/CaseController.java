package org.petitionbridge.ledger.cases;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.petitionbridge.web.NotFoundException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/cases")
@Tag(name = "Cases", description = "The ledger (台账): every petition's case, its status and its history")
class CaseController {

    private final CaseService cases;

    CaseController(CaseService cases) {
        this.cases = cases;
    }

    @GetMapping(path = "/{petitionNo}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A case: status, lead and co-handling departments, due dates")
    CaseView get(@PathVariable String petitionNo) {
        return cases.find(petitionNo).orElseThrow(() -> notFound(petitionNo));
    }

    @GetMapping(path = "/{petitionNo}/history", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The append-only history of a case: who did what, when")
    List<HistoryEntry> history(@PathVariable String petitionNo) {
        List<HistoryEntry> history = cases.history(petitionNo);
        if (history.isEmpty()) {
            throw notFound(petitionNo);
        }
        return history;
    }

    private static NotFoundException notFound(String petitionNo) {
        return new NotFoundException("No case " + petitionNo + " is in the ledger (a new petition appears within seconds of registration)");
    }
}
