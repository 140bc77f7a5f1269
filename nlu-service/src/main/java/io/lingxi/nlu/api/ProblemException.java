package io.lingxi.nlu.api;

/** A failure the caller can act on; rendered as problem+json with its status. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final java.util.List<Problem.FieldError> errors;

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, java.util.List.of());
    }

    public ProblemException(int status, String title, String detail, java.util.List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = java.util.List.copyOf(errors);
    }

    public java.util.List<Problem.FieldError> errors() {
        return errors;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "Unauthorized", detail);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not Found", detail);
    }
}
