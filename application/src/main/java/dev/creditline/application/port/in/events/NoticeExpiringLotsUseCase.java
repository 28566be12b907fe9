package dev.creditline.application.port.in.events;

/** {@code lot.expiring}: tells the host app ahead of a lot's expiry, once per lot. */
public interface NoticeExpiringLotsUseCase {

    /**
     * Emits {@code lot.expiring} for lots with credits left that expire within the notice period,
     * at most once per lot.
     *
     * @return the number of lots noticed
     */
    int noticeExpiringLots(int maxUsers);
}
