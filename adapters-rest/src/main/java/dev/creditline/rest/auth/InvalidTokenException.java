package dev.creditline.rest.auth;

/**
 * A bearer token was present but is not acceptable: malformed, oversized, unsupported
 * algorithm, bad signature, undecryptable, expired, issued in the future, or with a missing
 * or malformed claim (e.g. a {@code sub} that is not a UUID — docs/lessons.md, row 20).
 *
 * <p>The message is a short, fixed reason meant for logs and metrics; it never contains the
 * token or any secret. Per api.md "Authentication" the HTTP layer answers 401 with
 * {@code WWW-Authenticate: Bearer error="invalid_token"} and must not echo the reason.
 */
public final class InvalidTokenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param reason short fixed reason, e.g. {@code "token expired"}; must not include the token */
    public InvalidTokenException(String reason) {
        super(reason, null, false, false);
    }
}
