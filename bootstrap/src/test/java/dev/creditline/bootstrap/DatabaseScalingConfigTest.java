package dev.creditline.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code DATABASE_POOLER}, {@code DATABASE_READ_URL}, {@code DATABASE_READ_MAX_LAG} (docs/configuration.md "Scaling"). */
class DatabaseScalingConfigTest {

    @Test
    void defaults_are_no_pooler_and_ten_seconds_of_lag() {
        DatabaseScaling.validate(Map.of());
        assertThat(Settings.DatabaseSettings.behindPooler(Map.of())).isFalse();
        assertThat(Settings.DatabaseSettings.maxLag(Map.of())).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void the_pooler_and_the_lag_bound_are_read() {
        assertThat(Settings.DatabaseSettings.behindPooler(Map.of("DATABASE_POOLER", "PgBouncer"))).isTrue();
        assertThat(Settings.DatabaseSettings.behindPooler(Map.of("DATABASE_POOLER", "none"))).isFalse();
        assertThat(Settings.DatabaseSettings.maxLag(Map.of("DATABASE_READ_MAX_LAG", "30"))).isEqualTo(Duration.ofSeconds(30));
        assertThat(Settings.DatabaseSettings.maxLag(Map.of("DATABASE_READ_MAX_LAG", "5s"))).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void unusable_values_refuse_start_up_naming_the_variable() {
        for (Map.Entry<String, String> bad : Map.of("DATABASE_POOLER", "pgpool", "DATABASE_READ_URL", "mysql://h/db",
                "DATABASE_READ_MAX_LAG", "1", "DATABASE_READ_POOL_SIZE", "0").entrySet()) {
            assertThatThrownBy(() -> Config.from(Map.of(bad.getKey(), bad.getValue())))
                    .as(bad.toString()).isInstanceOf(ConfigException.class).hasMessageContaining(bad.getKey());
        }
        assertThatThrownBy(() -> Config.from(Map.of("DATABASE_READ_MAX_LAG", "ten")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("DATABASE_READ_MAX_LAG");
    }
}
