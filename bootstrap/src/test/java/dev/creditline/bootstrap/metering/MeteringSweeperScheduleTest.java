package dev.creditline.bootstrap.metering;

import static dev.creditline.bootstrap.metering.MeteringSupport.balance;
import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.persistence.testing.DatabaseTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The hold sweeper runs on its schedule inside the service and stops with it (lesson 11). */
@DatabaseTest
class MeteringSweeperScheduleTest {

    @Test
    void the_running_service_releases_an_expired_hold_by_itself() throws Exception {
        try (TestService service = TestService.start(Map.of("HOLD_SWEEP_INTERVAL_SECONDS", "1"))) {
            UUID user = service.createUser("sched@example.com");
            String id = service.internal("POST", "/holds", "{\"userId\":\"" + user + "\",\"amount\":300,\"ttlSeconds\":1}")
                    .json().get("holdId").asText();
            assertThat(balance(service, user)).isEqualTo(9_700);
            long deadline = System.nanoTime() + 15_000_000_000L;
            while (service.count("holds WHERE id = '" + id + "' AND status = 'expired'") == 0
                    && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(service.count("holds WHERE id = '" + id + "' AND status = 'expired'")).isEqualTo(1);
            assertThat(balance(service, user)).isEqualTo(10_000);
        }
        // closing stopped the sweeper thread
        Thread.sleep(200);
        assertThat(Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("creditline-hold-sweeper") && t.isAlive())).isEmpty();
    }
}
