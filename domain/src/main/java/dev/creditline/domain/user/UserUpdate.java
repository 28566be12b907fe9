package dev.creditline.domain.user;

import java.time.Instant;

/**
 * A partial update of a user's profile fields (api.md: adapter PUT /users/{id} and
 * PUT /api/users/me). Self-validating like {@link NewUser}.
 */
public record UserUpdate(FieldUpdate<String> name, FieldUpdate<String> image,
                         FieldUpdate<Instant> emailVerified) {

    public UserUpdate {
        if (name instanceof FieldUpdate.Set<String> s) {
            UserFields.checkText("name", s.value());
        }
        if (image instanceof FieldUpdate.Set<String> s) {
            UserFields.checkText("image", s.value());
        }
    }

    /** Applies this update to {@code user}, stamping {@code now} as {@code updatedAt}. */
    public User applyTo(User user, Instant now) {
        return new User(user.id(), user.email(), name.applyTo(user.name()), image.applyTo(user.image()),
                emailVerified.applyTo(user.emailVerified()), user.plan(), user.creditsBalance(), user.role(),
                user.signupBonusGrantedAt(), user.monthlyCreditsGrantedAt(), user.stripeCustomerId(),
                user.stripeSubscriptionId(), user.subscriptionStatus(), user.createdAt(), now);
    }
}
