package io.cms.common.waiting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.cms.common.rest.ProblemException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WaitRoomTest {

    private final WaitRoom room = new WaitRoom("test", 5, 2);

    @AfterEach
    void close() {
        room.close();
    }

    @Test
    void aWaiterIsAnsweredWhenItsKeyIsWokenAndTheConditionHolds() throws Exception {
        AtomicLong version = new AtomicLong(1);
        CompletableFuture<Boolean> f = room.await("post", "a", 5_000, () -> version.get() >= 2);
        assertFalse(f.isDone());
        room.wake("post");
        assertFalse(f.isDone(), "woken, but the version is not there yet");
        version.set(2);
        room.wake("other");
        assertFalse(f.isDone(), "another key's wake does not check it");
        room.wake("post");
        assertTrue(f.get(1, TimeUnit.SECONDS));
        assertEquals(0, room.waiting());
    }

    @Test
    void anAlreadyVisibleVersionNeedsNoPlace() throws Exception {
        assertTrue(room.await("post", "a", 5_000, () -> true).get());
        assertEquals(0, room.waiting());
    }

    @Test
    void theTimeOutAnswersFalseAndFreesThePlace() throws Exception {
        long start = System.nanoTime();
        assertFalse(room.await("post", "a", 100, () -> false).get(2, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - start >= 90_000_000L);
        assertEquals(0, room.waiting());
        assertEquals(java.util.Set.of(), room.waitedKeys());
    }

    @Test
    void oneClientGetsAt429AtItsCapAndTheRoomA503WhenFull() {
        room.await("k1", "a", 5_000, () -> false);
        room.await("k2", "a", 5_000, () -> false);
        ProblemException perClient = assertThrows(ProblemException.class, () -> room.await("k3", "a", 5_000, () -> false));
        assertEquals(429, perClient.status());
        assertEquals(1, perClient.retryAfterSeconds());
        room.await("k3", "b", 5_000, () -> false);
        room.await("k4", "b", 5_000, () -> false);
        room.await("k5", "c", 5_000, () -> false);
        ProblemException full = assertThrows(ProblemException.class, () -> room.await("k6", "d", 5_000, () -> false));
        assertEquals(503, full.status());
        assertEquals(5, room.waiting());
    }

    @Test
    void placesComeBackWhenWaitsEnd() throws Exception {
        List<CompletableFuture<Boolean>> waits = new ArrayList<>();
        AtomicLong version = new AtomicLong();
        for (int round = 0; round < 50; round++) {
            waits.add(room.await("k", "a", 5_000, () -> version.get() > 0));
            waits.add(room.await("k", "a", 5_000, () -> version.get() > 0));
            version.set(1);
            room.wakeAll();
            version.set(0);
        }
        for (CompletableFuture<Boolean> w : waits) {
            assertTrue(w.get(1, TimeUnit.SECONDS));
        }
        assertEquals(0, room.waiting());
        room.await("k", "a", 5_000, () -> false);
        room.await("k", "a", 5_000, () -> false);
    }
}
