package io.cms.common.messaging;

/**
 * A named daemon thread that runs a service's loop (a feed, the outbox relay) until the service
 * stops. Stopping lets the work in hand finish for a grace period and interrupts only a loop that
 * is still stuck after it (waiting out an outage).
 */
public final class BackgroundLoop {

    private final String name;
    private final Runnable body;
    private volatile boolean running;
    private Thread thread;

    public BackgroundLoop(String name, Runnable body) {
        this.name = name;
        this.body = body;
    }

    public synchronized void start() {
        running = true;
        thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** False once {@link #stop} was called: the body should return. */
    public boolean running() {
        return running;
    }

    /** @param wake makes the body notice at once (e.g. {@code consumer.wakeup()}); may be a no-op */
    public void stop(long graceMillis, Runnable wake) throws InterruptedException {
        running = false;
        wake.run();
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.join(graceMillis);
            if (t.isAlive()) {
                t.interrupt();
                t.join(2000);
            }
        }
    }

    /** Sleeps between attempts; an interrupt stops the loop. */
    public void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
