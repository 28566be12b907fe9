package dev.creditline.application.service;

import java.time.Instant;
import java.util.UUID;

/** Starts an auto top-up when a balance change crossed the user's threshold (inside that change's transaction). */
@FunctionalInterface
public interface TopUpTrigger {

    /** The balance of {@code userId} went below the auto top-up threshold at {@code at}. */
    void balanceCrossed(UUID userId, long balance, Instant at);
}
