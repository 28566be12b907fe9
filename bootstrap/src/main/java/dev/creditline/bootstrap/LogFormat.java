package dev.creditline.bootstrap;

import ch.qos.logback.core.PropertyDefinerBase;
import java.util.Locale;

/**
 * Which console format the logs use (docs/configuration.md {@code LOG_FORMAT}): {@code json},
 * one JSON object per line for log shipping, or {@code text}, one short line per event for
 * people. {@code LOG_FORMAT} decides when set; unset, a person is assumed to read the output
 * when stdout is a terminal or the service runs in dev mode ({@code text}), and a collector
 * otherwise ({@code json}, production's shape). Read by {@code logback.xml} through
 * {@link Definer} when logging starts, so the decision is taken once per process.
 */
public final class LogFormat {

    /** System property the {@code dev} command sets before logging starts. */
    public static final String DEV_MODE_PROPERTY = "creditline.devMode";

    private LogFormat() {
    }

    /**
     * The format to use.
     *
     * @param logFormat the {@code LOG_FORMAT} value (null or blank when unset); {@code json} or
     *                  {@code text}, any case. Other values fall back to the automatic choice here;
     *                  {@code ConfigValidation} refuses them at start-up
     * @param terminal  whether stdout is a terminal ({@code System.console() != null})
     * @param devMode   whether the service runs as {@code creditline dev}
     * @return {@code "json"} or {@code "text"}
     */
    public static String decide(String logFormat, boolean terminal, boolean devMode) {
        String v = logFormat == null ? "" : logFormat.trim().toLowerCase(Locale.ROOT);
        if (v.equals("json") || v.equals("text")) {
            return v;
        }
        return terminal || devMode ? "text" : "json";
    }

    /** The decision for this process: environment, {@link System#console()} and {@link #DEV_MODE_PROPERTY}. */
    public static String current() {
        return decide(System.getenv("LOG_FORMAT"), System.console() != null,
                Boolean.getBoolean(DEV_MODE_PROPERTY));
    }

    /** Whether text lines get ANSI colours: only on a terminal, so files and pipes stay plain. */
    public static boolean coloured() {
        return System.console() != null;
    }

    /** Logback property {@code logFormat}: the appender to use ({@code json} or {@code text}). */
    public static final class Definer extends PropertyDefinerBase {
        @Override
        public String getPropertyValue() {
            String format = current();
            return format.equals("text") && coloured() ? "textColour" : format;
        }
    }
}
