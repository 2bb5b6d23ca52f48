package io.cms.post.accounts;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cms.common.rest.ProblemException;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    @Test
    void anAccountRunsOutOfTriesWhateverTheAddress() {
        SignInThrottle throttle = new SignInThrottle(2, 0.001, 100, 0.001);
        throttle.failed("Writer@example.com", "10.0.0.1");
        throttle.failed("writer@example.com ", "10.0.0.2");
        ProblemException e = assertThrows(ProblemException.class, () -> throttle.check("WRITER@example.com", "10.0.0.3"));
        assertEquals(429, e.status());
        assertDoesNotThrow(() -> throttle.check("someone.else@example.com", "10.0.0.3"));
    }

    @Test
    void anAddressRunsOutOfTriesWhateverTheAccount() {
        SignInThrottle throttle = new SignInThrottle(100, 0.001, 3, 0.001);
        for (int i = 0; i < 3; i++) {
            throttle.failed("account" + i + "@example.com", "10.0.0.9");
        }
        ProblemException e = assertThrows(ProblemException.class, () -> throttle.check("fresh@example.com", "10.0.0.9"));
        assertEquals(429, e.status());
        assertDoesNotThrow(() -> throttle.check("fresh@example.com", "10.0.0.10"));
    }

    @Test
    void triesComeBackWithTime() throws InterruptedException {
        SignInThrottle throttle = new SignInThrottle(1, 20, 100, 20);
        throttle.failed("writer@example.com", "10.0.0.1");
        assertThrows(ProblemException.class, () -> throttle.check("writer@example.com", "10.0.0.1"));
        Thread.sleep(120);
        assertDoesNotThrow(() -> throttle.check("writer@example.com", "10.0.0.1"));
    }
}
