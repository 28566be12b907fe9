package dev.creditline.rest.problem;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP-level failure to answer as problem+json (api.md "Errors"): authentication,
 * unconfigured features, malformed transport input. Business-rule failures are
 * {@link dev.creditline.domain.DomainException}s instead.
 */
public class ApiProblem extends RuntimeException {

    private final int status;
    private final String code;
    private final String title;
    private final Map<String, Object> extensions = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    /**
     * @param status HTTP status
     * @param code   stable error code, e.g. {@code AUTHENTICATION_REQUIRED}
     * @param title  short summary, e.g. {@code Unauthorized}
     * @param detail human sentence for the front end
     */
    public ApiProblem(int status, String code, String title, String detail) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title;
    }

    /** 400 naming the offending field. */
    public static ApiProblem badRequest(String field, String detail) {
        return new ApiProblem(400, "VALIDATION_FAILED", "Bad Request", detail).with("field", field);
    }

    /** 401 for a request without credentials. */
    public static ApiProblem authenticationRequired() {
        return new ApiProblem(401, "AUTHENTICATION_REQUIRED", "Unauthorized", "Authentication required");
    }

    /** 503 for a feature whose setting is missing (api.md "Authentication"). */
    public static ApiProblem notConfigured(String setting, String feature) {
        return new ApiProblem(503, "NOT_CONFIGURED", "Service Unavailable",
                feature + " is disabled: " + setting + " is not set.").with("setting", setting);
    }

    /** Adds an extension member to the body. */
    public ApiProblem with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    /** Adds a response header. */
    public ApiProblem header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
