package dev.creditline.application.port.in;

import dev.creditline.domain.user.LinkedAccount;

/** Links and unlinks provider accounts (Auth.js {@code linkAccount} / {@code unlinkAccount}). */
public interface LinkAccountUseCase {

    /**
     * @param account the account; its id and createdAt are assigned here
     * @return the stored account
     * @throws dev.creditline.domain.user.UserNotFoundException    when the user does not exist (404)
     * @throws dev.creditline.domain.user.DuplicateAccountException when already linked (409)
     */
    LinkedAccount link(LinkedAccount account);

    /** Removes the link; absent links are fine. */
    void unlink(String provider, String providerAccountId);
}
