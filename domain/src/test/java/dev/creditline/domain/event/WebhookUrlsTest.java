package dev.creditline.domain.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditline.domain.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookUrlsTest {

    @Test
    void https_urls_with_a_host_are_accepted() {
        assertThat(WebhookUrls.check("url", "https://hooks.example.com/creditline?x=1", false).getHost())
                .isEqualTo("hooks.example.com");
        assertThat(WebhookUrls.check("url", "HTTPS://example.com:8443/", false).getPort()).isEqualTo(8443);
    }

    @Test
    void plain_http_only_to_loopback_hosts_and_only_when_allowed() {
        for (String loopback : List.of("http://127.0.0.1:9000/h", "http://localhost/h", "http://[::1]:80/h",
                "http://127.1.2.3/h")) {
            assertThat(WebhookUrls.check("url", loopback, true)).isNotNull();
            assertThatThrownBy(() -> WebhookUrls.check("url", loopback, false))
                    .isInstanceOf(ValidationException.class).hasMessageContaining("ALLOW_HTTP_WEBHOOKS");
        }
        assertThatThrownBy(() -> WebhookUrls.check("url", "http://example.com/h", true))
                .isInstanceOf(ValidationException.class).hasMessageContaining("https");
        assertThatThrownBy(() -> WebhookUrls.check("url", "http://127.0.0.1.example.com/h", true))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void hostile_urls_are_refused_naming_the_field() {
        for (String bad : List.of("", " ", "file:///etc/passwd", "ftp://example.com/", "javascript:alert(1)",
                "mailto:a@example.com", "https://user:pw@example.com/", "https://user@example.com/", "https:///path",
                "https://", "//example.com/x", "/relative", "https://example.com/#frag", " https://example.com/",
                "https://exa mple.com/", "https://example.com/\u0000", "gopher://example.com/",
                "https://example.com:0/", "https://example.com/" + "x".repeat(2048))) {
            assertThatThrownBy(() -> WebhookUrls.check("url", bad, true)).as(bad)
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("url"));
        }
        assertThatThrownBy(() -> WebhookUrls.check("url", null, true)).isInstanceOf(ValidationException.class);
    }
}
