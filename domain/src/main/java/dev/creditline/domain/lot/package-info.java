/**
 * Credit lots (docs/lots.md): grants with their own amount, priority and expiry, the burn order of
 * debits, allocations of every movement, expiry, void and debt.
 */
package dev.creditline.domain.lot;
