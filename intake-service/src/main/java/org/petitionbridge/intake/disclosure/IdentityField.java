package org.petitionbridge.intake.disclosure;

import java.util.Arrays;
import java.util.Optional;

/** The parts of a petitioner's identity that may be read, each stored encrypted in its own column. */
enum IdentityField {
    NAME("name", "name_enc"),
    ID_NUMBER("idNumber", "id_number_enc"),
    PHONE("phone", "phone_enc"),
    ADDRESS("address", "address_enc");

    final String apiName;
    final String column;

    IdentityField(String apiName, String column) {
        this.apiName = apiName;
        this.column = column;
    }

    static Optional<IdentityField> of(String apiName) {
        return Arrays.stream(values()).filter(f -> f.apiName.equals(apiName)).findFirst();
    }
}
