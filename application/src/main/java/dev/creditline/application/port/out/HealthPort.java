package dev.creditline.application.port.out;

/** Tells whether the database answers (api.md "Operations", {@code /ready}). */
public interface HealthPort {

    /** True when a trivial query succeeds within a short timeout. */
    boolean databaseAnswers();
}
