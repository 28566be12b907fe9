package dev.creditline.application.service;

import dev.creditline.application.port.in.DefaultPackCheckoutUseCase;
import dev.creditline.application.port.in.analytics.CreditViewsUseCase;
import dev.creditline.domain.ledger.LedgerPage;
import dev.creditline.application.port.out.analytics.CreditViewRepository;
import dev.creditline.domain.analytics.CreditTotals;
import dev.creditline.domain.ValidationException;
import dev.creditline.domain.user.User;
import dev.creditline.domain.user.UserNotFoundException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Credit views over our own ledger and holds, and the billing links (analytics.md "Credits
 * views"). Credit purchase is enabled only when Stripe is configured.
 */
public final class CreditViewService implements CreditViewsUseCase {

    /** Largest page. */
    public static final int MAX_PAGE_SIZE = 100;

    private final CreditViewRepository views;
    private final DefaultPackCheckoutUseCase checkout;
    private final boolean stripeConfigured;
    private final Optional<String> paymentLinkUrl;
    private final Optional<String> profileLinkUrl;

    /**
     * @param stripeConfigured {@code STRIPE_SECRET_KEY} is set
     * @param paymentLinkUrl   {@code PAYMENT_LINK_URL}
     * @param profileLinkUrl   {@code PROFILE_LINK_URL}
     */
    public CreditViewService(CreditViewRepository views, DefaultPackCheckoutUseCase checkout,
                             boolean stripeConfigured, Optional<String> paymentLinkUrl,
                             Optional<String> profileLinkUrl) {
        this.views = views;
        this.checkout = checkout;
        this.stripeConfigured = stripeConfigured;
        this.paymentLinkUrl = paymentLinkUrl;
        this.profileLinkUrl = profileLinkUrl;
    }

    @Override
    public CreditTotals balance(UUID userId) {
        return views.totals(userId).orElseThrow(UserNotFoundException::new);
    }

    /** @throws ValidationException {@code page} &lt; 1, {@code pageSize} outside 1..100, {@code end} before {@code start} */
    @Override
    public LedgerPage entries(UUID userId, boolean grantsOnly, Optional<Instant> from, Optional<Instant> to,
                              int page, int pageSize) {
        if (page < 1) {
            throw new ValidationException("page", "must be at least 1");
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new ValidationException("pageSize", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
            throw new ValidationException("end", "must not be before start");
        }
        return views.entries(userId, grantsOnly, from, to, pageSize, (long) (page - 1) * pageSize);
    }

    @Override
    public Optional<String> paymentLink(UUID userId) {
        if (!stripeConfigured) {
            return Optional.empty();
        }
        return paymentLinkUrl.isPresent() ? paymentLinkUrl : checkout.checkoutUrl(userId);
    }

    @Override
    public boolean enableCredit() {
        return stripeConfigured;
    }

    @Override
    public UserInfo info(User user) {
        Optional<CreditTotals> totals = stripeConfigured ? Optional.of(balance(user.id())) : Optional.empty();
        return new UserInfo(user, totals, paymentLink(user.id()), stripeConfigured, profileLinkUrl);
    }
}
