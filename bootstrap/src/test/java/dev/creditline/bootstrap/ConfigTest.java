package dev.creditline.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Configuration parsing (docs/configuration.md). */
class ConfigTest {

    @Test
    void the_primary_front_end_url_is_the_first_origin_of_the_list() {
        assertThat(Config.primaryFrontendUrl(Map.of())).isEqualTo("http://localhost:3000");
        assertThat(Config.primaryFrontendUrl(Map.of("FRONTEND_URL", "https://app.example.com/")))
                .isEqualTo("https://app.example.com");
        assertThat(Config.primaryFrontendUrl(Map.of("FRONTEND_URL", " https://app.example.com , https://www.example.com")))
                .isEqualTo("https://app.example.com");
    }

    @Test
    void billing_return_urls_use_the_primary_front_end_url() {
        BillingConfig billing = BillingConfig.from(Map.of("FRONTEND_URL", "https://app.example.com,https://admin.example.com"));
        assertThat(billing.frontendUrl()).isEqualTo("https://app.example.com");
    }

    @Test
    void a_database_url_is_parsed_into_jdbc_form_with_credentials() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://app:s%40cret@db.internal:6432/credits?sslmode=require");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6432/credits?sslmode=require");
        assertThat(url.user()).isEqualTo("app");
        assertThat(url.password()).isEqualTo("s@cret");
        assertThat(DatabaseUrl.parse("postgres://h/db").jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db");
        assertThat(DatabaseUrl.parse("jdbc:postgresql://h:1/db?user=u").user()).isNull();
    }

    @Test
    void a_malformed_database_url_names_the_variable() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://h/db")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("DATABASE_URL");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://host-only")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("DATABASE_URL");
    }

    @Test
    void numbers_out_of_range_or_malformed_name_the_variable() {
        assertThatThrownBy(() -> Config.from(Map.of("PORT", "http"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("PORT");
        assertThatThrownBy(() -> Config.from(Map.of("DATABASE_POOL_SIZE", "0"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("DATABASE_POOL_SIZE");
        assertThat(Config.from(Map.of()).port()).isEqualTo(8080);
        assertThat(Config.from(Map.of()).signupBonusCredits()).isEqualTo(10_000);
    }

    @Test
    void webhook_and_alert_settings_are_parsed_once_at_start_and_a_bad_one_refuses_it_naming_the_variable() {
        Settings defaults = Config.from(Map.of()).settings();
        assertThat(defaults.alerts().lowBalanceThresholds()).containsExactly(1000);
        assertThat(defaults.webhooks().url()).isEmpty();
        assertThat(defaults.webhooks().dispatch()).isTrue();
        assertThat(defaults.webhooks().batch()).isEqualTo(100);
        assertThat(defaults.webhooks().senders()).isEqualTo(8);
        assertThat(defaults.webhooks().disableAfter()).isEqualTo(20);
        assertThat(defaults.webhooks().interval()).hasMillis(1000);
        assertThat(defaults.webhooks().rotationGrace()).hasHours(24);
        assertThat(defaults.webhooks().expiryNotice()).hasDays(7);
        assertThat(Config.from(Map.of("LOW_BALANCE_THRESHOLDS", "OFF")).settings().alerts().lowBalanceThresholds())
                .isEmpty();
        assertThat(Config.from(Map.of("WEBHOOK_DISPATCHER", "no")).settings().webhooks().dispatch()).isFalse();

        Object[][] bad = {
                {"LOW_BALANCE_THRESHOLDS", "lots", "LOW_BALANCE_THRESHOLDS must be comma-separated whole credits"},
                {"WEBHOOK_URL", "https://hooks.example.com/x", "WEBHOOK_SECRET is required with WEBHOOK_URL"},
                {"WEBHOOK_URL", "ftp://hooks.example.com/x", "WEBHOOK_URL"},
                {"WEBHOOK_SECRET", "not-whsec", "WEBHOOK_SECRET must be whsec_ followed by base64"},
                {"WEBHOOK_SECRET", "whsec_c2hvcnQ=", "WEBHOOK_SECRET's key must be at least 16 bytes"},
                {"WEBHOOK_RETRY_SCHEDULE", "soon", "WEBHOOK_RETRY_SCHEDULE: "},
                {"WEBHOOK_RETRY_WINDOW_MINUTES", "0", "WEBHOOK_RETRY_WINDOW_MINUTES must be between 1 and 43200, was 0"},
                {"WEBHOOK_DISPATCHER", "maybe", "WEBHOOK_DISPATCHER must be true or false, was 'maybe'"},
                {"ALLOW_HTTP_WEBHOOKS", "2", "ALLOW_HTTP_WEBHOOKS must be true or false, was '2'"},
                {"WEBHOOK_DISPATCH_BATCH", "0", "WEBHOOK_DISPATCH_BATCH must be between 1 and 10000, was 0"},
                {"WEBHOOK_DISPATCH_CONCURRENCY", "x", "WEBHOOK_DISPATCH_CONCURRENCY must be a whole number, was 'x'"},
                {"WEBHOOK_DISPATCH_INTERVAL_MS", "9", "WEBHOOK_DISPATCH_INTERVAL_MS must be between 10 and 3600000"},
                {"WEBHOOK_DISABLE_AFTER_FAILURES", "0", "WEBHOOK_DISABLE_AFTER_FAILURES must be between 1 and 1000000"},
                {"WEBHOOK_SECRET_ROTATION_HOURS", "721", "WEBHOOK_SECRET_ROTATION_HOURS must be between 0 and 720"},
                {"EXPIRY_NOTICE_DAYS", "-1", "EXPIRY_NOTICE_DAYS must be between 0 and 3650"},
        };
        for (Object[] c : bad) {
            assertThatThrownBy(() -> Config.from(Map.of((String) c[0], (String) c[1]))).as(c[0] + "=" + c[1])
                    .isInstanceOf(ConfigException.class).hasMessageContaining((String) c[2]);
        }
    }
}
