package dev.creditline.bootstrap.events;

import dev.creditline.persistence.testing.DatabaseTest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.bootstrap.testing.WebhookReceiver;
import dev.creditline.persistence.testing.EmbeddedPostgresSupport;
import dev.creditline.persistence.testing.EmbeddedPostgresSupport.TestDatabase;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The outbox survives the service: an event committed while no dispatcher ran is delivered by the
 * next instance; two instances dispatching the same database at once never make one attempt
 * twice at the same moment, and every event reaches the receiver once (docs/events.md "Delivery").
 */
@DatabaseTest
class DispatcherInstancesTest {

    private static Map<String, String> env(TestDatabase db, WebhookReceiver receiver, String secret, boolean dispatch) {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", db.jdbcUrl() + "&password=" + db.password());
        env.put("WEBHOOK_URL", receiver.url());
        env.put("WEBHOOK_SECRET", secret);
        env.put("ALLOW_HTTP_WEBHOOKS", "true");
        env.put("WEBHOOK_DISPATCHER", Boolean.toString(dispatch));
        env.put("WEBHOOK_DISPATCH_INTERVAL_MS", "20");
        env.put("WEBHOOK_DISPATCH_BATCH", "5");
        env.put("DATABASE_POOL_SIZE", "8");
        return env;
    }

    @Test
    void an_event_committed_before_a_stop_is_delivered_after_the_restart() {
        String secret = WebhookReceiver.newSecret();
        TestDatabase db = EmbeddedPostgresSupport.freshDatabase();
        try (WebhookReceiver receiver = WebhookReceiver.start(secret)) {
            UUID user;
            try (TestService first = TestService.start(env(db, receiver, secret, false))) {
                user = first.createUser("restart-" + UUID.randomUUID() + "@example.com");
                assertThat(first.count("event_outbox WHERE subject_id = '" + user + "'")).isEqualTo(2);
            }
            assertThat(receiver.received()).isEmpty();
            try (TestService second = TestService.start(env(db, receiver, secret, true))) {
                assertThat(receiver.await(Duration.ofSeconds(15), all -> all.size() >= 2)).isTrue();
                assertThat(receiver.received()).extracting(WebhookReceiver.Received::type)
                        .containsExactlyInAnyOrder("user.created", "credits.granted");
                assertThat(receiver.received()).allMatch(WebhookReceiver.Received::validSignature)
                        .allMatch(r -> r.json().at("/data/userId").asText().equals(user.toString()));
            }
        }
    }

    @Test
    void two_instances_dispatching_at_once_deliver_each_event_once_and_never_concurrently() throws Exception {
        String secret = WebhookReceiver.newSecret();
        TestDatabase db = EmbeddedPostgresSupport.freshDatabase();
        try (WebhookReceiver receiver = WebhookReceiver.start(secret);
             TestService a = TestService.start(env(db, receiver, secret, true));
             TestService b = TestService.start(env(db, receiver, secret, true))) {
            receiver.delay(Duration.ofMillis(15));
            int users = 40;
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<UUID>> made = new java.util.ArrayList<>();
                for (int i = 0; i < users; i++) {
                    TestService s = i % 2 == 0 ? a : b;
                    int n = i;
                    made.add(pool.submit(() -> s.createUser("pair-" + n + "-" + UUID.randomUUID() + "@example.com")));
                }
                for (Future<UUID> f : made) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            long events = a.count("event_outbox");
            assertThat(events).isEqualTo(2L * users);
            assertThat(receiver.await(Duration.ofSeconds(60), all -> all.size() >= events)).isTrue();
            Thread.sleep(500); // real time: proving a negative, no duplicate from either dispatcher's next passes
            List<WebhookReceiver.Received> got = receiver.received();
            Map<String, Long> perId = got.stream().collect(Collectors.groupingBy(WebhookReceiver.Received::id,
                    Collectors.counting()));
            assertThat(perId).hasSize((int) events);
            assertThat(perId.values()).containsOnly(1L);
            assertThat(receiver.maxInFlightPerId()).isEqualTo(1);
            assertThat(got).allMatch(WebhookReceiver.Received::validSignature);
            assertThat(a.count("webhook_deliveries WHERE status = 'delivered' AND attempts = 1")).isEqualTo(events);
            assertThat(a.count("webhook_attempts")).isEqualTo(events);
        }
    }
}
