package dev.creditline.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditline.application.port.in.HandleBillingWebhookUseCase.WebhookOutcome;
import dev.creditline.application.port.out.LedgerAppend;
import dev.creditline.application.port.out.billing.BillingEvent;
import dev.creditline.application.port.out.billing.BillingEventVerifier;
import dev.creditline.application.port.out.billing.CheckoutAttempt;
import dev.creditline.application.port.out.billing.CheckoutMode;
import dev.creditline.application.port.out.billing.CheckoutPaymentStatus;
import dev.creditline.application.port.out.billing.MalformedEventException;
import dev.creditline.application.port.out.billing.PaidGrant;
import dev.creditline.domain.billing.StoredBillingEvent;
import dev.creditline.application.port.out.billing.StripeIntent;
import dev.creditline.application.port.out.billing.StripeIntentRepository;
import dev.creditline.application.testing.InMemoryBillingAccountRepository;
import dev.creditline.application.testing.InMemoryBillingEventInbox;
import dev.creditline.application.testing.InMemoryCheckoutAttemptRepository;
import dev.creditline.application.testing.InMemoryDatabase;
import dev.creditline.application.testing.InMemoryDisputeRepository;
import dev.creditline.application.testing.InMemoryLedgerRepository;
import dev.creditline.application.testing.InMemoryPaidGrantRepository;
import dev.creditline.application.testing.InMemorySubscriptionMarkRepository;
import dev.creditline.application.testing.InMemoryUserRepository;
import dev.creditline.application.testing.MutableClock;
import dev.creditline.application.testing.TestUsers;
import dev.creditline.domain.billing.BillingNotConfiguredException;
import dev.creditline.domain.ledger.LedgerEntry;
import dev.creditline.domain.ledger.LedgerReason;
import dev.creditline.domain.ledger.LedgerRef;
import dev.creditline.domain.plan.PlanCatalog;
import dev.creditline.domain.user.User;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link BillingWebhookService} over the in-memory billing ports: the inbox takes each event once,
 * a paid pack is granted once whichever event says so, problems are recorded on the event, and a
 * refund that arrives before its purchase is applied when the purchase is.
 */
class BillingWebhookServiceTest {

    private static final Instant NOW = TestUsers.T0;

    private final InMemoryDatabase db = new InMemoryDatabase();
    private final InMemoryUserRepository users = new InMemoryUserRepository(db);
    private final InMemoryLedgerRepository ledger = new InMemoryLedgerRepository(db);
    private final InMemoryBillingEventInbox inbox = new InMemoryBillingEventInbox(db);
    private final InMemoryCheckoutAttemptRepository attempts = new InMemoryCheckoutAttemptRepository(db);
    private final InMemoryPaidGrantRepository grants = new InMemoryPaidGrantRepository(db);
    private final FakeVerifier verifier = new FakeVerifier();
    private final AtomicInteger wakes = new AtomicInteger();
    private final BillingWebhookService webhook = new BillingWebhookService(db,
            new InMemoryBillingAccountRepository(db), attempts, grants, new InMemoryDisputeRepository(db),
            new InMemorySubscriptionMarkRepository(db), inbox, ledger, PlanCatalog.defaults("price_pro"),
            Optional.of(verifier), Optional.empty(), new MutableClock(NOW), new NoIntents(), wakes::incrementAndGet);
    private final User user = TestUsers.stored(users);

    /** Stands in for the Stripe adapter: the body is the event id, the events are given by the test. */
    private static final class FakeVerifier implements BillingEventVerifier {
        final Map<String, BillingEvent> byId = new HashMap<>();
        final Map<String, RuntimeException> refusals = new HashMap<>();

        BillingEvent add(BillingEvent e) {
            byId.put(e.eventId(), e);
            return e;
        }

        @Override
        public BillingEvent verify(byte[] rawBody, String signatureHeader) {
            String id = new String(rawBody, StandardCharsets.UTF_8);
            if (refusals.containsKey(id)) {
                throw refusals.get(id);
            }
            return byId.get(id);
        }

        @Override
        public BillingEvent parseVerified(String verifiedPayload) {
            return byId.get(verifiedPayload.substring("payload of ".length()));
        }
    }

    /** The webhook records no Stripe intents for pack payments and refunds. */
    private static final class NoIntents implements StripeIntentRepository {
        @Override
        public boolean insert(StripeIntent intent, Instant dueAt) {
            throw new AssertionError("no Stripe call expected");
        }

        @Override
        public Optional<StripeIntent> claimDue(Instant now, Instant leaseUntil) {
            return Optional.empty();
        }

        @Override
        public void markDone(UUID id, Instant now) {
        }

        @Override
        public void retryAt(UUID id, Instant nextAttemptAt, String error) {
        }

        @Override
        public void markFailed(UUID id, String error, Instant now) {
        }

        @Override
        public long pending() {
            return 0;
        }
    }

    private WebhookOutcome deliver(BillingEvent e) {
        verifier.add(e);
        return webhook.handle(e.eventId().getBytes(StandardCharsets.UTF_8), "t=1,v1=x");
    }

    private BillingEvent.CheckoutSessionCompleted packPaid(String eventId, String session,
                                                           CheckoutPaymentStatus paymentStatus,
                                                           UUID userId, String pi) {
        return new BillingEvent.CheckoutSessionCompleted(eventId, "checkout.session.completed", NOW,
                "payload of " + eventId, session, CheckoutMode.PAYMENT, paymentStatus, userId.toString(), "cus_1", null, pi,
                1000L, Map.of("credits", "100", "pack_id", "small"));
    }

    private long balance() {
        return users.findById(user.id()).orElseThrow().creditsBalance();
    }

    @Test
    void a_paid_pack_is_granted_once_and_its_attempt_completed() {
        CheckoutAttempt attempt = new CheckoutAttempt(UUID.randomUUID(), user.id(), CheckoutAttempt.PACK, "small",
                "creating", null, null, null, NOW);
        attempts.insertAttempt(attempt);
        attempts.attemptOpened(attempt.id(), "cs_1", "https://checkout/cs_1", NOW.plusSeconds(3600), NOW);

        WebhookOutcome first = deliver(packPaid("evt_1", "cs_1", CheckoutPaymentStatus.PAID, user.id(), "pi_1"));
        WebhookOutcome again = deliver(packPaid("evt_1", "cs_1", CheckoutPaymentStatus.PAID, user.id(), "pi_1"));
        WebhookOutcome async = deliver(new BillingEvent.CheckoutSessionAsyncPaymentSucceeded("evt_2",
                "checkout.session.async_payment_succeeded", NOW, "payload of evt_2", "cs_1", CheckoutMode.PAYMENT, CheckoutPaymentStatus.PAID,
                user.id().toString(), "cus_1", null, "pi_1", 1000L, Map.of("credits", "100")));

        assertThat(first).isEqualTo(new WebhookOutcome("evt_1", "checkout.session.completed", false, "applied", null));
        assertThat(again.duplicate()).isTrue();
        assertThat(async.outcome()).isEqualTo("ignored");
        assertThat(balance()).isEqualTo(100);
        assertThat(ledger.entries(user.id())).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(LedgerReason.PURCHASE);
            assertThat(e.ref()).isEqualTo(new LedgerRef("stripe_checkout_session", "cs_1"));
        });
        assertThat(attempts.attemptBySession("cs_1")).map(CheckoutAttempt::status).contains("complete");
        assertThat(grants.lockGrant(PaidGrant.Kind.PACK, "cs_1")).map(PaidGrant::amountPaid).contains(1000L);
        assertThat(wakes).hasValue(1);
    }

    @Test
    void an_unpaid_checkout_waits_for_its_payment() {
        WebhookOutcome unpaid = deliver(packPaid("evt_1", "cs_1", CheckoutPaymentStatus.UNPAID, user.id(), "pi_1"));

        assertThat(unpaid.outcome()).isEqualTo("ignored");
        assertThat(balance()).isZero();
    }

    @Test
    void an_event_for_an_unknown_user_is_recorded_as_a_problem_and_changes_nothing() {
        UUID nobody = UUID.randomUUID();

        WebhookOutcome outcome = deliver(packPaid("evt_1", "cs_1", CheckoutPaymentStatus.PAID, nobody, "pi_1"));

        assertThat(outcome).isEqualTo(new WebhookOutcome("evt_1", "checkout.session.completed", false, "problem",
                "UNKNOWN_USER"));
        assertThat(webhook.billingEvents(true, 10, 0).items()).extracting(StoredBillingEvent::eventId)
                .containsExactly("evt_1");
        assertThat(grants.lockGrant(PaidGrant.Kind.PACK, "cs_1")).isEmpty();
    }

    @Test
    void a_malformed_event_is_recorded_once_as_a_problem() {
        verifier.refusals.put("evt_bad", new MalformedEventException("data.object is not an object", "evt_bad",
                "invoice.paid", NOW, "{}"));

        WebhookOutcome first = webhook.handle("evt_bad".getBytes(StandardCharsets.UTF_8), "sig");
        WebhookOutcome retry = webhook.handle("evt_bad".getBytes(StandardCharsets.UTF_8), "sig");

        assertThat(first).isEqualTo(new WebhookOutcome("evt_bad", "invoice.paid", false, "problem",
                MalformedEventException.CODE));
        assertThat(retry.duplicate()).isTrue();
        assertThat(inbox.events(true, 10, 0)).singleElement()
                .extracting(StoredBillingEvent::problem).isEqualTo("data.object is not an object");
    }

    @Test
    void a_refund_claws_back_its_share_of_the_credits_once() {
        deliver(packPaid("evt_1", "cs_1", CheckoutPaymentStatus.PAID, user.id(), "pi_1"));
        ledger.append(LedgerAppend.of(user.id(), 50, LedgerReason.ADMIN_ADJUSTMENT, LedgerRef.manual("gift"), NOW));

        BillingEvent.ChargeRefunded refund = new BillingEvent.ChargeRefunded("evt_2", "charge.refunded", NOW,
                "payload of evt_2", "ch_1", "pi_1", 1000L, 250L, List.of(new BillingEvent.Refund("re_1", 250L)),
                Map.of());
        assertThat(deliver(refund).outcome()).isEqualTo("applied");
        assertThat(deliver(new BillingEvent.ChargeRefunded("evt_3", "charge.refunded", NOW, "payload of evt_3", "ch_1",
                "pi_1", 1000L, 250L, List.of(new BillingEvent.Refund("re_1", 250L)), Map.of())).outcome())
                .isEqualTo("ignored");

        assertThat(balance()).isEqualTo(125);
        assertThat(grants.lockGrant(PaidGrant.Kind.PACK, "cs_1")).hasValueSatisfying(g -> {
            assertThat(g.refundedAmountApplied()).isEqualTo(250);
            assertThat(g.creditsClawedBack()).isEqualTo(25);
        });
    }

    @Test
    void a_refund_that_arrives_before_its_purchase_is_applied_with_the_grant() {
        BillingEvent.ChargeRefunded refund = new BillingEvent.ChargeRefunded("evt_r", "charge.refunded", NOW,
                "payload of evt_r", "ch_1", "pi_1", 1000L, 1000L, List.of(new BillingEvent.Refund("re_1", 1000L)),
                Map.of());

        assertThat(deliver(refund).outcome()).isEqualTo("applied");
        assertThat(balance()).isZero();
        deliver(packPaid("evt_p", "cs_1", CheckoutPaymentStatus.PAID, user.id(), "pi_1"));

        assertThat(balance()).isZero();
        assertThat(ledger.entries(user.id())).extracting(LedgerEntry::delta).containsExactly(100L, -100L);
        assertThat(grants.takeEarlyRefunds("pi_1", "ch_1", null)).isEmpty();
    }

    @Test
    void without_a_webhook_secret_nothing_is_read_or_written() {
        BillingWebhookService unconfigured = new BillingWebhookService(db, new InMemoryBillingAccountRepository(db),
                attempts, grants, new InMemoryDisputeRepository(db), new InMemorySubscriptionMarkRepository(db), inbox,
                ledger, PlanCatalog.defaults("price_pro"), Optional.empty(), Optional.empty(), new MutableClock(NOW),
                new NoIntents(), () -> { });
        int before = db.transactions();

        assertThatThrownBy(() -> unconfigured.handle(new byte[0], null))
                .isInstanceOf(BillingNotConfiguredException.class);
        assertThat(db.transactions()).isEqualTo(before);
    }
}
