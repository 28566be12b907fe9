package dev.creditline.application.port.out.events;

import dev.creditline.domain.event.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * In-memory {@link EventOutbox} for application unit tests: records every emitted event in
 * emission order (there is no transaction to roll back; a test that needs rollback semantics
 * uses the JDBI adapter against PostgreSQL).
 */
public final class InMemoryEventOutbox implements EventOutbox {

    /** One emitted event; {@code sequence} counts per user from 1. */
    public record Emitted(UUID userId, long sequence, EventType type, Object data) {
    }

    private final List<Emitted> emitted = new ArrayList<>();

    @Override
    public synchronized void emit(UUID userId, EventType type, Object data) {
        long sequence = emitted.stream().filter(e -> e.userId().equals(userId)).count() + 1;
        emitted.add(new Emitted(userId, sequence, type, data));
    }

    /** Every event emitted so far, oldest first. */
    public synchronized List<Emitted> emitted() {
        return List.copyOf(emitted);
    }

    /** The events of {@code type}, oldest first. */
    public synchronized List<Emitted> ofType(EventType type) {
        return emitted.stream().filter(e -> e.type() == type).toList();
    }

    /** Forgets every event. */
    public synchronized void clear() {
        emitted.clear();
    }
}
