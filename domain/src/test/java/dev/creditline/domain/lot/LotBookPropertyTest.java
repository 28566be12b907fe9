package dev.creditline.domain.lot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.domain.ledger.InsufficientCreditsException;
import dev.creditline.domain.ledger.LedgerReason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random sequences of grant / debit / hold / release / expiry / void / refund keep every
 * invariant of lots.md "Invariants", and every debit takes from a lot only when every lot
 * before it in burn order is empty.
 */
class LotBookPropertyTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987})
    void random_sequences_keep_the_invariants_and_the_burn_order(long seed) {
        for (int run = 0; run < 40; run++) {
            check(new Random(seed * 1000 + run));
        }
    }

    private static void check(Random rnd) {
        LotBook book = new LotBook();
        List<long[]> openHolds = new ArrayList<>(); // {entryId, outstanding}
        List<Long> purchases = new ArrayList<>();
        Instant now = T0;
        for (int step = 0; step < 60; step++) {
            now = now.plus(Duration.ofMinutes(rnd.nextInt(30)));
            Instant at = now;
            int op = rnd.nextInt(8);
            try {
                switch (op) {
                    case 0 -> {
                        LotCategory c = LotCategory.values()[rnd.nextInt(LotCategory.values().length)];
                        Instant exp = rnd.nextBoolean() ? null : at.plus(Duration.ofMinutes(1 + rnd.nextInt(300)));
                        Integer prio = rnd.nextInt(4) == 0 ? rnd.nextInt(101) : null;
                        long lot = book.grant(LedgerReason.PROMOTION, c, 1 + rnd.nextInt(200), prio, exp, at);
                        if (c == LotCategory.PURCHASE) {
                            purchases.add(lot);
                        }
                    }
                    case 1, 2 -> {
                        List<Lot> before = book.lots();
                        long entry = book.debit(LedgerReason.USAGE, 1 + rnd.nextInt(150), at);
                        assertBurnOrder(before, book, entry, at);
                    }
                    case 3 -> {
                        long amount = 1 + rnd.nextInt(100);
                        long entry = book.debit(LedgerReason.HOLD, amount, at);
                        openHolds.add(new long[] {entry, amount});
                    }
                    case 4 -> {
                        if (!openHolds.isEmpty()) {
                            long[] h = openHolds.get(rnd.nextInt(openHolds.size()));
                            long give = 1 + rnd.nextInt((int) h[1]);
                            book.giveBack(LedgerReason.HOLD_RELEASE, h[0], give, at);
                            h[1] -= give;
                            if (h[1] == 0) {
                                openHolds.remove(h);
                            }
                        } else {
                            book.expireDue(at);
                        }
                    }
                    case 5 -> book.expireDue(at);
                    case 6 -> {
                        if (!book.lots().isEmpty()) {
                            book.voidLot(1 + rnd.nextInt(book.lots().size()), at);
                        }
                    }
                    default -> {
                        Long lot = purchases.isEmpty() ? null : purchases.get(rnd.nextInt(purchases.size()));
                        book.clawback(1 + rnd.nextInt(200), lot, rnd.nextInt(3) == 0, at);
                    }
                }
            } catch (InsufficientCreditsException refused) {
                // refused as a whole
            }
            assertInvariants(book, at);
        }
    }

    private static void assertInvariants(LotBook book, Instant now) {
        long active = book.lots().stream().filter(l -> l.status() == LotStatus.ACTIVE).mapToLong(Lot::remaining).sum();
        long sum = book.entries().stream().mapToLong(LotBook.Entry::delta).sum();
        assertThat(book.balance()).isEqualTo(sum).isEqualTo(active).isNotNegative();
        assertThat(book.debt()).isNotNegative();
        Map<Long, Long> allocated = new HashMap<>();
        book.entries().forEach(e -> e.allocations().forEach(a -> allocated.merge(a.lotId(), a.amount(), Long::sum)));
        for (Lot lot : book.lots()) {
            assertThat(lot.remaining()).isBetween(0L, lot.amount());
            assertThat(lot.remaining()).isEqualTo(lot.amount() - allocated.getOrDefault(lot.id(), 0L));
            if (lot.status().isClosed()) {
                assertThat(lot.remaining()).isZero();
            }
            if (lot.status() == LotStatus.ACTIVE) {
                assertThat(lot.isDueAt(now) && lot.remaining() > 0).as("an active lot past its expiry").isFalse();
            }
        }
    }

    /** A debit took from a lot only if every lot earlier in burn order (still counting) gave all it had. */
    private static void assertBurnOrder(List<Lot> before, LotBook book, long entryId, Instant at) {
        LotBook.Entry entry = book.entries().get((int) entryId - 1);
        Map<Long, Long> taken = new HashMap<>();
        entry.allocations().forEach(a -> taken.put(a.lotId(), a.amount()));
        List<Lot> counting = book.lots().stream()
                .filter(l -> l.status() != LotStatus.EXPIRED && l.status() != LotStatus.VOIDED)
                .map(l -> before.stream().filter(b -> b.id() == l.id()).findFirst().orElse(l))
                .filter(l -> l.status() == LotStatus.ACTIVE && l.remaining() > 0).sorted(Lot.BURN_ORDER).toList();
        boolean partial = false;
        for (Lot lot : counting) {
            long t = taken.getOrDefault(lot.id(), 0L);
            if (partial) {
                assertThat(t).as("lot %d after a lot that was not emptied", lot.id()).isZero();
            }
            if (t < lot.remaining()) {
                partial = true;
            }
        }
    }
}
