package io.cms.common.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CallersTest {

    private final Callers callers = new Callers(" the-bootstrap-token ", null, null, null, null);

    @Test
    void onlyTheBootstrapTokenItselfIsTheServicesOwnCall() {
        assertTrue(callers.isBootstrap("Bearer the-bootstrap-token"));
        assertTrue(callers.isBootstrap("bearer  the-bootstrap-token "), "scheme case and spaces as Callers.of reads them");
        assertFalse(callers.isBootstrap("Bearer the-bootstrap-toke"));
        assertFalse(callers.isBootstrap("Bearer the-bootstrap-token2"));
        assertFalse(callers.isBootstrap("Basic the-bootstrap-token"));
        assertFalse(callers.isBootstrap("Bearer "));
        assertFalse(callers.isBootstrap("the-bootstrap-token"));
        assertFalse(callers.isBootstrap(null));
    }
}
