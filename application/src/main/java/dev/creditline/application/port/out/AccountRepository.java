package dev.creditline.application.port.out;

import dev.creditline.domain.user.LinkedAccount;
import java.util.List;
import java.util.UUID;

/** Stores linked provider accounts (table {@code accounts}). */
public interface AccountRepository {

    /** @return false when {@code (provider, providerAccountId)} is already linked */
    boolean insert(LinkedAccount account);

    /** Removes the link if present. */
    void delete(String provider, String providerAccountId);

    /** The user's linked accounts, oldest first. */
    List<LinkedAccount> findByUser(UUID userId);
}
