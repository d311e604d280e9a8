package org.petitionbridge.intake.disclosure;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** The identity of a petition's petitioners, as disclosed to the bureau or an assigned department. */
@Schema(description = "The petitioners' identity. Only the fields asked for are filled; the read is in the audit log")
public record PetitionerIdentities(
        @Schema(description = "The petition", example = "XF990101-20261126-000123") String petitionNo,
        @Schema(description = "The fields disclosed", example = "[\"name\", \"phone\"]") List<String> fields,
        @Schema(description = "The number of the audit-log entry that records this read", example = "17") long auditEntry,
        @Schema(description = "The petitioners in the order they were registered (empty for an anonymous accusation)")
        List<Identity> petitioners) {

    @Schema(description = "One petitioner; fields not asked for are null")
    public record Identity(
            @Schema(description = "Position in the petition's list, from 0", example = "0") int position,
            @Schema(description = "The masked name, as events show it", example = "张*") String maskedName,
            @Schema(description = "Full name", example = "张三", nullable = true) String name,
            @Schema(description = "Resident ID number (upper-case X)", example = "11010519491231002X", nullable = true)
            String idNumber,
            @Schema(description = "Phone number as given", example = "13800138000", nullable = true) String phone,
            @Schema(description = "Address", example = "东河村3组", nullable = true) String address) {
    }
}
