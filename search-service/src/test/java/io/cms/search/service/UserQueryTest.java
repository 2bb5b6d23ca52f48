package io.cms.search.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class UserQueryTest {

    @Test
    void wordsPhrasesExclusionsAndOr() {
        assertEquals(List.of(new UserQuery.Term("a", false, false, 1), new UserQuery.Term("b c", true, false, 2),
                new UserQuery.Term("d", false, true, 3), new UserQuery.Term("e", false, false, 4),
                new UserQuery.Term("f", false, false, 4)), UserQuery.parse("a \"b c\" -d e OR f"));
        assertEquals(List.of(new UserQuery.Term("日本語 検索", true, false, 1)), UserQuery.parse("「日本語 検索」"));
    }

    @Test
    void malformedInputIsReadLeniently() {
        assertEquals(List.of(new UserQuery.Term("open phrase", true, false, 1)), UserQuery.parse("\"open phrase"));
        assertEquals(List.of(), UserQuery.parse("OR - \"\" ((("));
        assertEquals(List.of(new UserQuery.Term("a", false, false, 1), new UserQuery.Term("b", false, false, 2)),
                UserQuery.parse("a\u0000b OR"));
        assertThrows(UserQuery.Invalid.class, () -> UserQuery.parse("x".repeat(501)));
        assertThrows(UserQuery.Invalid.class, () -> UserQuery.parse("a ".repeat(40)));
    }
}
