package io.cms.local;

/** A stand-in for a service in {@link ServiceProcessTest}: says it runs, and says goodbye when stopped. */
public final class StoppingApp {

    public static void main(String[] args) throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("stopped cleanly")));
        System.out.println("running");
        Thread.sleep(Long.MAX_VALUE);
    }
}
