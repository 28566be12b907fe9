package dev.creditline.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.creditline.application.port.out.events.EventOutbox;
import dev.creditline.domain.event.EventType;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * {@link EventOutbox} on table {@code event_outbox} ({@code events/emit.sql}): one statement in
 * the caller's transaction (or a transaction of its own), which bumps the user's event counter
 * and inserts the row. Data is serialized with Jackson: instants as ISO-8601 strings, {@code userId}
 * first.
 */
public final class JdbiEventOutbox implements EventOutbox {

    static final String EMIT_SQL = Sql.load("events/emit.sql");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

    private final JdbiTransactions tx;
    private final Clock clock;

    public JdbiEventOutbox(JdbiTransactions tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public void emit(UUID userId, EventType type, Object data) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String id = newEventId();
        String json = dataJson(userId, data);
        tx.inTransaction(() -> tx.withHandle(h -> insert(h, userId, type, json, at, id)));
    }

    /**
     * Records an event on {@code h}, for persistence code already inside the change's transaction
     * (a lot's grant or expiry, a user's insert or deletion) under the user's row lock.
     *
     * @param at the event's time (the change's time), truncated to milliseconds
     */
    static void emit(Handle h, UUID userId, EventType type, Object data, Instant at) {
        insert(h, userId, type, dataJson(userId, data), at.truncatedTo(ChronoUnit.MILLIS), newEventId());
    }

    private static int insert(Handle h, UUID userId, EventType type, String json, Instant at, String id) {
        return h.createUpdate(EMIT_SQL)
                .bind("userId", userId)
                .bind("id", id)
                .bind("type", type.wireName())
                .bind("timestamp", at.toString())
                .bind("createdAt", Rows.ts(at))
                .bind("data", json)
                .execute();
    }

    /** {@code evt_} and 26 random base-36 characters (about 134 bits). */
    static String newEventId() {
        StringBuilder b = new StringBuilder("evt_");
        for (int i = 0; i < 26; i++) {
            b.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return b.toString();
    }

    /** {@code data} as a JSON object with {@code userId} first. */
    static String dataJson(UUID userId, Object data) {
        ObjectNode out = JSON.createObjectNode();
        out.put("userId", userId.toString());
        if (data != null) {
            JsonNode node = JSON.valueToTree(data instanceof Map<?, ?> m ? m : data);
            if (!node.isObject()) {
                throw new IllegalArgumentException("event data must be a record or a map, got " + data.getClass());
            }
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (!e.getKey().equals("userId")) {
                    out.set(e.getKey(), e.getValue());
                }
            }
        }
        try {
            return JSON.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data cannot be written as JSON", e);
        }
    }
}
