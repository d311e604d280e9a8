package org.petitionbridge.intake.petitions;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.petitionbridge.web.NotFoundException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/petitions")
@Tag(name = "Petitions", description = "Registration of petitions from every channel")
class PetitionController {

    private final PetitionValidator validator;
    private final RegistrationService registrations;

    PetitionController(PetitionValidator validator, RegistrationService registrations) {
        this.validator = validator;
        this.registrations = registrations;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Register a petition",
            description = "Answers 201 once the petition and its petition.received.v1 event are committed together. "
                    + "Every invalid field is listed in one 400 problem-details answer.")
    ResponseEntity<Registration> register(@RequestBody PetitionRequest request) {
        validator.validate(request);
        Registration registration = registrations.register(request);
        return ResponseEntity.created(URI.create("/api/v1/petitions/" + registration.petitionNo())).body(registration);
    }

    @GetMapping(path = "/{petitionNo}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The registration record of a petition, without personal data")
    PetitionRecord get(@PathVariable String petitionNo) {
        return registrations.find(petitionNo)
                .orElseThrow(() -> new NotFoundException("No petition " + petitionNo + " is registered"));
    }
}
