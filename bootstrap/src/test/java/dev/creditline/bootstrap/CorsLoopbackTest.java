package dev.creditline.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.rest.operations.CorsPolicy;
import org.junit.jupiter.api.Test;

/** Dev mode's CORS: every loopback origin on any port, nothing else added. */
class CorsLoopbackTest {

    @Test
    void dev_mode_allows_every_loopback_origin_and_nothing_more() {
        CorsPolicy dev = CorsPolicy.fromFrontendUrl(null).withAnyLoopback();
        for (String o : new String[] {"http://localhost:5173", "http://127.0.0.1:3001", "http://[::1]:8081",
                "https://localhost:8443", "http://localhost"}) {
            assertThat(dev.allows(o)).as(o).isTrue();
        }
        for (String o : new String[] {"http://localhost.evil.com:3000", "http://127.0.0.1.nip.io", "https://app.example.com",
                "null", "http://192.168.1.2:3000"}) {
            assertThat(dev.allows(o)).as(o).isFalse();
        }
        CorsPolicy prod = CorsPolicy.fromFrontendUrl(null);
        assertThat(prod.allows("http://localhost:5173")).isFalse();
        assertThat(prod.allows("http://localhost:3000")).isTrue();
    }
}
