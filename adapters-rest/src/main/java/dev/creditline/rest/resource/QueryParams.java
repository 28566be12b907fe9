package dev.creditline.rest.resource;

import dev.creditline.domain.ValidationException;
import dev.creditline.domain.analytics.TimeZones;
import dev.creditline.rest.json.Uuids;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The one reader of query parameters. Every parameter arrives as the raw string (or null) so that a
 * bad value is a 400 naming it ({@link ValidationException}, problem+json with {@code field}) instead of
 * Jersey's bare 404. The rules, the same for every endpoint:
 * <ul>
 *   <li>absent and empty are the same: the endpoint's default;</li>
 *   <li>a whole number is an optional {@code -} and 1 to 18 digits; what range an endpoint accepts, and
 *       whether it refuses or clamps a value outside it, is said by the method it calls
 *       ({@link #pageNumber} refuses, {@link #clampedInt} clamps);</li>
 *   <li>a flag is {@code true}/{@code 1} or {@code false}/{@code 0} ({@link #flag}), or strictly
 *       {@code true}/{@code false} where the API documents only those ({@link #trueOrFalse});</li>
 *   <li>an instant is Unix seconds, 0 to 9999-12-31T23:59:59Z;</li>
 *   <li>free text is trimmed, and blank is absent.</li>
 * </ul>
 * (Control characters and U+0000 are refused before any resource runs, by {@code ParameterTextFilter}.)
 */
public final class QueryParams {

    /** Latest accepted Unix second: 9999-12-31T23:59:59Z. */
    public static final long MAX_UNIX_SECONDS = 253_402_300_799L;
    /** Largest magnitude of a page number or page size ({@link #pageNumber}). */
    static final int MAX_PAGE_VALUE = 999_999_999;

    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?\\d{1,18}");
    private static final Pattern UNIX_SECONDS = Pattern.compile("\\d{1,12}");
    private static final Pattern MINUTES = Pattern.compile("-?\\d{1,5}");

    private QueryParams() {
    }

    /**
     * A whole number, or empty when absent.
     *
     * @throws ValidationException ({@code name}, "must be a whole number") otherwise
     */
    public static OptionalLong wholeNumber(String name, String value) {
        if (value == null || value.isEmpty()) {
            return OptionalLong.empty();
        }
        if (!WHOLE_NUMBER.matcher(value).matches()) {
            throw new ValidationException(name, "must be a whole number");
        }
        return OptionalLong.of(Long.parseLong(value));
    }

    /**
     * A page number or page size: a whole number of at most nine digits (the use case checks its own
     * range and names the field), or {@code defaultValue} when absent.
     *
     * @throws ValidationException ({@code name}) when not a whole number or over nine digits
     */
    public static int pageNumber(String name, String value, int defaultValue) {
        OptionalLong v = wholeNumber(name, value);
        if (v.isEmpty()) {
            return defaultValue;
        }
        if (Math.abs(v.getAsLong()) > MAX_PAGE_VALUE) {
            throw new ValidationException(name, "must be a whole number");
        }
        return (int) v.getAsLong();
    }

    /**
     * A limit or offset that the use case clamps to its own range: absent → 0, any whole number
     * clamped to the {@code int} range first.
     *
     * @throws ValidationException ({@code name}) when not a whole number
     */
    public static int clampedInt(String name, String value) {
        long v = wholeNumber(name, value).orElse(0);
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }

    /**
     * A flag: absent, {@code false} or {@code 0} → false; {@code true} or {@code 1} → true.
     *
     * @throws ValidationException ({@code name}, "must be true or false") otherwise
     */
    public static boolean flag(String name, String value) {
        if (value == null || value.isEmpty() || value.equals("false") || value.equals("0")) {
            return false;
        }
        if (value.equals("true") || value.equals("1")) {
            return true;
        }
        throw new ValidationException(name, "must be true or false");
    }

    /**
     * A flag documented as {@code true|false} only: absent or {@code false} → false, {@code true} → true.
     *
     * @throws ValidationException ({@code name}, "must be true or false") otherwise, {@code 1} and {@code 0} too
     */
    public static boolean trueOrFalse(String name, String value) {
        if (value != null && !value.isEmpty() && !value.equals("true") && !value.equals("false")) {
            throw new ValidationException(name, "must be true or false");
        }
        return "true".equals(value);
    }

    /**
     * Unix seconds as an instant, or empty when absent.
     *
     * @throws ValidationException ({@code name}) when not digits or after 9999-12-31T23:59:59Z
     */
    public static Optional<Instant> unixSeconds(String name, String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        if (!UNIX_SECONDS.matcher(value).matches()) {
            throw new ValidationException(name, "must be Unix seconds");
        }
        long v = Long.parseLong(value);
        if (v > MAX_UNIX_SECONDS) {
            throw new ValidationException(name, "is out of range");
        }
        return Optional.of(Instant.ofEpochSecond(v));
    }

    /** Required Unix seconds ({@link #unixSeconds}); absent → 400 "is required". */
    public static Instant requiredUnixSeconds(String name, String value) {
        return unixSeconds(name, value).orElseThrow(() -> new ValidationException(name, "is required"));
    }

    /**
     * The end of an inclusive range given in Unix seconds, as the exclusive instant one second later.
     */
    public static Optional<Instant> inclusiveEnd(String name, String value) {
        return unixSeconds(name, value).map(t -> t.plusSeconds(1));
    }

    /** Free text, trimmed; empty when absent or blank. */
    public static Optional<String> text(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /**
     * A UUID, or empty when absent.
     *
     * @throws ValidationException ({@code name}, "must be a UUID") when present and not a canonical UUID
     */
    public static Optional<UUID> uuid(String name, String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Uuids.parse(value).orElseThrow(() -> new ValidationException(name, "must be a UUID")));
    }

    /**
     * The time zone of {@code timezone} (IANA name) or {@code timezoneOffset} (whole minutes, as
     * JavaScript's {@code getTimezoneOffset}); UTC when neither is given ({@link TimeZones#resolve}).
     *
     * @throws ValidationException ({@code timezoneOffset}) when not whole minutes; ({@code timezone}) when unknown
     */
    public static ZoneId zone(String timezone, String timezoneOffset) {
        Integer offset = null;
        Optional<String> minutes = text(timezoneOffset);
        if (minutes.isPresent()) {
            if (!MINUTES.matcher(minutes.get()).matches()) {
                throw new ValidationException("timezoneOffset", "must be whole minutes");
            }
            offset = Integer.parseInt(minutes.get());
        }
        return TimeZones.resolve(timezone, offset);
    }
}
