/**
 * Metering of model calls (api.md "Metering", analytics.md "Model
 * calls"; lessons 6, 9, 10, 11): the recorded call and the rules of
 * {@code Idempotency-Key} headers. Amounts are {@code long} credits; times are UTC instants.
 */
package dev.creditline.domain.metering;
