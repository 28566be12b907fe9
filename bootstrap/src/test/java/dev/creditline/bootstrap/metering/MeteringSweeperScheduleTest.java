package dev.creditline.bootstrap.metering;

import static dev.creditline.bootstrap.metering.MeteringSupport.balance;
import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.persistence.testing.DatabaseTest;
import dev.creditline.persistence.testing.Eventually;
import java.time.Duration;
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
            // the hold's second passes on the service clock; the sweeper's own schedule (1 s) does the rest
            service.clock().advance(Duration.ofSeconds(2));
            Eventually.holdsWithin(Duration.ofSeconds(15),
                    () -> service.count("holds WHERE id = '" + id + "' AND status = 'expired'") > 0);
            assertThat(service.count("holds WHERE id = '" + id + "' AND status = 'expired'")).isEqualTo(1);
            assertThat(balance(service, user)).isEqualTo(10_000);
        }
        // closing stopped the sweeper thread
        Eventually.holdsWithin(Duration.ofSeconds(2), () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("creditline-hold-sweeper") && t.isAlive()));
        assertThat(Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("creditline-hold-sweeper") && t.isAlive())).isEmpty();
    }
}
