/**
 * The append-only credit ledger: entries, reasons, refs, the never-negative debit rule and
 * the verification of the cached balance.
 */
package dev.creditline.domain.ledger;
