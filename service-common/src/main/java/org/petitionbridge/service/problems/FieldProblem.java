package org.petitionbridge.service.problems;

/**
 * One bad field of a request: the JSON path of the field (e.g. {@code petitioners[0].idNumber}) and what is
 * wrong with it, in words a department's developer understands.
 */
public record FieldProblem(String field, String message) {
}
