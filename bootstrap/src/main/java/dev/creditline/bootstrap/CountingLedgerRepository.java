package dev.creditline.bootstrap;

import dev.creditline.application.port.out.AppendResult;
import dev.creditline.application.port.out.LedgerAppend;
import dev.creditline.application.port.out.LedgerRepository;
import dev.creditline.domain.ledger.LedgerPage;
import dev.creditline.domain.ledger.LedgerVerification;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The ledger, counting what {@link LedgerRepository#append} does for the metrics:
 * ledger entries written as {@code creditline.ledger.grants} / {@code creditline.ledger.debits}
 * and the credits they moved as {@code creditline.ledger.credits.granted} /
 * {@code creditline.ledger.credits.debited}, all by {@code reason}; refusals as
 * {@code creditline.ledger.refusals{reason, result=insufficient|duplicate|unknown_user}}.
 *
 * <p>Counted when the entry is written inside the caller's transaction: a transaction rolled
 * back later (a retried deadlock, a failure after the append) still counts, so the counters are
 * an operational signal, never the books. Every other method is delegated unchanged (a method
 * added to the port must be delegated here too; the compiler says so).
 */
public final class CountingLedgerRepository implements LedgerRepository {

    private final LedgerRepository ledger;
    private final MeterRegistry registry;
    /** Counters by name and tags (a fixed set: reasons × results), looked up once each. */
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

    /**
     * @param ledger   the real ledger
     * @param registry where the counters go
     */
    public CountingLedgerRepository(LedgerRepository ledger, MeterRegistry registry) {
        this.ledger = ledger;
        this.registry = registry;
    }

    @Override
    public AppendResult append(LedgerAppend append) {
        AppendResult result = ledger.append(append);
        count(append, result);
        return result;
    }

    /** Counted as {@link #append}; a refusal because a free grant is due is not counted (the debit is retried). */
    @Override
    public AppendResult appendUnlessAllowanceDue(LedgerAppend append, Instant anchorCutoff) {
        AppendResult result = ledger.appendUnlessAllowanceDue(append, anchorCutoff);
        if (!(result instanceof AppendResult.AllowanceDue)) {
            count(append, result);
        }
        return result;
    }

    @Override
    public LedgerPage history(UUID userId, int limit, int offset) {
        return ledger.history(userId, limit, offset);
    }

    @Override
    public boolean refExists(UUID userId, String refType, String refId) {
        return ledger.refExists(userId, refType, refId);
    }

    @Override
    public long verify(Optional<UUID> userId, Consumer<LedgerVerification> sink) {
        return ledger.verify(userId, sink);
    }

    @Override
    public String toString() {
        return "Counting(" + ledger + ")";
    }

    private void count(LedgerAppend append, AppendResult result) {
        String reason = append.reason().wireName();
        if (result instanceof AppendResult.Appended) {
            boolean grant = append.delta() > 0;
            String entries = grant ? "creditline.ledger.grants" : "creditline.ledger.debits";
            counters.computeIfAbsent(List.of(entries, reason), k -> Counter.builder(entries)
                    .description(grant ? "Ledger entries with a positive delta" : "Ledger entries with a negative delta")
                    .tag("reason", reason).register(registry)).increment();
            String credits = grant ? "creditline.ledger.credits.granted" : "creditline.ledger.credits.debited";
            counters.computeIfAbsent(List.of(credits, reason), k -> Counter.builder(credits)
                    .description("Credits moved by ledger entries").baseUnit("credits")
                    .tag("reason", reason).register(registry)).increment(Math.abs((double) append.delta()));
        } else {
            String what = result instanceof AppendResult.Insufficient ? "insufficient"
                    : result instanceof AppendResult.Duplicate ? "duplicate" : "unknown_user";
            counters.computeIfAbsent(List.of("creditline.ledger.refusals", reason, what), k -> Counter
                    .builder("creditline.ledger.refusals").description("Ledger appends refused, nothing written")
                    .tags("reason", reason, "result", what).register(registry)).increment();
        }
    }
}
