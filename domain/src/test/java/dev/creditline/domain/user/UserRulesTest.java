package dev.creditline.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditline.domain.ValidationException;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** domain.md "Users" and the Auth.js adapter contract. */
class UserRulesTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void email_is_required_and_must_look_like_an_address() {
        assertThatThrownBy(() -> new NewUser(null, null, null, null))
                .isInstanceOf(ValidationException.class)
                .extracting(e -> ((ValidationException) e).field()).isEqualTo("email");
        for (String bad : new String[] {"", "  ", "ada", "@example.com", "ada@", "a@b@c", "a da@example.com"}) {
            assertThatThrownBy(() -> new NewUser(bad, null, null, null)).as(bad).isInstanceOf(ValidationException.class);
        }
        assertThatThrownBy(() -> new NewUser("a".repeat(320) + "@x.io", null, null, null))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void email_is_stored_as_given_and_compared_lower_cased() {
        assertThat(new NewUser(" Ada@Example.com ", null, null, null).email()).isEqualTo("Ada@Example.com");
        assertThat(Emails.key("Ada@Example.COM")).isEqualTo(Emails.key("ada@example.com"));
    }

    @Test
    void an_explicit_null_clears_a_field_and_an_absent_field_is_kept() {
        User u = new User(UUID.randomUUID(), "a@b.c", "Ada", "img", T0, "free", 5, Role.USER, T0, T0,
                null, null, null, T0, T0);
        Instant later = T0.plusSeconds(60);
        User updated = new UserUpdate(FieldUpdate.set(null), FieldUpdate.keep(), FieldUpdate.set(later))
                .applyTo(u, later);
        assertThat(updated.name()).isNull();
        assertThat(updated.image()).isEqualTo("img");
        assertThat(updated.emailVerified()).isEqualTo(later);
        assertThat(updated.updatedAt()).isEqualTo(later);
        assertThat(updated.creditsBalance()).isEqualTo(5);
    }

    @Test
    void profile_text_is_bounded() {
        assertThatThrownBy(() -> new UserUpdate(FieldUpdate.set("x".repeat(2049)), FieldUpdate.keep(), FieldUpdate.keep()))
                .isInstanceOf(ValidationException.class).hasMessageStartingWith("name");
    }

    @Test
    void verification_tokens_are_stored_as_sha256_hex() {
        assertThat(VerificationToken.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void admins_and_owners_may_use_admin_endpoints() {
        assertThat(Role.USER.isAdmin()).isFalse();
        assertThat(Role.ADMIN.isAdmin()).isTrue();
        assertThat(Role.OWNER.isAdmin()).isTrue();
        assertThat(Role.fromWire("owner")).contains(Role.OWNER);
        assertThat(Role.fromWire("root")).isEmpty();
    }

    @Test
    void a_linked_account_needs_type_provider_and_provider_account_id() {
        assertThatThrownBy(() -> new LinkedAccount(null, UUID.randomUUID(), "oauth", "github", " ", null, null, null,
                null, null, null, null, null))
                .isInstanceOf(ValidationException.class)
                .extracting(e -> ((ValidationException) e).field()).isEqualTo("providerAccountId");
    }
}
