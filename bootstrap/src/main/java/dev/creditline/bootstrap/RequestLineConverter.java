package dev.creditline.bootstrap;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.slf4j.event.KeyValuePair;

/**
 * Logback converter {@code %reqExtra}: for the per-request line in text format, the duration
 * and the user ({@code " 3.1 ms user=<uuid>"}), taken from the line's key-value pairs; empty
 * for other events. The JSON format carries the same pairs as fields.
 */
public final class RequestLineConverter extends ClassicConverter {

    @Override
    public String convert(ILoggingEvent event) {
        if (event.getKeyValuePairs() == null || event.getKeyValuePairs().isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (KeyValuePair kv : event.getKeyValuePairs()) {
            if ("duration_ms".equals(kv.key)) {
                b.append(' ').append(kv.value).append(" ms");
            } else if ("user_id".equals(kv.key)) {
                b.append(" user=").append(kv.value);
            }
        }
        return b.toString();
    }
}
