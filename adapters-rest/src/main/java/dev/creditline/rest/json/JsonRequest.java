package dev.creditline.rest.json;

/**
 * Marks a request record that a JSON body is bound to ({@link RequestBodies}): Jackson with strict scalars,
 * then Jakarta Bean Validation of the resource parameter ({@code @Valid}), every error a 400 naming the field.
 */
public interface JsonRequest {

    /**
     * Message of a missing body: put {@code @NotNull(message = JsonRequest.BODY_REQUIRED)} on the resource
     * parameter (Jersey hands a request without content to the parameter as null).
     */
    String BODY_REQUIRED = "is required: send a JSON object";
}
