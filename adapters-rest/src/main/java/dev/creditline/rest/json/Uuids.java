package dev.creditline.rest.json;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Strict UUID parsing: only the canonical 36-character form. */
public final class Uuids {

    /** A canonical UUID ({@code 8-4-4-4-12} hex digits), the only form accepted; for {@code @Pattern} too. */
    public static final String REGEX = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    private static final Pattern CANONICAL = Pattern.compile(REGEX);

    private Uuids() {
    }

    /** The UUID, or empty for anything that is not a canonical UUID. */
    public static Optional<UUID> parse(String text) {
        if (text == null || !CANONICAL.matcher(text).matches()) {
            return Optional.empty();
        }
        return Optional.of(UUID.fromString(text));
    }
}
