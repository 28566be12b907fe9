package dev.creditline.domain;

/**
 * Base of every business-rule failure. Each subclass carries a stable machine-readable
 * {@link #code()} (for example {@code INSUFFICIENT_CREDITS}) that the HTTP adapter puts
 * into the problem+json body; the message is a human sentence safe to show to users.
 */
public abstract class DomainException extends RuntimeException {

    protected DomainException(String message) {
        super(message);
    }

    /** Stable upper-snake-case error code, part of the public API (api.md "Errors"). */
    public abstract String code();
}
