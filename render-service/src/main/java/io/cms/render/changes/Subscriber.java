package io.cms.render.changes;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.cms.render.changes.ChangeLog.Change;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * One open change feed. It first catches up from the log after the client's last id while the live
 * changes offered meanwhile wait in a buffer; then it sends those (the ones past what it caught up
 * to) and every later change as it comes, so each change goes once and in order.
 */
final class Subscriber {

    /** Sends not yet written to the connection; past this the client is too slow and is closed (it resumes by id). */
    static final int MAX_PENDING = 10_000;
    /** Live changes held while catching up; past it they are dropped and read from the log instead. */
    static final int MAX_BUFFERED = 5_000;

    private final SseEventSink sink;
    private final Sse sse;
    final String client;
    private final AtomicInteger pending = new AtomicInteger();
    private long cursor;
    private boolean catchingUp = true;
    private final List<Change> buffered = new ArrayList<>();
    private boolean overflowed;
    private volatile boolean closed;

    Subscriber(SseEventSink sink, Sse sse, String client, long cursor) {
        this.sink = sink;
        this.sse = sse;
        this.client = client;
        this.cursor = cursor;
    }

    synchronized long cursor() {
        return cursor;
    }

    /** Changes read from the log while catching up, oldest first. */
    synchronized void caughtUp(List<Change> changes) {
        changes.forEach(this::send);
    }

    /**
     * Caught up with the log: the buffered live changes past the cursor go now, and later ones as
     * they come. False (and nothing sent) when the buffer overflowed meanwhile: those changes are in
     * the log, so the caller catches up again.
     */
    synchronized boolean live() {
        if (overflowed) {
            overflowed = false;
            buffered.clear();
            return false;
        }
        catchingUp = false;
        buffered.forEach(this::send);
        buffered.clear();
        return true;
    }

    /** Live changes, oldest first: buffered while catching up (up to a bound; past it, read again from the log). */
    synchronized void offer(List<Change> changes) {
        if (catchingUp) {
            if (!overflowed && buffered.size() + changes.size() > MAX_BUFFERED) {
                overflowed = true;
                buffered.clear();
            }
            if (!overflowed) {
                buffered.addAll(changes);
            }
            return;
        }
        changes.forEach(this::send);
    }

    /** The client's id is older than the oldest change kept: it must refetch what it holds. */
    synchronized void reset(long floor) {
        cursor = floor;
        write(sse.newEventBuilder().id(Long.toString(floor)).name("reset").mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(JsonNodeFactory.instance.objectNode().put("after", floor)
                        .put("reason", "changes after the id sent are no longer kept: fetch everything again").toString())
                .build());
    }

    void heartbeat() {
        write(sse.newEventBuilder().comment("heartbeat").build());
    }

    /** Waits until at most {@code most} sends are still on their way to the client (or it is gone). */
    void awaitDrained(int most) throws InterruptedException {
        while (pending.get() > most && !closed()) {
            Thread.sleep(10);
        }
    }

    boolean closed() {
        return closed || sink.isClosed();
    }

    void close() {
        if (!closed) {
            closed = true;
            sink.close();
        }
    }

    private void send(Change c) {
        if (c.id() <= cursor) {
            return;
        }
        cursor = c.id();
        write(sse.newEventBuilder().id(Long.toString(c.id())).name(c.kind()).mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(JsonNodeFactory.instance.objectNode().put("id", c.id()).put("type", c.kind())
                        .put(subject(c.kind()), c.postId().toString()).put("slug", c.slug()).put("version", c.version())
                        .put("at", c.at().toString()).toString())
                .build());
    }

    /** {@code postId}, or {@code tagId}/{@code authorId} for a change of a tag or an author. */
    private static String subject(String kind) {
        return kind.substring(0, kind.indexOf('.')) + "Id";
    }

    private void write(OutboundSseEvent event) {
        if (closed()) {
            return;
        }
        if (pending.incrementAndGet() > MAX_PENDING) {
            close();
            return;
        }
        sink.send(event).whenComplete((ok, failure) -> {
            pending.decrementAndGet();
            if (failure != null) {
                close();
            }
        });
    }
}
