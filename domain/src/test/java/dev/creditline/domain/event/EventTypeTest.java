package dev.creditline.domain.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EventTypeTest {

    @Test
    void every_type_of_events_md_has_its_wire_name_and_reads_back() {
        assertThat(Arrays.stream(EventType.values()).map(EventType::wireName)).containsExactly("user.created",
                "user.deleted", "credits.granted", "credits.low", "credits.depleted", "credits.recovered",
                "lot.expiring", "lot.expired", "purchase.completed", "subscription.updated", "refund.clawed_back",
                "hold.expired", "topup.succeeded", "topup.failed", "topup.action_required");
        for (EventType t : EventType.values()) {
            assertThat(EventType.fromWire(t.wireName())).contains(t);
        }
        assertThat(EventType.fromWire("USER_CREATED")).isEmpty();
        assertThat(EventType.fromWire(null)).isEmpty();
    }
}
