package io.cms.common.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

class TimestampsTest {

    @Test
    void yearsOneTo9999AreStorableAndOthersAreTheFieldsFault() {
        OffsetDateTime first = OffsetDateTime.parse("0001-01-01T00:00:00Z");
        OffsetDateTime last = OffsetDateTime.parse("9999-12-31T23:59:59Z");
        assertEquals(first, Timestamps.storable("from", first));
        assertEquals(last, Timestamps.storable("from", last));
        assertNull(Timestamps.storable("from", null));
        ProblemException far = assertThrows(ProblemException.class,
                () -> Timestamps.storable("to", OffsetDateTime.parse("+10000-01-01T00:00:00Z")));
        assertEquals("to", far.errors().get(0).field());
        assertThrows(ProblemException.class, () -> Timestamps.storable("to", OffsetDateTime.parse("-0001-12-31T00:00:00Z")));
    }
}
