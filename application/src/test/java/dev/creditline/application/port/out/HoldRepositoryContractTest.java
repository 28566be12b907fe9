package dev.creditline.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditline.application.testing.TestUsers;
import dev.creditline.domain.hold.Hold;
import dev.creditline.domain.hold.HoldExpiryPolicy;
import dev.creditline.domain.hold.HoldSettlement;
import dev.creditline.domain.hold.HoldStatus;
import dev.creditline.domain.hold.HoldStep;
import dev.creditline.domain.hold.HoldTtl;
import dev.creditline.domain.user.User;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link HoldRepository} does: a hold settles once, partial captures apply in step
 * order only while it is open, a deadline moves only before it passed, and pending credit is what
 * open holds still reserve.
 */
public abstract class HoldRepositoryContractTest {

    /** The implementations under test. */
    protected abstract Ports ports();

    private UserRepository users() {
        return ports().users();
    }

    private HoldRepository holds() {
        return ports().holds();
    }

    private static final Instant T = TestUsers.T0;

    private Hold open(User u, long amount, long ttlSeconds, HoldExpiryPolicy policy) {
        Hold h = Hold.open(UUID.randomUUID(), u.id(), amount, new HoldTtl(ttlSeconds), policy, T);
        holds().insert(h, "job-1");
        return h;
    }

    @Test
    void an_inserted_hold_reads_back_open_with_nothing_captured() {
        User u = TestUsers.stored(users());
        Hold h = open(u, 50, 600, HoldExpiryPolicy.CAPTURE);

        assertThat(holds().lockById(h.id())).contains(new Hold(h.id(), u.id(), 50, HoldStatus.OPEN, T,
                T.plusSeconds(600), 0, 0, 0, HoldExpiryPolicy.CAPTURE));
        assertThat(holds().lockById(UUID.randomUUID())).isEmpty();
    }

    @Test
    void a_hold_settles_once() {
        User u = TestUsers.stored(users());
        Hold h = open(u, 50, 600, HoldExpiryPolicy.RELEASE);

        assertThat(holds().settle(h.id(), HoldStatus.CAPTURED, new HoldSettlement(50, 0, 7, 3), T)).isTrue();
        assertThat(holds().settle(h.id(), HoldStatus.RELEASED, new HoldSettlement(0, 50, 0, 0), T)).isFalse();
        assertThat(holds().lockById(h.id())).hasValueSatisfying(after -> {
            assertThat(after.status()).isEqualTo(HoldStatus.CAPTURED);
            assertThat(after.captured()).isEqualTo(50);
            assertThat(after.extraDebit()).isEqualTo(7);
        });
        assertThatThrownBy(() -> holds().settle(h.id(), HoldStatus.OPEN, new HoldSettlement(0, 50, 0, 0), T))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void partial_captures_apply_in_step_order_and_only_while_open() {
        User u = TestUsers.stored(users());
        Hold h = open(u, 50, 600, HoldExpiryPolicy.RELEASE);

        assertThat(holds().recordStep(h.id(), new HoldStep(2, 10, 0, 0))).isFalse();
        assertThat(holds().recordStep(h.id(), new HoldStep(1, 10, 0, 0))).isTrue();
        assertThat(holds().recordStep(h.id(), new HoldStep(1, 10, 0, 0))).isFalse();
        assertThat(holds().recordStep(h.id(), new HoldStep(2, 15, 2, 0))).isTrue();
        assertThat(holds().pendingCredit(u.id())).isEqualTo(25);
        holds().settle(h.id(), HoldStatus.RELEASED, new HoldSettlement(25, 25, 0, 0), T);
        assertThat(holds().recordStep(h.id(), new HoldStep(3, 1, 0, 0))).isFalse();

        assertThat(holds().lockById(h.id())).hasValueSatisfying(after -> {
            assertThat(after.captured()).isEqualTo(25);
            assertThat(after.extraDebit()).isEqualTo(2);
            assertThat(after.captureSteps()).isEqualTo(2);
        });
        assertThat(holds().pendingCredit(u.id())).isZero();
    }

    @Test
    void a_deadline_moves_only_while_open_and_not_passed() {
        User u = TestUsers.stored(users());
        Hold h = open(u, 5, 60, HoldExpiryPolicy.RELEASE);

        assertThat(holds().extend(h.id(), T.plusSeconds(600), T.plusSeconds(59))).isTrue();
        assertThat(holds().extend(h.id(), T.plusSeconds(900), T.plusSeconds(600))).isFalse();
        assertThat(holds().lockById(h.id()).orElseThrow().expiresAt()).isEqualTo(T.plusSeconds(600));
    }

    @Test
    void the_next_expired_hold_is_the_open_one_with_the_earliest_deadline_due() {
        User u = TestUsers.stored(users());
        // long before any other test's holds, so that a shared table does not interfere
        Instant past = Instant.parse("2001-01-01T00:00:00Z");
        Hold later = Hold.open(UUID.randomUUID(), u.id(), 5, new HoldTtl(120), HoldExpiryPolicy.RELEASE, past);
        Hold earlier = Hold.open(UUID.randomUUID(), u.id(), 5, new HoldTtl(60), HoldExpiryPolicy.RELEASE, past);
        holds().insert(later, null);
        holds().insert(earlier, null);

        assertThat(holds().lockNextExpired(past.plusSeconds(59))).isEmpty();
        assertThat(holds().lockNextExpired(past.plusSeconds(60))).map(Hold::id).contains(earlier.id());
        holds().settle(earlier.id(), HoldStatus.EXPIRED, new HoldSettlement(0, 5, 0, 0), past.plusSeconds(60));
        assertThat(holds().lockNextExpired(past.plusSeconds(60))).isEmpty();
        assertThat(holds().lockNextExpired(past.plusSeconds(120))).map(Hold::id).contains(later.id());
        holds().settle(later.id(), HoldStatus.EXPIRED, new HoldSettlement(0, 5, 0, 0), past.plusSeconds(120));
    }
}
