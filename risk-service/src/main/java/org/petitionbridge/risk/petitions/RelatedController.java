package org.petitionbridge.risk.petitions;


import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.petitionbridge.security.Caller;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Petitions", description = "What risk relates to a petition: the projects it is linked to, the issues of the 矛盾纠纷 ledger it follows")
class RelatedController {

    private final RelatedSituations related;

    RelatedController(RelatedSituations related) {
        this.related = related;
    }

    @GetMapping(path = "/api/v1/petitions/{petitionNo}/related", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The projects and the open issues of the 矛盾纠纷 ledger a petition relates to",
            description = "An issue is related when it was reported in the petition's division about its category "
                    + "and was still open when the petition came. The bureau and the supervisor see all; a department "
                    + "the projects and issues it answers for (404 when there is none); a department the petition's "
                    + "complaint bars gets 404, as for an unknown petition.")
    RelatedSituations.Related related(Caller caller, @PathVariable String petitionNo) {
        return related.of(caller, petitionNo);
    }
}
