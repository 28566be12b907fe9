package dev.creditline.domain;

/**
 * Input that breaks a rule of shape or range (api.md "Errors": 400 naming the field).
 * {@link #field()} is the offending input's name as the caller spelled it.
 */
public class ValidationException extends DomainException {

    private final String field;

    /**
     * @param field   the offending field, e.g. {@code "amount"} or {@code "usage.inputTokens"}
     * @param message what is wrong, e.g. {@code "must be a positive whole number of credits"}
     */
    public ValidationException(String field, String message) {
        super(field + " " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    @Override
    public String code() {
        return "VALIDATION_FAILED";
    }
}
