package dev.creditline.domain.ledger;

import java.util.List;

/** A page of entries and the total number of the user's entries. */
public record LedgerPage(List<LedgerEntry> items, long total) {
}
