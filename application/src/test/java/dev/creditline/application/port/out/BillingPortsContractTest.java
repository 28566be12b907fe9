package dev.creditline.application.port.out;

import dev.creditline.domain.billing.DisputeStatus;
import dev.creditline.domain.billing.SubscriptionStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.domain.billing.BillingAccount;
import dev.creditline.application.port.out.billing.BillingAccountRepository;
import dev.creditline.application.port.out.billing.BillingEventInbox;
import dev.creditline.application.port.out.billing.CheckoutAttempt;
import dev.creditline.application.port.out.billing.CheckoutAttemptRepository;
import dev.creditline.application.port.out.billing.DisputeRepository;
import dev.creditline.application.port.out.billing.PackPurchase;
import dev.creditline.application.port.out.billing.PaidGrant;
import dev.creditline.application.port.out.billing.PaidGrantRepository;
import dev.creditline.domain.billing.StoredBillingEvent;
import dev.creditline.application.port.out.billing.StoredDispute;
import dev.creditline.application.port.out.billing.SubscriptionMark;
import dev.creditline.application.port.out.billing.SubscriptionMarkRepository;
import dev.creditline.application.testing.TestUsers;
import dev.creditline.domain.user.User;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of the billing ports does, PostgreSQL's or the fakes': the inbox takes
 * an event once, a customer id belongs to one user, one live subscription attempt per user and a
 * complete attempt stays complete, a grant is recorded once and found by any key of its payment,
 * early refunds are taken once and oldest first, a closed dispute is final, and a subscription's
 * watermark only moves forward, for its owner, until its tombstone.
 */
public abstract class BillingPortsContractTest {

    /** The implementations under test. */
    protected abstract Ports ports();

    private UserRepository users() {
        return ports().users();
    }

    private BillingAccountRepository accounts() {
        return ports().billingAccounts();
    }

    private CheckoutAttemptRepository attempts() {
        return ports().attempts();
    }

    private PaidGrantRepository grants() {
        return ports().grants();
    }

    private DisputeRepository disputes() {
        return ports().disputes();
    }

    private SubscriptionMarkRepository marks() {
        return ports().subscriptionMarks();
    }

    private BillingEventInbox inbox() {
        return ports().inbox();
    }

    private static final Instant T = TestUsers.T0;

    private static String id(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void the_inbox_takes_an_event_once_and_lists_newest_first_with_problems_apart() {
        String first = id("evt");
        String second = id("evt");
        // received far in the future so that they are the newest of a shared database
        Instant at = Instant.parse("2099-01-01T00:00:00Z").plusSeconds(UUID.randomUUID().hashCode() & 0xffff);

        assertThat(inbox().insertEvent(first, "checkout.session.completed", T, "{\"a\":1}", at)).isTrue();
        assertThat(inbox().insertEvent(first, "other", T, "{}", at)).isFalse();
        assertThat(inbox().insertEvent(second, "invoice.paid", T, "{\"b\":2}", at.plusSeconds(1))).isTrue();
        long problems = inbox().countEvents(true);
        inbox().setEventOutcome(second, "problem", "UNKNOWN_USER", "no user");

        assertThat(inbox().events(false, 2, 0)).containsExactly(
                new StoredBillingEvent(second, "invoice.paid", T, at.plusSeconds(1), "problem", "UNKNOWN_USER",
                        "no user", "{\"b\":2}"),
                new StoredBillingEvent(first, "checkout.session.completed", T, at, "applied", null, null, "{\"a\":1}"));
        assertThat(inbox().countEvents(true)).isEqualTo(problems + 1);
        assertThat(inbox().events(true, 1, 0)).extracting(StoredBillingEvent::eventId).containsExactly(second);
    }

    @Test
    void a_customer_id_is_set_once_and_belongs_to_one_user() {
        User u = TestUsers.stored(users());
        User other = TestUsers.stored(users());
        String customer = id("cus");

        assertThat(accounts().setCustomerIfAbsent(u.id(), customer)).isTrue();
        assertThat(accounts().setCustomerIfAbsent(u.id(), customer)).isTrue();
        assertThat(accounts().setCustomerIfAbsent(u.id(), id("cus"))).isFalse();
        assertThat(accounts().setCustomerIfAbsent(other.id(), customer)).isFalse();
        assertThat(accounts().setCustomerIfAbsent(UUID.randomUUID(), id("cus"))).isFalse();
        assertThat(accounts().userIdByCustomer(customer)).contains(u.id());
        assertThat(accounts().findAccount(other.id()).orElseThrow().stripeCustomerId()).isNull();
    }

    @Test
    void a_subscription_sets_the_plan_keeps_a_known_period_end_and_its_end_restarts_the_free_allowance() {
        User u = TestUsers.stored(users());
        Instant end = T.plus(Duration.ofDays(30));
        String sub = id("sub");

        accounts().updateSubscription(u.id(), "pro", sub, SubscriptionStatus.ACTIVE, false, end, T);
        accounts().updateSubscription(u.id(), "pro", sub, SubscriptionStatus.PAST_DUE, true, null, T);
        BillingAccount active = accounts().lockAccount(u.id()).orElseThrow();
        accounts().endSubscription(u.id(), SubscriptionStatus.CANCELED, T.plusSeconds(5));
        BillingAccount ended = accounts().findAccount(u.id()).orElseThrow();

        assertThat(active).isEqualTo(new BillingAccount(u.id(), u.email(), "pro", 0, null, sub, SubscriptionStatus.PAST_DUE, true, end,
                null));
        assertThat(ended).isEqualTo(new BillingAccount(u.id(), u.email(), "free", 0, null, null, SubscriptionStatus.CANCELED, false,
                null, T.plusSeconds(5)));
        assertThat(accounts().findAccount(UUID.randomUUID())).isEmpty();
    }

    @Test
    void a_user_has_one_live_subscription_attempt_and_a_complete_attempt_stays_complete() {
        User u = TestUsers.stored(users());
        CheckoutAttempt first = new CheckoutAttempt(UUID.randomUUID(), u.id(), CheckoutAttempt.SUBSCRIPTION, "pro",
                "creating", null, null, null, T);
        CheckoutAttempt second = new CheckoutAttempt(UUID.randomUUID(), u.id(), CheckoutAttempt.SUBSCRIPTION, "pro",
                "creating", null, null, null, T);
        String session = id("cs");

        assertThat(attempts().insertAttempt(first)).isTrue();
        assertThat(attempts().insertAttempt(second)).isFalse();
        attempts().attemptOpened(first.id(), session, "https://checkout/x", T.plusSeconds(3600), T);
        assertThat(attempts().liveSubscriptionAttempt(u.id())).map(CheckoutAttempt::status).contains("open");
        attempts().setAttemptStatusBySession(session, "complete", T);
        attempts().setAttemptStatus(first.id(), "expired", T);

        assertThat(attempts().attemptBySession(session)).contains(new CheckoutAttempt(first.id(), u.id(),
                CheckoutAttempt.SUBSCRIPTION, "pro", "complete", session, "https://checkout/x", T.plusSeconds(3600), T));
        assertThat(attempts().liveSubscriptionAttempt(u.id())).isEmpty();
        assertThat(attempts().insertAttempt(second)).isTrue();
    }

    @Test
    void open_pack_sessions_are_the_unexpired_open_ones() {
        User u = TestUsers.stored(users());
        CheckoutAttempt older = new CheckoutAttempt(UUID.randomUUID(), u.id(), CheckoutAttempt.PACK, "small",
                "creating", null, null, null, T);
        CheckoutAttempt newer = new CheckoutAttempt(UUID.randomUUID(), u.id(), CheckoutAttempt.PACK, "small",
                "creating", null, null, null, T.plusSeconds(1));
        CheckoutAttempt lapsed = new CheckoutAttempt(UUID.randomUUID(), u.id(), CheckoutAttempt.PACK, "small",
                "creating", null, null, null, T.plusSeconds(2));
        String a = id("cs");
        String b = id("cs");
        attempts().insertAttempt(older);
        attempts().insertAttempt(newer);
        attempts().insertAttempt(lapsed);
        attempts().attemptOpened(older.id(), a, "https://x/a", T.plusSeconds(3600), T);
        attempts().attemptOpened(newer.id(), b, "https://x/b", T.plusSeconds(3600), T);
        attempts().attemptOpened(lapsed.id(), id("cs"), "https://x/c", T.plusSeconds(60), T);

        assertThat(attempts().openCheckoutSessions(u.id(), T.plusSeconds(60))).containsExactlyElementsOf(
                List.of(a, b).stream().sorted().toList());
        assertThat(attempts().openPackAttempt(u.id(), "small", T.plusSeconds(600))).map(CheckoutAttempt::id)
                .contains(newer.id());
        assertThat(attempts().openPackAttempt(u.id(), "large", T)).isEmpty();
        assertThat(attempts().purchaseExists(a)).isFalse();
    }

    @Test
    void a_pack_purchase_is_recorded_once_and_found_by_its_payment_intent() {
        User u = TestUsers.stored(users());
        String session = id("cs");
        String pi = id("pi");
        PackPurchase purchase = new PackPurchase(session, u.id(), "small", 100, 500L, pi, 0, 0, T);

        assertThat(grants().insertPurchase(purchase)).isTrue();
        assertThat(grants().insertPurchase(purchase)).isFalse();
        grants().addClawback(PaidGrant.Kind.PACK, session, 250, 40, 10);

        PaidGrant expected = new PaidGrant(PaidGrant.Kind.PACK, session, u.id(), 100, 500L, pi, null, 250, 40, 10);
        assertThat(grants().findGrant(pi, null, null)).contains(expected);
        assertThat(grants().lockGrant(PaidGrant.Kind.PACK, session)).contains(expected);
        assertThat(attempts().purchaseExists(session)).isTrue();
        assertThat(grants().findGrant(null, null, null)).isEmpty();
    }

    @Test
    void an_invoice_grant_is_recorded_once_and_found_by_charge_or_invoice() {
        User u = TestUsers.stored(users());
        String invoice = id("in");
        String charge = id("ch");
        PaidGrant grant = new PaidGrant(PaidGrant.Kind.INVOICE, invoice, u.id(), 300, 2000L, id("pi"), charge, 0, 0, 0);

        assertThat(grants().insertInvoiceGrant(grant, T)).isTrue();
        assertThat(grants().insertInvoiceGrant(grant, T)).isFalse();

        assertThat(grants().findGrant(null, charge, null)).contains(grant);
        assertThat(grants().findGrant(null, null, invoice)).contains(grant);
        assertThat(grants().lockGrant(PaidGrant.Kind.INVOICE, invoice)).contains(grant);
        assertThat(grants().lockGrant(PaidGrant.Kind.PACK, invoice)).isEmpty();
    }

    @Test
    void early_refunds_are_taken_once_oldest_first_by_any_key_of_the_payment() {
        String pi = id("pi");
        String charge = id("ch");
        String late = id("evt");
        String early = id("evt");
        String elsewhere = id("evt");
        inbox().insertEvent(late, "charge.refunded", T, "{\"late\":true}", T);
        inbox().insertEvent(early, "charge.refunded", T, "{\"early\":true}", T);
        inbox().insertEvent(elsewhere, "charge.refunded", T, "{\"other\":true}", T);
        grants().recordEarlyRefund(late, null, charge, null, T.plusSeconds(10));
        grants().recordEarlyRefund(early, pi, null, null, T);
        grants().recordEarlyRefund(early, pi, null, null, T);
        grants().recordEarlyRefund(elsewhere, id("pi"), null, null, T);

        assertThat(grants().takeEarlyRefunds(pi, charge, null)).containsExactly("{\"early\":true}", "{\"late\":true}");
        assertThat(grants().takeEarlyRefunds(pi, charge, null)).isEmpty();
    }

    @Test
    void a_dispute_keeps_its_largest_amount_and_first_keys_and_is_final_once_closed() {
        String dispute = id("dp");
        String pi = id("pi");
        String charge = id("ch");

        disputes().recordDispute(dispute, pi, null, 100, DisputeStatus.NEEDS_RESPONSE, false, T);
        StoredDispute updated = disputes().recordDispute(dispute, id("pi"), charge, 80, DisputeStatus.UNDER_REVIEW, false, T);
        disputes().disputeClawed(dispute, 60, 40, T.plusSeconds(1));
        disputes().recordDispute(dispute, pi, charge, 100, DisputeStatus.WON, true, T);
        StoredDispute afterClose = disputes().recordDispute(dispute, pi, charge, 500, DisputeStatus.LOST, true, T);
        disputes().disputeReinstated(dispute, T.plusSeconds(2));

        assertThat(updated).isEqualTo(new StoredDispute(dispute, pi, charge, 100, DisputeStatus.UNDER_REVIEW, false, 0, 0, null,
                null));
        assertThat(afterClose).isEqualTo(new StoredDispute(dispute, pi, charge, 100, DisputeStatus.WON, true, 60, 40,
                T.plusSeconds(1), null));
        assertThat(disputes().lockDisputes(null, charge)).containsExactly(new StoredDispute(dispute, pi, charge, 100,
                DisputeStatus.WON, true, 60, 40, T.plusSeconds(1), T.plusSeconds(2)));
        assertThat(disputes().lockDisputes(pi, null)).hasSize(1);
        assertThat(disputes().lockDisputes(id("pi"), id("ch"))).isEmpty();
    }

    @Test
    void a_watermark_moves_forward_only_for_its_owner_and_never_after_the_tombstone() {
        User owner = TestUsers.stored(users());
        User other = TestUsers.stored(users());
        String sub = id("sub");

        assertThat(marks().advanceWatermark(sub, owner.id(), T, "e1", SubscriptionStatus.INCOMPLETE, "pro")).isTrue();
        assertThat(marks().advanceWatermark(sub, owner.id(), T.minusSeconds(1), "e0", SubscriptionStatus.ACTIVE, null)).isFalse();
        assertThat(marks().advanceWatermark(sub, owner.id(), T, "e2", null, null)).isTrue();
        assertThat(marks().advanceWatermark(sub, other.id(), T.plusSeconds(5), "e3", SubscriptionStatus.ACTIVE, null)).isFalse();
        assertThat(marks().subscriptionMark(sub)).contains(new SubscriptionMark(sub, owner.id(), T, SubscriptionStatus.INCOMPLETE, "pro",
                false));
        assertThat(marks().cancellableSubscriptions(owner.id())).containsExactly(sub);

        assertThat(marks().markDeleted(sub, owner.id(), T.minusSeconds(10), "e4")).isTrue();
        assertThat(marks().markDeleted(sub, owner.id(), T.plusSeconds(10), "e5")).isFalse();
        assertThat(marks().advanceWatermark(sub, owner.id(), T.plusSeconds(20), "e6", SubscriptionStatus.ACTIVE, null)).isFalse();
        assertThat(marks().subscriptionMark(sub)).contains(new SubscriptionMark(sub, owner.id(), T, SubscriptionStatus.INCOMPLETE, "pro",
                true));
        assertThat(marks().cancellableSubscriptions(owner.id())).isEmpty();
    }

    @Test
    void every_subscription_status_reads_back_as_stored_and_an_unknown_one_stays_live_for_cancellation() {
        User u = TestUsers.stored(users());
        String sub = id("sub");
        for (SubscriptionStatus status : SubscriptionStatus.values()) {
            accounts().updateSubscription(u.id(), "pro", sub, status, false, null, T);
            assertThat(accounts().findAccount(u.id()).orElseThrow().subscriptionStatus()).isEqualTo(status);
            // the row keeps the lower-case text it always held (the Auth.js user and the API show it)
            assertThat(users().findById(u.id()).orElseThrow().subscriptionStatus()).isEqualTo(status.storageName());
        }
        accounts().updateSubscriptionStatus(u.id(), SubscriptionStatus.PAST_DUE, T);
        assertThat(users().findById(u.id()).orElseThrow().subscriptionStatus()).isEqualTo("past_due");
        String other = id("sub");
        assertThat(marks().advanceWatermark(other, u.id(), T, "e1", SubscriptionStatus.UNKNOWN, null)).isTrue();
        assertThat(marks().subscriptionMark(other).orElseThrow().lastStatus()).isEqualTo(SubscriptionStatus.UNKNOWN);
        assertThat(marks().cancellableSubscriptions(u.id())).containsExactlyInAnyOrder(sub, other);
    }

    @Test
    void every_dispute_status_reads_back_as_stored() {
        for (DisputeStatus status : DisputeStatus.values()) {
            String pi = id("pi");
            assertThat(disputes().recordDispute(id("dp"), pi, null, 100, status, false, T).status()).isEqualTo(status);
            assertThat(disputes().lockDisputes(pi, null)).extracting(StoredDispute::status).containsExactly(status);
        }
    }

    @Test
    void the_users_current_subscription_is_cancellable_until_it_ended() {
        User u = TestUsers.stored(users());
        String current = id("sub");
        String ended = id("sub");
        accounts().updateSubscription(u.id(), "pro", current, SubscriptionStatus.ACTIVE, false, null, T);
        marks().advanceWatermark(ended, u.id(), T, "e1", SubscriptionStatus.CANCELED, null);

        assertThat(marks().cancellableSubscriptions(u.id())).containsExactly(current);
        accounts().updateSubscriptionStatus(u.id(), SubscriptionStatus.INCOMPLETE_EXPIRED, T);
        assertThat(marks().cancellableSubscriptions(u.id())).isEmpty();
    }
}
