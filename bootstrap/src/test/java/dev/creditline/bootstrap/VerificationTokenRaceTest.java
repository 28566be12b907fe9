package dev.creditline.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.persistence.testing.DatabaseTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** A verification token is used exactly once, even when requests race (lesson 23). */
@DatabaseTest
class VerificationTokenRaceTest {

    @AutoClose
    private static final TestService service = TestService.start();

    @Test
    void twenty_concurrent_uses_of_one_token_give_it_to_exactly_one() throws Exception {
        for (int round = 0; round < 3; round++) {
            String token = "race-" + round;
            assertThat(service.adapter("POST", "/verification-tokens", "{\"identifier\":\"r@example.com\",\"token\":\""
                    + token + "\",\"expires\":\"2030-01-01T00:00:00Z\"}").status()).isEqualTo(201);
            ExecutorService pool = Executors.newFixedThreadPool(20);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return service.adapter("POST", "/verification-tokens/use",
                            "{\"identifier\":\"r@example.com\",\"token\":\"" + token + "\"}").body();
                }));
            }
            go.countDown();
            int got = 0;
            for (Future<String> f : answers) {
                String body = f.get(60, TimeUnit.SECONDS);
                if (!"null".equals(body)) {
                    assertThat(body).contains(token);
                    got++;
                }
            }
            pool.shutdown();
            assertThat(got).isEqualTo(1);
        }
        assertThat(service.count("verification_tokens")).isZero();
    }

    @Test
    void an_expired_token_is_returned_once_and_deleted() {
        service.adapter("POST", "/verification-tokens",
                "{\"identifier\":\"old@example.com\",\"token\":\"old\",\"expires\":\"2001-01-01T00:00:00Z\"}");
        assertThat(service.adapter("POST", "/verification-tokens/use", "{\"identifier\":\"old@example.com\",\"token\":\"old\"}")
                .json().get("expires").asText()).isEqualTo("2001-01-01T00:00:00Z");
        assertThat(service.adapter("POST", "/verification-tokens/use", "{\"identifier\":\"old@example.com\",\"token\":\"old\"}")
                .body()).isEqualTo("null");
    }
}
