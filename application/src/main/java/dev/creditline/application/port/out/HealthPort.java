package dev.creditline.application.port.out;

import java.util.Optional;

/** Tells whether the database answers (api.md "Operations", {@code /ready}). */
public interface HealthPort {

    /** True when a trivial query succeeds within a short timeout. */
    boolean databaseAnswers();

    /** The read replica's state, empty when none is configured. Never queries anything. */
    default Optional<ReadReplicaHealth> readReplica() {
        return Optional.empty();
    }

    /**
     * What the last check of the read replica found (docs/operations.md "Read replica").
     *
     * @param status     {@code ok}, {@code lagging}, {@code down} or {@code starting}
     * @param inUse      whether routed reads go to the replica now (else to the primary)
     * @param lagSeconds replay lag in seconds, null when unknown
     * @param maxLagSeconds the bound above which the replica is bypassed
     * @param detail     a short reason when not in use
     */
    record ReadReplicaHealth(String status, boolean inUse, Double lagSeconds, double maxLagSeconds, String detail) {
    }
}
