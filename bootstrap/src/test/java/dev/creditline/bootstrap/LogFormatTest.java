package dev.creditline.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

/** The console format decision (docs/configuration.md {@code LOG_FORMAT}) over every combination. */
class LogFormatTest {

    @Test
    void an_explicit_log_format_always_wins() {
        for (boolean terminal : new boolean[] {true, false}) {
            for (boolean dev : new boolean[] {true, false}) {
                assertThat(LogFormat.decide("json", terminal, dev)).isEqualTo("json");
                assertThat(LogFormat.decide("text", terminal, dev)).isEqualTo("text");
                assertThat(LogFormat.decide(" JSON ", terminal, dev)).isEqualTo("json");
            }
        }
    }

    @Test
    void unset_means_text_for_a_person_and_json_for_a_collector() {
        for (String unset : Arrays.asList(null, "", "  ")) {
            assertThat(LogFormat.decide(unset, true, false)).as("terminal").isEqualTo("text");
            assertThat(LogFormat.decide(unset, false, true)).as("dev mode, piped").isEqualTo("text");
            assertThat(LogFormat.decide(unset, true, true)).as("dev mode, terminal").isEqualTo("text");
            assertThat(LogFormat.decide(unset, false, false)).as("production, piped").isEqualTo("json");
        }
    }

    @Test
    void this_test_jvm_has_no_terminal_so_production_keeps_json() {
        // surefire's forked JVM writes to a pipe: the shape production has under a process manager
        assertThat(System.console()).isNull();
        assertThat(LogFormat.decide(null, System.console() != null, false)).isEqualTo("json");
    }

    @Test
    void the_text_request_line_shows_duration_and_user() {
        LoggingEvent e = new LoggingEvent("x", new LoggerContext().getLogger("dev.creditline.request"), Level.INFO,
                "{} {} {}", null, new Object[] {"GET", "/api/users/me", 200});
        e.setKeyValuePairs(List.of(new KeyValuePair("method", "GET"), new KeyValuePair("duration_ms", 3.25),
                new KeyValuePair("user_id", "u-1")));
        assertThat(e.getFormattedMessage() + new RequestLineConverter().convert(e))
                .isEqualTo("GET /api/users/me 200 3.25 ms user=u-1");
        e.setKeyValuePairs(null);
        assertThat(new RequestLineConverter().convert(e)).isEmpty();
    }
}
