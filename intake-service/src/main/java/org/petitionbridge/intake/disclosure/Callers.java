package org.petitionbridge.intake.disclosure;

import java.util.List;

import org.petitionbridge.county.CountyReference;
import org.petitionbridge.web.FieldProblem;

/**
 * Who is calling. Until the security issue replaces it with tokens, the caller names its department in the
 * {@code X-Department} header; the code must be a department of the county.
 */
public final class Callers {

    public static final String DEPARTMENT_HEADER = "X-Department";

    private Callers() {
    }

    /** Adds a problem when the header is missing or names no department of the county. */
    public static void checkDepartment(CountyReference county, String department, List<FieldProblem> problems) {
        if (department == null || department.isBlank()) {
            problems.add(new FieldProblem(DEPARTMENT_HEADER, "is required: the calling department's code, e.g. RSJ"));
        } else if (county.department(department).isEmpty()) {
            problems.add(new FieldProblem(DEPARTMENT_HEADER, "must be a department code of the county"));
        }
    }

    /** The petition bureau (信访局), which sees every petition. */
    public static boolean isBureau(CountyReference county, String department) {
        return department != null && county.department(department).map(d -> "BUREAU".equals(d.kind())).orElse(false);
    }
}
