package io.cms.post.accounts;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cms.common.rest.ProblemException;
import org.junit.jupiter.api.Test;

class PasswordsTest {

    @Test
    void hashesVerifyTheirPasswordOnlyAndDiffer() {
        String first = Passwords.hash("correct horse battery staple");
        String second = Passwords.hash("correct horse battery staple");
        assertTrue(first.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), first);
        assertNotEquals(first, second, "a salt of its own");
        assertTrue(Passwords.verify("correct horse battery staple", first));
        assertFalse(Passwords.verify("correct horse battery stapler", first));
        assertFalse(Passwords.verify("correct horse battery staple", null), "no account: false, after the same work");
    }

    @Test
    void normalisedBeforeHashingSoAnyKeyboardGetsIn() {
        String stored = Passwords.hash("ｃｏｒｒｅｃｔ　ｈｏｒｓｅ　ｂａｔｔｅｒｙ"); // full-width, as a Japanese IME may type it
        assertTrue(Passwords.verify("correct horse battery", stored));
    }

    @Test
    void policyFollowsNist() {
        assertDoesNotThrow(() -> Passwords.checkPolicy("password", "correct horse battery staple", "a@example.com", "A"));
        assertDoesNotThrow(() -> Passwords.checkPolicy("password", "吾輩は猫である名前はまだ無い", "a@example.com", "A"),
                "twelve Japanese characters are twelve characters");
        for (String weak : new String[] {"elevenchars", "qwerty123456", "Password2024!", "zzzzzzzzzzzzzz", "123456789012",
                "jane.doe rocks!", "Jane Doe forever"}) {
            assertThrows(ProblemException.class, () -> Passwords.checkPolicy("password", weak, "jane.doe@example.com", "Jane Doe"),
                    weak);
        }
    }
}
