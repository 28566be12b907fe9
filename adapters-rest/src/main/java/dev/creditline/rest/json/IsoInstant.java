package dev.creditline.rest.json;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A date-time string as the API takes it: ISO-8601 with {@code Z} or an offset
 * ({@code 2026-01-02T03:04:05Z}), from year 1 to year 9999; null passes (use {@code @NotNull} to require
 * one). The member stays a string because Jackson's {@code Instant} reader also takes epoch numbers and
 * years PostgreSQL and ISO-8601 readers cannot hold; {@link Validator#parse} reads it once valid.
 */
@Documented
@Constraint(validatedBy = IsoInstant.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface IsoInstant {

    /** The message when unparsable; one out of range says so instead. */
    String message() default "must be an ISO-8601 date-time such as 2026-01-02T03:04:05Z";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks the form, then the range {@link JsonFields#MIN_INSTANT}..{@link JsonFields#MAX_INSTANT}. */
    final class Validator implements ConstraintValidator<IsoInstant, String> {

        /** The instant of a string that passed the constraint (null for null). */
        public static Instant parse(String text) {
            return text == null ? null : read(text).orElseThrow();
        }

        private static Optional<Instant> read(String text) {
            try {
                return Optional.of(OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            Optional<Instant> instant = read(value);
            if (instant.isEmpty()) {
                return false;
            }
            if (instant.get().isBefore(JsonFields.MIN_INSTANT) || instant.get().isAfter(JsonFields.MAX_INSTANT)) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate("must be a date-time from year 1 to year 9999")
                        .addConstraintViolation();
                return false;
            }
            return true;
        }
    }
}
