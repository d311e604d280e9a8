package org.petitionbridge.service.problems;

import java.util.List;

/** A request with one or more bad fields: answered 400 with every field listed. Nothing was changed. */
public class InvalidRequestException extends RuntimeException {

    private final List<FieldProblem> problems;

    public InvalidRequestException(List<FieldProblem> problems) {
        super(problems.size() + " invalid field(s): " + String.join(", ", problems.stream().map(FieldProblem::field).toList()));
        this.problems = List.copyOf(problems);
    }

    public InvalidRequestException(String field, String message) {
        this(List.of(new FieldProblem(field, message)));
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
