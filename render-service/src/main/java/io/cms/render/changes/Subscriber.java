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

    private final SseEventSink sink;
    private final Sse sse;
    final String client;
    private final AtomicInteger pending = new AtomicInteger();
    private long cursor;
    private boolean catchingUp = true;
    private final List<Change> buffered = new ArrayList<>();
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

    /** Caught up: the buffered live changes past the cursor go now, and later ones as they come. */
    synchronized void live() {
        catchingUp = false;
        buffered.forEach(this::send);
        buffered.clear();
    }

    /** Live changes, oldest first: buffered while catching up. */
    synchronized void offer(List<Change> changes) {
        if (catchingUp) {
            buffered.addAll(changes);
            if (buffered.size() > MAX_PENDING) {
                close();
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
                        .put("postId", c.postId().toString()).put("slug", c.slug()).put("version", c.version())
                        .put("at", c.at().toString()).toString())
                .build());
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
