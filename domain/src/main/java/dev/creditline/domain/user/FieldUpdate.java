package dev.creditline.domain.user;

import java.util.function.Function;

/**
 * One field of a partial update: left as it is, cleared (an explicit JSON {@code null}), or
 * set to a value (api.md "Auth.js adapter", PUT /users/{id}).
 *
 * @param <T> the field's type
 */
public sealed interface FieldUpdate<T> {

    /** The field was absent from the request: keep the stored value. */
    record Keep<T>() implements FieldUpdate<T> { }

    /** The field was given: store {@code value} ({@code null} clears it). */
    record Set<T>(T value) implements FieldUpdate<T> { }

    static <T> FieldUpdate<T> keep() {
        return new Keep<>();
    }

    static <T> FieldUpdate<T> set(T value) {
        return new Set<>(value);
    }

    /** The value after applying this update to {@code current}. */
    default T applyTo(T current) {
        return this instanceof Set<T> s ? s.value() : current;
    }

    /** This update with its value converted; {@link Keep} stays {@link Keep}. */
    default <R> FieldUpdate<R> map(Function<T, R> f) {
        return this instanceof Set<T> s ? new Set<>(s.value() == null ? null : f.apply(s.value())) : new Keep<>();
    }
}
