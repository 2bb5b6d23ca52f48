package io.cms.post.accounts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The list of passwords people choose most (accounts/common-passwords.txt, 30 000 of them), which
 * NIST SP 800-63B asks a verifier to refuse. Loaded on first use: a service that never creates a user
 * never holds it.
 */
final class CommonPasswords {

    private static final String RESOURCE = "/accounts/common-passwords.txt";

    private CommonPasswords() {
    }

    /** Whether the password, or its letters without digits and symbols around them, is on the list. */
    static boolean contains(String password) {
        String lower = password.toLowerCase(Locale.ROOT);
        return Holder.LIST.contains(lower) || Holder.LIST.contains(core(lower));
    }

    /** "Password2024!" and "!!iloveyou123" are a listed password dressed up. */
    static String core(String lower) {
        int start = 0;
        int end = lower.length();
        while (start < end && !Character.isLetter(lower.charAt(start))) {
            start++;
        }
        while (end > start && !Character.isLetter(lower.charAt(end - 1))) {
            end--;
        }
        return lower.substring(start, end);
    }

    private static final class Holder {
        static final Set<String> LIST = load();
    }

    private static Set<String> load() {
        try (InputStream in = CommonPasswords.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the service");
            }
            Set<String> out = new HashSet<>(40_000);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line.strip().toLowerCase(Locale.ROOT));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
