package io.cms.render.changes;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.cms.common.rest.ProblemException;
import io.cms.render.changes.ChangeLog.Change;
import io.cms.render.service.RenderChanged;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The open change feeds of this replica. One timer reads the log's new rows (every 250 ms, and at
 * once when this replica stores a render) and offers them to every feed; a new feed catches up from
 * the log on its own first. Bounded: connections in all and per client address, a heartbeat that
 * also finds dead connections, slow readers closed; the log is pruned after {@code keep}.
 */
@ApplicationScoped
public class ChangeFeed {

    private static final Logger LOG = Logger.getLogger(ChangeFeed.class);
    static final int BATCH = 500;

    private final ChangeLog log;
    private final int maxConnections;
    private final int maxPerClient;
    private final Duration heartbeat;
    private final Duration keep;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> perClient = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;
    private long head;

    ChangeFeed(ChangeLog log, @ConfigProperty(name = "cms.changes.max-connections") int maxConnections,
            @ConfigProperty(name = "cms.changes.max-per-client") int maxPerClient,
            @ConfigProperty(name = "cms.changes.heartbeat") Duration heartbeat,
            @ConfigProperty(name = "cms.changes.keep") Duration keep) {
        this.log = log;
        this.maxConnections = maxConnections;
        this.maxPerClient = maxPerClient;
        this.heartbeat = heartbeat;
        this.keep = keep;
    }

    void start(@Observes StartupEvent started) throws SQLException {
        head = log.head();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "change-feed");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::poll, 250, 250, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::beat, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::prune, 1, 60, TimeUnit.MINUTES);
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer != null) {
            timer.shutdownNow();
        }
        subscribers.forEach(Subscriber::close);
    }

    /** A render stored here: read the log now rather than at the next tick. */
    void stored(@Observes RenderChanged changed) {
        if (timer != null && !timer.isShutdown()) {
            timer.execute(this::poll);
        }
    }

    /**
     * Opens a feed that starts after {@code lastEventId} (null: from now on).
     *
     * @throws ProblemException 503 when this replica has its maximum of feeds, 429 when the client has its own
     */
    public void open(SseEventSink sink, Sse sse, String client, Long lastEventId, java.util.concurrent.Executor worker)
            throws SQLException {
        if (subscribers.size() >= maxConnections) {
            throw new ProblemException(ProblemException.Kind.UNAVAILABLE, "This replica serves " + maxConnections
                    + " change feeds already; try again shortly").retryAfter(5);
        }
        // Counted inside the map's own atomic step: a count taken out and changed beside a release
        // that removes it from the map would be lost, and let a client open more than its share.
        boolean[] full = {false};
        perClient.compute(client, (c, n) -> {
            int open = n == null ? 0 : n;
            full[0] = open >= maxPerClient;
            return full[0] ? n : Integer.valueOf(open + 1);
        });
        if (full[0]) {
            throw new ProblemException(ProblemException.Kind.RATE_LIMITED, "At most " + maxPerClient
                    + " change feeds per client address").retryAfter(5);
        }
        long floor;
        Subscriber s;
        try {
            floor = log.floor();
            s = new Subscriber(sink, sse, client, lastEventId == null ? log.head() : lastEventId);
        } catch (SQLException | RuntimeException e) {
            release(client);
            throw e;
        }
        subscribers.add(s);
        worker.execute(() -> catchUp(s, lastEventId != null && lastEventId < floor, floor));
    }

    private void catchUp(Subscriber s, boolean reset, long floor) {
        try {
            if (reset) {
                s.reset(floor);
            }
            do {
                List<Change> batch;
                do {
                    // A long way behind: a batch at a time, each once the connection has taken the one before.
                    s.awaitDrained(BATCH);
                    batch = log.after(s.cursor(), BATCH);
                    s.caughtUp(batch);
                } while (!batch.isEmpty() && !s.closed());
            } while (!s.closed() && !s.live());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            s.close();
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("A change feed could not catch up and is closed: %s", e.getMessage());
            s.close();
        }
    }

    private void poll() {
        try {
            List<Change> batch;
            do {
                batch = log.after(head, BATCH);
                if (!batch.isEmpty()) {
                    head = batch.get(batch.size() - 1).id();
                    for (Subscriber s : subscribers) {
                        s.offer(batch);
                    }
                }
            } while (batch.size() == BATCH);
            forgetClosed();
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Reading the change log failed; the next tick tries again: %s", e.getMessage());
        }
    }

    private void beat() {
        subscribers.forEach(Subscriber::heartbeat);
        forgetClosed();
    }

    private void forgetClosed() {
        for (Subscriber s : subscribers) {
            if (s.closed() && subscribers.remove(s)) {
                release(s.client);
            }
        }
    }

    private void release(String client) {
        perClient.computeIfPresent(client, (c, n) -> n <= 1 ? null : n - 1);
    }

    private void prune() {
        try {
            int gone = log.prune(keep);
            if (gone > 0) {
                LOG.infof("Pruned %d changes older than %s from the change feed", gone, keep);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Pruning the change log failed: %s", e.getMessage());
        }
    }

    /** Feeds open on this replica (a gauge, and the tests' probe). */
    public int open() {
        return subscribers.size();
    }
}
