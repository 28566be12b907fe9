package dev.creditline.bootstrap.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.persistence.testing.DatabaseTest;
import dev.creditline.stripe.testing.StripeStub;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A user deleted while their requests are in flight: reads that fill the stats cache, metering
 * writes and checkout reads race the Auth.js adapter's delete. Every answer is a success or a
 * 401/404 problem+json, never a 500 (docs/api.md "Input robustness").
 */
@DatabaseTest
class UserDeletedMidRequestTest {

    private static StripeStub stub;
    private static TestService service;

    @BeforeAll
    static void start() {
        stub = StripeStub.start();
        service = TestService.start(Map.of("STRIPE_SECRET_KEY", "sk_test_deleted_mid_request",
                "STRIPE_API_BASE", stub.baseUrl()));
    }

    @AfterAll
    static void stop() {
        service.close();
        stub.close();
    }

    @Test
    void aRequestWhoseUserIsDeletedMidWayAnswers401Or404NeverA500() throws Exception {
        long now = Instant.now().getEpochSecond();
        List<Function<UUID, Response>> calls = List.of(
                u -> service.asUser(u, "GET", "/api/user/weekly-comparison", null),
                u -> service.asUser(u, "GET", "/api/user/monthly-comparison", null),
                u -> service.asUser(u, "GET", "/api/user/usage-stats?startTime=" + (now - 86_400 * 3) + "&endTime="
                        + now, null),
                u -> service.asUser(u, "GET", "/api/user/info", null),
                u -> service.asUser(u, "GET", "/api/user/credit/payment-link", null),
                u -> service.internal("POST", "/model-calls", "{\"userId\":\"" + u + "\",\"model\":\"m\","
                        + "\"usage\":{\"inputTokens\":10,\"outputTokens\":5}}"),
                u -> service.internal("POST", "/holds", "{\"userId\":\"" + u + "\",\"amount\":5}"));
        Set<String> failures = ConcurrentHashMap.newKeySet();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(calls.size() * 2);
        try {
            for (int round = 0; round < 12; round++) {
                UUID user = service.createUser("deleted-" + round + "-" + UUID.randomUUID() + "@example.com");
                service.internal("POST", "/model-calls", "{\"userId\":\"" + user + "\",\"model\":\"m\","
                        + "\"usage\":{\"inputTokens\":10,\"outputTokens\":5}}");
                AtomicBoolean deleted = new AtomicBoolean();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> running = new java.util.ArrayList<>();
                for (int i = 0; i < calls.size() * 2; i++) {
                    Function<UUID, Response> call = calls.get(i % calls.size());
                    running.add(pool.submit(() -> {
                        go.await();
                        // Keep calling until one call has started after the delete answered.
                        for (int n = 0; n < 200; n++) {
                            boolean after = deleted.get();
                            Response r = call.apply(user);
                            statuses.merge(r.status(), 1, Integer::sum);
                            if (r.status() >= 500 || (r.status() >= 400 && !r.contentType().startsWith(
                                    "application/problem+json"))) {
                                failures.add(r.status() + " " + r.body());
                            }
                            if (after) {
                                break;
                            }
                        }
                        return null;
                    }));
                }
                go.countDown();
                Thread.sleep(ThreadLocalRandom.current().nextInt(20, 150)); // jitter: the delete lands mid-stream
                Response del = service.adapter("DELETE", "/users/" + user, null);
                assertThat(del.status()).as(del.toString()).isLessThan(300);
                deleted.set(true);
                for (Future<?> f : running) {
                    f.get(120, TimeUnit.SECONDS);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println("statuses while users were deleted: " + statuses);
        assertThat(failures).isEmpty();
        assertThat(statuses.keySet()).as("the race was run").contains(401);
    }
}
