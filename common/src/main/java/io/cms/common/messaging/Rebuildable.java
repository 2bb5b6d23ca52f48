package io.cms.common.messaging;

import java.util.Map;

/**
 * Derived data a service rebuilds from the beginning of {@code cms.posts} in the background (render
 * views, the search index), one rebuild at a time, with a status the admin endpoint shows
 * ({@link io.cms.common.rest.RebuildEndpoint}). A service says how to begin, how to apply one event
 * and how to finish; reading, counting and the status are here. Subclasses are {@code @Singleton}
 * beans: a client proxy would need a no-args constructor this class does not have.
 */
public abstract class Rebuildable {

    /** Applies one event of the replay. */
    @FunctionalInterface
    protected interface Apply {
        void apply(PostChangedEvent event) throws Exception;
    }

    private static final PostEventReader<PostChangedEvent> READER = new PostEventReader<>(PostChangedEvent.class);

    private final RebuildJob job;
    private final String clientId;

    protected Rebuildable(String name) {
        this.job = new RebuildJob(name);
        this.clientId = name;
    }

    /** Starts a rebuild unless one is running; the status either way. */
    public RebuildJob.Status start() {
        return job.start(this::run);
    }

    public RebuildJob.Status status() {
        return job.status();
    }

    /** The whole rebuild; most call {@link #replay} once between their own beginning and end. */
    protected abstract void run(RebuildJob progress) throws Exception;

    /**
     * Replays {@code topic} from its beginning to the end offsets seen at the start, applying every
     * event; events that cannot be read (dead-lettered by the live consumer already) are counted as
     * skipped, as are events {@code apply} refuses with an unchecked exception when
     * {@code skipFailures}. Returns the end offsets, by partition.
     */
    protected Map<Integer, Long> replay(String bootstrapServers, String topic, RebuildJob progress, boolean skipFailures,
            Apply apply) {
        long[] applied = {0};
        long[] skipped = {0};
        Map<Integer, Long> end = TopicReplay.replay(bootstrapServers, topic, clientId, record -> {
            try {
                apply.apply(READER.read(record));
                applied[0]++;
            } catch (PostEventReader.PoisonEvent e) {
                skipped[0]++;
            } catch (RuntimeException e) {
                if (!skipFailures) {
                    throw e;
                }
                skipped[0]++;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, n -> progress.progress(applied[0], skipped[0]));
        progress.progress(applied[0], skipped[0]);
        return end;
    }
}
