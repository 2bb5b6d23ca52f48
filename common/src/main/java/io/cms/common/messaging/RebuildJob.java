package io.cms.common.messaging;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.jboss.logging.Logger;

/** A rebuild that runs in the background, one at a time, with a status an admin endpoint can show. */
public final class RebuildJob {

    private static final Logger LOG = Logger.getLogger(RebuildJob.class);

    /** {@code idle}, {@code running}, {@code done} or {@code failed}, with counts and times. */
    public record Status(String state, OffsetDateTime startedAt, OffsetDateTime finishedAt, long applied,
            long skipped, String error) {
    }

    /** The work of one rebuild; it reports progress through the job. */
    @FunctionalInterface
    public interface Work {
        void run(RebuildJob job) throws Exception;
    }

    private final String name;
    private final AtomicReference<Status> status = new AtomicReference<>(new Status("idle", null, null, 0, 0, null));

    public RebuildJob(String name) {
        this.name = name;
    }

    public Status status() {
        return status.get();
    }

    /** Starts the work unless a rebuild is running; returns the status either way. */
    public synchronized Status start(Work work) {
        if ("running".equals(status.get().state())) {
            return status.get();
        }
        status.set(new Status("running", now(), null, 0, 0, null));
        Thread t = new Thread(() -> {
            try {
                work.run(this);
                Status s = status.get();
                status.set(new Status("done", s.startedAt(), now(), s.applied(), s.skipped(), null));
                LOG.infof("%s done: %d events applied, %d skipped", name, s.applied(), s.skipped());
            } catch (Exception e) {
                LOG.errorf(e, "%s failed", name);
                Status s = status.get();
                status.set(new Status("failed", s.startedAt(), now(), s.applied(), s.skipped(), String.valueOf(e.getMessage())));
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return status.get();
    }

    public void progress(long applied, long skipped) {
        Status s = status.get();
        status.set(new Status("running", s.startedAt(), null, applied, skipped, null));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
