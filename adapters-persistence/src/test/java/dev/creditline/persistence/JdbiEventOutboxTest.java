package dev.creditline.persistence;

import dev.creditline.persistence.testing.DatabaseTest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditline.application.port.out.events.EventData;
import dev.creditline.domain.event.EventType;
import dev.creditline.domain.user.Role;
import dev.creditline.domain.user.User;
import dev.creditline.persistence.testing.EmbeddedPostgresSupport;
import dev.creditline.persistence.testing.Eventually;
import dev.creditline.persistence.testing.EmbeddedPostgresSupport.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The outbox adapter against PostgreSQL: same transaction as the change, per-user sequence, survival of user.deleted. */
@DatabaseTest
class JdbiEventOutboxTest {

    private static Database db;
    private static JdbiTransactions tx;
    private static JdbiEventOutbox outbox;
    private static JdbiUserRepository users;

    @BeforeAll
    static void start() {
        TestDatabase t = EmbeddedPostgresSupport.freshDatabase();
        db = Database.open(t.jdbcUrl(), t.user(), t.password(), 20);
        db.migrate();
        tx = db.transactions();
        outbox = new JdbiEventOutbox(tx, Clock.systemUTC());
        users = new JdbiUserRepository(tx);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private static UUID newUser() {
        Instant now = Instant.now();
        User u = new User(UUID.randomUUID(), UUID.randomUUID() + "@example.com", "Ada", null, null, "free", 0,
                Role.USER, null, now, null, null, null, now, now, null);
        return users.insert(u).orElseThrow().id();
    }

    private static List<String> bodies(UUID user) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT body FROM event_outbox WHERE subject_id = :u"
                + " ORDER BY sequence").bind("u", user).mapTo(String.class).list());
    }

    @Test
    void an_event_commits_and_rolls_back_with_the_change() {
        UUID user = newUser();
        assertThat(bodies(user)).hasSize(1).first().asString().contains("\"type\":\"user.created\"");
        assertThatThrownBy(() -> tx.inTransaction(() -> {
            outbox.emit(user, EventType.HOLD_EXPIRED, Map.of("n", 1));
            throw new IllegalStateException("the change fails");
        })).hasMessage("the change fails");
        assertThat(bodies(user)).hasSize(1);
        tx.inTransaction(() -> outbox.emit(user, EventType.PURCHASE_COMPLETED,
                new EventData.PurchaseCompleted("starter", 500, "cs_1", null)));
        List<String> b = bodies(user);
        assertThat(b).hasSize(2);
        assertThat(b.get(1)).matches("\\{\"id\":\"evt_[0-9a-z]{26}\",\"type\":\"purchase.completed\",\"timestamp\":\"[^\"]+Z\","
                + "\"sequence\":2,\"data\":\\{\"userId\":\"" + user + "\",\"packId\":\"starter\",\"credits\":500,"
                + "\"checkoutSessionId\":\"cs_1\",\"paymentIntentId\":null}}");
    }

    @Test
    void data_is_a_json_object_with_user_id_first_and_the_callers_user_id_wins() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("userId", "someone-else");
        m.put("when", Instant.parse("2026-01-02T03:04:05Z"));
        UUID user = UUID.randomUUID();
        assertThat(JdbiEventOutbox.dataJson(user, m)).isEqualTo("{\"userId\":\"" + user
                + "\",\"when\":\"2026-01-02T03:04:05Z\"}");
        assertThat(JdbiEventOutbox.dataJson(user, null)).isEqualTo("{\"userId\":\"" + user + "\"}");
        assertThatThrownBy(() -> JdbiEventOutbox.dataJson(user, List.of(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrent_changes_of_one_user_get_sequences_without_gaps_in_commit_order() throws Exception {
        UUID user = newUser();
        int threads = 10;
        int each = 20;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < each; i++) {
                    tx.inTransaction(() -> outbox.emit(user, EventType.LOT_EXPIRING, Map.of()));
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        List<Long> sequences = db.jdbi().withHandle(h -> h.createQuery("SELECT sequence FROM event_outbox"
                + " WHERE subject_id = :u ORDER BY sequence").bind("u", user).mapTo(Long.class).list());
        assertThat(sequences).hasSize(1 + threads * each);
        for (int i = 0; i < sequences.size(); i++) {
            assertThat(sequences.get(i)).isEqualTo(i + 1L);
        }
        // ids are unique (timestamps are taken before the lock, so only the sequence orders events)
        long distinctIds = db.jdbi().withHandle(h -> h.createQuery("SELECT count(DISTINCT id) FROM event_outbox"
                + " WHERE subject_id = :u").bind("u", user).mapTo(Long.class).one());
        assertThat(distinctIds).isEqualTo(1L + threads * each);
    }

    @Test
    void user_deleted_is_written_before_the_row_goes_and_outlives_it() {
        UUID user = newUser();
        assertThat(users.delete(user)).isTrue();
        List<String> b = bodies(user);
        assertThat(b).hasSize(2);
        assertThat(b.get(1)).contains("\"type\":\"user.deleted\"").contains("\"sequence\":2").contains("@example.com");
        assertThat(users.delete(user)).isFalse();
        assertThat(bodies(user)).hasSize(2);
        // an event for a user that does not exist is not recorded
        tx.inTransaction(() -> outbox.emit(user, EventType.HOLD_EXPIRED, Map.of()));
        assertThat(bodies(user)).hasSize(2);
    }

    @Test
    void a_later_commit_gets_the_later_sequence_even_when_it_emitted_first_in_time() throws Exception {
        UUID user = newUser();
        CountDownLatch firstEmitted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<?> first = pool.submit(() -> tx.inTransaction(() -> {
            outbox.emit(user, EventType.LOT_EXPIRING, Map.of("who", "first"));
            firstEmitted.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }));
        firstEmitted.await();
        // the second emit waits for the first transaction's row lock
        Future<?> second = pool.submit(() -> tx.inTransaction(() ->
                outbox.emit(user, EventType.LOT_EXPIRING, Map.of("who", "second"))));
        Eventually.eventually("the second emit waits for the first transaction's row lock", () -> db.jdbi().withHandle(
                h -> h.createQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND wait_event_type = 'Lock'").mapTo(Long.class).one()) > 0);
        assertThat(second.isDone()).isFalse();
        release.countDown();
        first.get();
        second.get();
        pool.shutdown();
        List<String> b = bodies(user);
        assertThat(b.get(1)).contains("\"sequence\":2").contains("first");
        assertThat(b.get(2)).contains("\"sequence\":3").contains("second");
    }
}
