package dev.creditline.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditline.bootstrap.testing.WebhookReceiver;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The signing scheme against the Standard Webhooks specification's published example. */
class StandardWebhookSenderTest {

    @Test
    void the_signature_matches_the_standard_webhooks_example() {
        assertThat(StandardWebhookSender.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330L, "{\"test\": 2432232314}")).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void during_a_rotation_each_secret_signs_and_either_verifies() {
        String a = WebhookReceiver.newSecret();
        String b = WebhookReceiver.newSecret();
        String header = StandardWebhookSender.signatureHeader(List.of(a, b), "evt_1", 1_700_000_000L, "{}");
        assertThat(header.split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
        assertThat(header.split(" ")[0]).isEqualTo(StandardWebhookSender.sign(a, "evt_1", 1_700_000_000L, "{}"));
        assertThat(header.split(" ")[1]).isEqualTo(StandardWebhookSender.sign(b, "evt_1", 1_700_000_000L, "{}"));
    }

    @Test
    void a_secret_without_the_whsec_prefix_or_base64_is_refused() {
        assertThatThrownBy(() -> StandardWebhookSender.key("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StandardWebhookSender.key("whsec_not base64!"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StandardWebhookSender.key("whsec_")).isInstanceOf(IllegalArgumentException.class);
    }
}
