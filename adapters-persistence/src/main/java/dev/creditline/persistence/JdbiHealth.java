package dev.creditline.persistence;

import dev.creditline.application.port.out.HealthPort;
import org.jdbi.v3.core.Jdbi;

/** {@link HealthPort}: {@code SELECT 1} with a 2 s statement timeout. */
public final class JdbiHealth implements HealthPort {

    private final Jdbi jdbi;

    public JdbiHealth(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public boolean databaseAnswers() {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT 1").setQueryTimeout(2).mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
