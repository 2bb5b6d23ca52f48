package io.cms.common.messaging;

import java.util.concurrent.Callable;
import java.util.function.Predicate;

import org.jboss.logging.Logger;

/**
 * Runs the handling of one event until it succeeds. A failure that the event itself causes (a
 * poison: unreadable, unrenderable) is thrown at once, for the dead-letter topic; any other (the
 * database or the broker away) is waited out with backoff, so an outage never sends good events to
 * the dead-letter topic. The consumer stops taking events meanwhile, which is the point.
 */
public final class TransientRetry {

    private static final Logger LOG = Logger.getLogger(TransientRetry.class);
    private static final long FIRST_BACKOFF_MS = 100;
    private static final long MAX_BACKOFF_MS = 10_000;

    private TransientRetry() {
    }

    public static <T> T run(String what, Callable<T> work, Predicate<Throwable> poison) throws InterruptedException {
        long backoff = FIRST_BACKOFF_MS;
        while (true) {
            try {
                return work.call();
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                if (poison.test(e)) {
                    throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
                }
                LOG.warnf("%s failed (%s); retrying in %d ms", what, e, backoff);
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
            }
        }
    }
}
