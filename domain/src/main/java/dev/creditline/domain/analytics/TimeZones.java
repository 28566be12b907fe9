package dev.creditline.domain.analytics;

import dev.creditline.domain.ValidationException;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Resolves the zone of an analytics request (analytics.md "Usage stats": {@code timezone}
 * IANA name, or legacy {@code timezoneOffset} minutes in the JavaScript convention).
 */
public final class TimeZones {

    /** Smallest legacy offset accepted: −840 min (UTC+14). */
    public static final int MIN_OFFSET_MINUTES = -14 * 60;
    /** Largest legacy offset accepted: +720 min (UTC−12). */
    public static final int MAX_OFFSET_MINUTES = 12 * 60;

    private TimeZones() {
    }

    /**
     * The zone to use. A non-blank {@code ianaZone} wins (any id {@link ZoneId#of} accepts,
     * e.g. {@code Europe/Berlin}, {@code UTC}); otherwise {@code timezoneOffsetMinutes} as
     * returned by JavaScript's {@code Date.getTimezoneOffset()} ({@code UTC − local} in
     * minutes, so {@code −480} means UTC+08:00) gives a fixed offset (no DST: legacy only);
     * with neither, UTC.
     *
     * @throws ValidationException field {@code timezone} for an unknown or malformed zone;
     *         {@code timezoneOffset} for an offset outside −840..720
     */
    public static ZoneId resolve(String ianaZone, Integer timezoneOffsetMinutes) {
        if (ianaZone != null && !ianaZone.isBlank()) {
            try {
                return ZoneId.of(ianaZone);
            } catch (DateTimeException e) {
                throw new ValidationException("timezone", "must be an IANA time zone such as Europe/Berlin");
            }
        }
        if (timezoneOffsetMinutes != null) {
            int minutes = timezoneOffsetMinutes;
            if (minutes < MIN_OFFSET_MINUTES || minutes > MAX_OFFSET_MINUTES) {
                throw new ValidationException("timezoneOffset",
                        "must be between " + MIN_OFFSET_MINUTES + " and " + MAX_OFFSET_MINUTES + " minutes");
            }
            return ZoneOffset.ofTotalSeconds(-minutes * 60);
        }
        return ZoneOffset.UTC;
    }
}
