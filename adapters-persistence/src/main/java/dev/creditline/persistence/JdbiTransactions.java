package dev.creditline.persistence;

import dev.creditline.application.port.out.TransactionPort;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link TransactionPort} on JDBI: one READ COMMITTED transaction per call, bound to the
 * calling thread so that every repository used inside joins it. The isolation level is the
 * connection's (the pool of {@link Database#open} sets READ COMMITTED once per connection;
 * PostgreSQL's default is the same): passing a level to JDBI would cost three
 * {@code SHOW TRANSACTION ISOLATION LEVEL} round trips per transaction. A deadlock or serialization
 * failure (SQLSTATE 40P01/40001) rolls back and retries the whole work up to 3 times; the
 * work must therefore have no effect outside the database.
 */
public final class JdbiTransactions implements TransactionPort {

    private static final int ATTEMPTS = 3;

    private final Jdbi jdbi;
    private final ThreadLocal<Handle> current = new ThreadLocal<>();
    /** Work to run once the outermost transaction of this thread has ended (committed or not). */
    private final ThreadLocal<List<Runnable>> afterCompletion = new ThreadLocal<>();
    /** Whether a failure may be retried once more because the next attempt goes elsewhere. */
    private final Predicate<RuntimeException> failover;

    public JdbiTransactions(Jdbi jdbi) {
        this(jdbi, e -> false);
    }

    /**
     * Transactions whose failures {@code failover} accepts are retried (read routing: a read replica
     * that failed mid-query is marked down and the retry takes a primary connection). Only for
     * work without effects outside the database that may run twice.
     */
    JdbiTransactions(Jdbi jdbi, Predicate<RuntimeException> failover) {
        this.jdbi = jdbi;
        this.failover = failover;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (current.get() != null) {
            return work.get();
        }
        for (int attempt = 1; ; attempt++) {
            List<Runnable> after = new ArrayList<>(0);
            afterCompletion.set(after);
            T result;
            try (Handle handle = jdbi.open()) {
                result = handle.inTransaction(h -> {
                    current.set(h);
                    try {
                        return work.get();
                    } finally {
                        current.remove();
                    }
                });
            } catch (RuntimeException e) {
                afterCompletion.remove();
                if (attempt >= ATTEMPTS || !(isTransient(e) || failover.test(e))) {
                    after.forEach(Runnable::run);
                    throw e;
                }
                continue; // the retry registers its own work
            }
            afterCompletion.remove();
            after.forEach(Runnable::run);
            return result;
        }
    }

    /**
     * Runs {@code work} once the current outermost transaction has ended, committed or rolled back
     * (at once when none is running), outside any transaction. For effects about a refusal that the
     * refusing transaction's rollback must not take back (e.g. {@code credits.depleted} for a 402).
     */
    void afterCompletion(Runnable work) {
        List<Runnable> after = afterCompletion.get();
        if (after == null || current.get() == null) {
            work.run();
        } else {
            after.add(work);
        }
    }

    /**
     * Runs {@code fn} on the current transaction's handle, or on a short-lived handle of its
     * own (autocommit) when no transaction is running.
     */
    <T> T withHandle(Function<Handle, T> fn) {
        Handle h = current.get();
        if (h != null) {
            return fn.apply(h);
        }
        try {
            return jdbi.withHandle(fn::apply);
        } catch (RuntimeException e) {
            if (!failover.test(e)) {
                throw e;
            }
            return jdbi.withHandle(fn::apply);
        }
    }

    /** Runs {@code fn} in the current transaction, or in a new one (needed for streaming reads). */
    <T> T inHandleTransaction(Function<Handle, T> fn) {
        return inTransaction(() -> fn.apply(current.get()));
    }

    private static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && ("40001".equals(s.getSQLState()) || "40P01".equals(s.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
