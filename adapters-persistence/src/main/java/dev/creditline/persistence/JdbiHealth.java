package dev.creditline.persistence;

import dev.creditline.application.port.out.HealthPort;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** {@link HealthPort}: {@code SELECT 1} with a 2 s statement timeout. */
public final class JdbiHealth implements HealthPort {

    private static final String PING_SQL = Sql.load("health/ping.sql");

    private final Jdbi jdbi;
    private final Optional<ReadReplica> replica;

    public JdbiHealth(Jdbi jdbi) {
        this(jdbi, Optional.empty());
    }

    /** @param replica the read replica whose last check {@link #readReplica()} reports */
    public JdbiHealth(Jdbi jdbi, Optional<ReadReplica> replica) {
        this.jdbi = jdbi;
        this.replica = replica;
    }

    @Override
    public Optional<ReadReplicaHealth> readReplica() {
        return replica.map(r -> {
            ReadReplica.Status s = r.status();
            return new ReadReplicaHealth(s.state().name().toLowerCase(java.util.Locale.ROOT), s.usable(),
                    Double.isNaN(s.lagSeconds()) ? null : Math.round(s.lagSeconds() * 1000) / 1000.0,
                    r.maxLag().toMillis() / 1000.0, s.usable() ? null : s.detail());
        });
    }

    @Override
    public boolean databaseAnswers() {
        try {
            return jdbi.withHandle(h -> h.createQuery(PING_SQL).setQueryTimeout(2).mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
