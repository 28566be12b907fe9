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
}
