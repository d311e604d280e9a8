package org.petitionbridge.service.county;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CountyReferenceTest {

    private final CountyReference county = CountyReference.demo();

    @Test
    void theDemoCountyHasItsDivisionsDepartmentsAndCategories() {
        assertThat(county.county().code()).isEqualTo("990101");
        assertThat(county.townships()).hasSize(6);
        assertThat(county.villages()).hasSize(18);
        assertThat(county.departments()).containsKeys("XFJ", "ZFB", "RSJ", "JWJW", "T001", "T006");
        assertThat(county.categories()).hasSize(21);
        assertThat(county.category("WAGE_ARREARS")).hasValueSatisfying(c -> {
            assertThat(c.lead()).isEqualTo("RSJ");
            assertThat(c.petitionClass()).isEqualTo("CLAIM");
            assertThat(c.coHandleByTownship()).isTrue();
            assertThat(c.keywords()).contains("欠薪");
        });
        assertThat(county.category("DISASTER_RELIEF").orElseThrow().coHandlers()).containsExactly("MZJ");
        assertThat(county.category("OTHER").orElseThrow().lead()).isNull();
        assertThat(county.clients()).extracting(CountyReference.Client::clientId).containsExactly("analyst", "hotline", "operator");
    }

    @Test
    void aVillageBelongsToItsTownshipAndOnlyCountyCodesAreDivisions() {
        assertThat(county.townshipOf("990101002001")).hasValueSatisfying(t -> assertThat(t.department()).isEqualTo("T002"));
        assertThat(county.townshipOf("990101003")).hasValueSatisfying(t -> assertThat(t.name()).isEqualTo("西山乡"));
        assertThat(county.isDivision("990101002001")).isTrue();
        assertThat(county.isDivision("990101")).isFalse();
        assertThat(county.isDivision("990101009001")).isFalse();
        assertThat(county.townshipOf("110105")).isEmpty();
    }

    @Test
    void theCompetentDepartmentIsTheTownshipForATownshipMatterAndTheLeadForACountyOne() {
        CountyReference county = CountyReference.demo();
        assertThat(county.competentDepartment("NEIGHBOR_DISPUTE", "990101002001")).contains("T002");
        assertThat(county.competentDepartment("NEIGHBOR_DISPUTE", "990101003")).contains("T003");
        assertThat(county.competentDepartment("WAGE_ARREARS", "990101002001")).contains("RSJ");
        assertThat(county.competentDepartment("NO_SUCH_CATEGORY", "990101002001")).isEmpty();
        assertThat(county.competentDepartment("NEIGHBOR_DISPUTE", "990199999001")).isEmpty();
    }
}
