package dev.creditline.application.service;

import dev.creditline.application.port.in.BalanceAlertsUseCase;
import dev.creditline.application.port.out.TransactionPort;
import dev.creditline.application.port.out.alerts.AlertMarks;
import dev.creditline.application.port.out.alerts.BalanceAlertRepository;
import dev.creditline.application.port.out.alerts.BalanceWatch;
import dev.creditline.application.port.out.events.EventOutbox;
import dev.creditline.domain.alert.BalanceAlerts;
import dev.creditline.domain.event.EventType;
import dev.creditline.domain.user.UserNotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Balance thresholds (events.md "Balance thresholds"): judges every balance change with
 * {@link BalanceAlerts} inside the change's transaction, under the user's row lock, stores the
 * marks and emits {@code credits.low}, {@code credits.recovered} and {@code credits.depleted}
 * through the outbox — so a rolled-back change emits nothing and concurrent changes fire a
 * threshold once. {@code credits.depleted} data is {@code {balance}}, plus {@code required} for a
 * refused debit (402). It also starts an auto top-up when the change crossed that threshold.
 */
public final class BalanceAlertService implements BalanceWatch, BalanceAlertsUseCase {

    private static final System.Logger LOG = System.getLogger(BalanceAlertService.class.getName());

    /** {@code credits.low} / {@code credits.recovered} data. */
    public record ThresholdEvent(long threshold, long balance) {
    }


    private final TransactionPort tx;
    private final BalanceAlertRepository repository;
    private final EventOutbox events;
    private final long[] defaults;
    private volatile TopUpTrigger topUps;

    /** @param defaults {@code LOW_BALANCE_THRESHOLDS} (credits) */
    public BalanceAlertService(TransactionPort tx, BalanceAlertRepository repository, EventOutbox events,
                               long[] defaults) {
        this.tx = tx;
        this.repository = repository;
        this.events = events;
        this.defaults = defaults.clone();
    }

    /** Auto top-up, started when a change crosses the user's top-up threshold (set when billing is wired). */
    public BalanceAlertService withTopUps(TopUpTrigger trigger) {
        this.topUps = trigger;
        return this;
    }

    @Override
    public void changed(UUID userId, long before, long after, AlertMarks marks, Instant at) {
        long[] thresholds = marks.thresholds() != null ? marks.thresholds() : defaults;
        BalanceAlerts.Outcome o = BalanceAlerts.evaluate(before, after, thresholds, marks.fired(), marks.depleted(),
                marks.topUpThreshold());
        if (o == null) {
            return;
        }
        if (o.marksChanged()) {
            repository.storeMarks(userId, o.fired(), o.depletedMark());
        }
        for (long t : o.low()) {
            events.emit(userId, EventType.CREDITS_LOW, new ThresholdEvent(t, after));
        }
        for (long t : o.recovered()) {
            events.emit(userId, EventType.CREDITS_RECOVERED, new ThresholdEvent(t, after));
        }
        if (o.depleted()) {
            events.emit(userId, EventType.CREDITS_DEPLETED, Map.of("balance", after));
        }
        TopUpTrigger trigger = topUps;
        if (o.topUp() && trigger != null) {
            trigger.balanceCrossed(userId, after, at);
        }
    }

    @Override
    public void refused(UUID userId, long required, long balance) {
        try {
            tx.inTransaction(() -> repository.markDepleted(userId).ifPresent(b ->
                    events.emit(userId, EventType.CREDITS_DEPLETED, Map.of("balance", b, "required", required))));
        } catch (RuntimeException e) {
            // The caller is answering 402: a failed alert must not turn that into a 500.
            LOG.log(System.Logger.Level.WARNING, "credits.depleted for user {0} not recorded: {1}", userId,
                    e.toString());
        }
    }

    @Override
    public AlertSettings alerts(UUID userId) {
        BalanceAlertRepository.Thresholds t = repository.thresholds(userId).orElseThrow(UserNotFoundException::new);
        return t.own() == null ? new AlertSettings(BalanceAlerts.asList(defaults), true)
                : new AlertSettings(BalanceAlerts.asList(t.own()), false);
    }

    @Override
    public AlertSettings setAlerts(UUID userId, List<Long> thresholds) {
        long[] own = BalanceAlerts.validate(thresholds);
        if (!tx.inTransaction(() -> repository.setThresholds(userId, own, own))) {
            throw new UserNotFoundException();
        }
        return new AlertSettings(BalanceAlerts.asList(own), false);
    }
}
