package dev.creditline.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.domain.event.EventType;
import dev.creditline.domain.event.WebhookEndpoint;
import dev.creditline.domain.user.Role;
import dev.creditline.domain.user.User;
import dev.creditline.persistence.testing.DatabaseTest;
import dev.creditline.persistence.testing.EmbeddedPostgresSupport;
import dev.creditline.persistence.testing.EmbeddedPostgresSupport.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fan-out against PostgreSQL: an endpoint receives only events created since it was created,
 * however late the dispatcher fans them out, and a disabled endpoint gets nothing fanned out to it
 * (docs/events.md "Delivery").
 */
@DatabaseTest
class JdbiWebhookFanOutTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static Database db;
    private static MutableClock clock;
    private static JdbiEventOutbox outbox;
    private static JdbiUserRepository users;
    private static JdbiWebhookEndpointRepository endpoints;
    private static JdbiWebhookDeliveryRepository deliveries;

    /** A clock the test moves; every write below takes its time from it. */
    private static final class MutableClock extends Clock {
        private volatile Instant now = T0;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        Instant at(long seconds) {
            now = T0.plusSeconds(seconds);
            return now;
        }
    }

    @BeforeAll
    static void start() {
        TestDatabase t = EmbeddedPostgresSupport.freshDatabase();
        db = Database.open(t.jdbcUrl(), t.user(), t.password(), 5);
        db.migrate();
        JdbiTransactions tx = db.transactions();
        clock = new MutableClock();
        outbox = new JdbiEventOutbox(tx, clock);
        users = new JdbiUserRepository(tx);
        endpoints = new JdbiWebhookEndpointRepository(tx);
        deliveries = new JdbiWebhookDeliveryRepository(tx);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private static UUID newUser() {
        Instant now = clock.instant();
        User u = new User(UUID.randomUUID(), UUID.randomUUID() + "@example.com", "Ada", null, null, "free", 0,
                Role.USER, null, now, null, null, null, now, now, null);
        return users.insert(u).orElseThrow().id();
    }

    private static String emit(UUID user) {
        db.transactions().inTransaction(() -> outbox.emit(user, EventType.HOLD_EXPIRED, Map.of("n", 1)));
        return db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM event_outbox WHERE subject_id = :u"
                + " ORDER BY sequence DESC LIMIT 1").bind("u", user).mapTo(String.class).one());
    }

    private static WebhookEndpoint endpoint(UUID id, boolean enabled, Instant created, Instant updated) {
        return new WebhookEndpoint(id, "https://hooks.example.com/" + id, "test", Set.of(),
                "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", null, null, enabled, enabled ? null : "paused", 0,
                "admin", created, updated);
    }

    private static List<String> deliveredTo(UUID endpoint) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT event_id FROM webhook_deliveries"
                + " WHERE endpoint_id = :e ORDER BY event_sequence").bind("e", endpoint).mapTo(String.class).list());
    }

    private static void fanOutAll() {
        while (deliveries.fanOut(clock.instant(), 100) > 0) {
            // until nothing is left to fan out
        }
    }

    @Test
    void an_endpoint_gets_no_event_committed_before_it_existed_however_late_the_fan_out() {
        UUID user = newUser();
        fanOutAll();
        clock.at(10);
        String beforeCreation = emit(user);
        UUID id = UUID.randomUUID();
        Instant created = clock.at(11);
        endpoints.insert(endpoint(id, true, created, created));
        clock.at(12);
        String afterCreation = emit(user);
        clock.at(13);
        fanOutAll(); // late: both events are fanned out only now
        assertThat(deliveredTo(id)).containsExactly(afterCreation).doesNotContain(beforeCreation);
        endpoints.delete(id);
    }

    @Test
    void an_event_of_an_enabled_endpoint_is_not_lost_when_it_is_disabled_and_enabled_before_the_fan_out() {
        UUID user = newUser();
        fanOutAll();
        UUID id = UUID.randomUUID();
        Instant created = clock.at(20);
        endpoints.insert(endpoint(id, true, created, created));
        clock.at(21);
        String whileEnabled = emit(user);
        endpoints.update(endpoint(id, false, created, clock.at(22)));
        fanOutAll(); // while disabled: nothing for it
        assertThat(deliveredTo(id)).isEmpty();
        clock.at(23);
        String whileDisabled = emit(user);
        endpoints.update(endpoint(id, true, created, clock.at(24)));
        clock.at(25);
        String afterEnabling = emit(user);
        fanOutAll();
        // whileEnabled was fanned out (marked) while the endpoint was disabled: the documented gap of a
        // disabled endpoint; whileDisabled and afterEnabling are fanned out now that it is enabled.
        assertThat(deliveredTo(id)).containsExactly(whileDisabled, afterEnabling).doesNotContain(whileEnabled);
        endpoints.delete(id);
    }

    @Test
    void the_configured_endpoint_gets_events_from_its_first_configuration_on() {
        UUID user = newUser();
        fanOutAll();
        UUID id = UUID.randomUUID();
        clock.at(100);
        String before = emit(user);
        endpoints.upsertConfigured(id, "https://hooks.example.com/configured", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                clock.at(101), clock.instant());
        clock.at(102);
        String after = emit(user);
        // configured again at the next start: keeps its creation time, so the event above is not lost
        endpoints.upsertConfigured(id, "https://hooks.example.com/configured", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                clock.at(103), clock.instant());
        clock.at(104);
        String again = emit(user);
        fanOutAll();
        assertThat(deliveredTo(id)).containsExactly(after, again).doesNotContain(before);
        endpoints.delete(id);
    }

    @Test
    void concurrent_claims_never_lease_more_than_the_per_endpoint_limit_together() throws Exception {
        UUID user = newUser();
        fanOutAll();
        UUID id = UUID.randomUUID();
        Instant created = clock.at(300);
        endpoints.insert(endpoint(id, true, created, created));
        for (int i = 0; i < 12; i++) {
            emit(user);
        }
        fanOutAll();
        Instant now = clock.at(301);
        int claimers = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(claimers);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> claimed = new java.util.ArrayList<>();
            for (int i = 0; i < claimers; i++) {
                claimed.add(pool.submit(() -> {
                    go.await();
                    return deliveries.claimDue(now, now.plusSeconds(60), 5, 2).size();
                }));
            }
            go.countDown();
            int total = 0;
            for (java.util.concurrent.Future<Integer> f : claimed) {
                total += f.get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
            // 12 due, 8 dispatchers claiming at once, 2 allowed in flight for the endpoint
            assertThat(total).isEqualTo(2);
            assertThat(deliveries.claimDue(now, now.plusSeconds(60), 5, 2)).isEmpty();
            assertThat(deliveries.claimDue(now, now.plusSeconds(60), 5, 3)).hasSize(1);
        } finally {
            pool.shutdownNow();
            endpoints.delete(id);
        }
    }

    @Test
    void an_endpoint_created_in_the_same_instant_as_an_event_gets_it() {
        UUID user = newUser();
        fanOutAll();
        Instant t = clock.at(200);
        UUID id = UUID.randomUUID();
        endpoints.insert(endpoint(id, true, t, t));
        String same = emit(user);
        fanOutAll();
        assertThat(deliveredTo(id)).containsExactly(same);
        endpoints.delete(id);
    }
}
