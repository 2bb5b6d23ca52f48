package io.cms.post.accounts;

import java.util.Locale;

import io.cms.common.limits.RateLimiter;
import io.cms.common.rest.ProblemException;
import io.cms.common.rest.ProblemException.Kind;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Slows password guessing per account and per client address: wrong passwords use up a bucket, and
 * an empty bucket answers 429 before the password is even checked. Buckets refill, so an attacker
 * who keeps guessing keeps an account slow, never locked: its owner gets in after the window.
 */
@ApplicationScoped
public class SignInThrottle {

    private final RateLimiter accounts;
    private final RateLimiter clients;

    SignInThrottle(@ConfigProperty(name = "cms.sign-in.account.burst", defaultValue = "5") double accountBurst,
            @ConfigProperty(name = "cms.sign-in.account.per-second", defaultValue = "0.0167") double accountRate,
            @ConfigProperty(name = "cms.sign-in.client.burst", defaultValue = "20") double clientBurst,
            @ConfigProperty(name = "cms.sign-in.client.per-second", defaultValue = "0.05") double clientRate) {
        this.accounts = new RateLimiter("sign-in-account", accountBurst, accountRate);
        this.clients = new RateLimiter("sign-in-client", clientBurst, clientRate);
    }

    /** @throws ProblemException 429 while the account or the address has no tries left */
    public void check(String email, String client) {
        String account = key(email);
        if (accounts.exhausted(account) || clients.exhausted(client)) {
            long wait = Math.max(accounts.exhausted(account) ? accounts.take(account).retryAfterSeconds() : 1,
                    clients.exhausted(client) ? clients.take(client).retryAfterSeconds() : 1);
            throw new ProblemException(Kind.RATE_LIMITED, "Too many wrong passwords for this account or from this address;"
                    + " try again in " + wait + " s").retryAfter((int) wait);
        }
    }

    public void failed(String email, String client) {
        accounts.take(key(email));
        clients.take(client);
    }

    /** For sign-ins that name no account here (an ID token): the client's limit only. */
    public void checkClient(String client) {
        if (clients.exhausted(client)) {
            long wait = clients.take(client).retryAfterSeconds();
            throw new ProblemException(Kind.RATE_LIMITED, "Too many failed sign-ins from this address; try again in " + wait
                    + " s").retryAfter((int) wait);
        }
    }

    public void failedClient(String client) {
        clients.take(client);
    }

    private static String key(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }
}
