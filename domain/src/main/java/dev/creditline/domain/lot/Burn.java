package dev.creditline.domain.lot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which lots a movement of credits touches (docs/lots.md). Pure functions over snapshots of
 * a user's lots; the persistence adapter runs the same order in SQL under the user's row lock.
 */
public final class Burn {

    private Burn() {
    }

    /**
     * The allocations of a debit of {@code amount} credits: active lots with credits left, in
     * {@link Lot#BURN_ORDER}, the {@code preferredLotId} (a refunded purchase's own lot) first
     * when given. Takes as much as the lots hold; the caller refuses a debit the balance does
     * not cover before asking.
     *
     * @param preferredLotId lot to take from first, or null
     * @return positive allocations, in burn order, summing to {@code min(amount, credits held)}
     */
    public static List<Allocation> debit(List<Lot> lots, long amount, Long preferredLotId) {
        Comparator<Lot> order = Comparator.<Lot>comparingInt(l -> preferredLotId != null && l.id() == preferredLotId
                ? 0 : 1).thenComparing(Lot.BURN_ORDER);
        List<Allocation> out = new ArrayList<>();
        long left = amount;
        for (Lot lot : lots.stream().filter(l -> l.status() == LotStatus.ACTIVE && l.remaining() > 0)
                .sorted(order).toList()) {
            if (left == 0) {
                break;
            }
            long take = Math.min(left, lot.remaining());
            out.add(new Allocation(lot.id(), take));
            left -= take;
        }
        return out;
    }

    /**
     * Credits an earlier entry took, per lot, in the order that entry (and its later takes)
     * were recorded.
     *
     * @param lotId  the lot
     * @param net    credits still out of the lot for that entry (taken minus already given back), &gt;= 0
     * @param seq    order of the latest allocation to that lot (larger = newer)
     */
    public record Taken(long lotId, long net, long seq) {
    }

    /**
     * The allocations of giving {@code amount} credits back to the lots an entry took them from
     * (a hold release, a capture's unused part): newest allocation first, never more to a lot
     * than is still out of it.
     *
     * @return negative allocations; their sum is {@code -min(amount, total net taken)}
     */
    public static List<Allocation> giveBack(List<Taken> taken, long amount) {
        List<Allocation> out = new ArrayList<>();
        long left = amount;
        for (Taken t : taken.stream().filter(t -> t.net() > 0)
                .sorted(Comparator.comparingLong(Taken::seq).reversed()).toList()) {
            if (left == 0) {
                break;
            }
            long give = Math.min(left, t.net());
            out.add(new Allocation(t.lotId(), -give));
            left -= give;
        }
        return out;
    }

    /**
     * Debt repaid from a new lot of {@code lotAmount} credits (docs/lots.md): as much of the
     * debt as the lot holds.
     */
    public static long debtRepayment(long debt, long lotAmount) {
        return Math.max(0, Math.min(debt, lotAmount));
    }
}
