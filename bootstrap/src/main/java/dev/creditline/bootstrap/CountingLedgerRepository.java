package dev.creditline.bootstrap;

import dev.creditline.application.port.out.AppendResult;
import dev.creditline.application.port.out.LedgerAppend;
import dev.creditline.application.port.out.LedgerRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ledger, counting what {@link LedgerRepository#append} does for the metrics (issue 6):
 * ledger entries written as {@code creditline.ledger.grants} / {@code creditline.ledger.debits}
 * and the credits they moved as {@code creditline.ledger.credits.granted} /
 * {@code creditline.ledger.credits.debited}, all by {@code reason}; refusals as
 * {@code creditline.ledger.refusals{reason, result=insufficient|duplicate|unknown_user}}.
 *
 * <p>Counted when the entry is written inside the caller's transaction: a transaction rolled
 * back later (a retried deadlock, a failure after the append) still counts, so the counters are
 * an operational signal, never the books. Every other method is delegated unchanged; the
 * decorator is a dynamic proxy so that methods added to the port later are delegated too.
 */
public final class CountingLedgerRepository implements InvocationHandler {

    private static final Method APPEND;

    static {
        try {
            APPEND = LedgerRepository.class.getMethod("append", LedgerAppend.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final LedgerRepository ledger;
    private final MeterRegistry registry;
    /** Counters by name and tags (a fixed set: reasons × results), looked up once each. */
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

    private CountingLedgerRepository(LedgerRepository ledger, MeterRegistry registry) {
        this.ledger = ledger;
        this.registry = registry;
    }

    /**
     * @param ledger   the real ledger
     * @param registry where the counters go
     * @return a ledger that behaves exactly like {@code ledger} and counts its appends
     */
    public static LedgerRepository wrap(LedgerRepository ledger, MeterRegistry registry) {
        return (LedgerRepository) Proxy.newProxyInstance(LedgerRepository.class.getClassLoader(),
                new Class<?>[] {LedgerRepository.class}, new CountingLedgerRepository(ledger, registry));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "Counting(" + ledger + ")";
            };
        }
        Object result;
        try {
            result = method.invoke(ledger, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (method.equals(APPEND)) {
            count((LedgerAppend) args[0], (AppendResult) result);
        }
        return result;
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
