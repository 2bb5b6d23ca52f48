package io.cms.post.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.cms.common.auth.Role;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

/** The provider settings are checked before the service starts, and roles are read the way providers write them. */
class OidcSettingsTest {

    private static OidcSettings settings(String issuer, String clientId, String roles, boolean localPasswords) {
        return OidcSettings.of(Optional.ofNullable(issuer), Optional.ofNullable(clientId), "roles", Optional.ofNullable(roles),
                "email", "name", localPasswords);
    }

    @Test
    void offWithoutAnIssuer() {
        assertFalse(settings(null, null, null, true).enabled());
        assertFalse(settings("  ", null, null, true).enabled());
        assertThrows(IllegalArgumentException.class, () -> settings(null, null, null, false), "nobody could sign in");
    }

    @Test
    void aWrongSettingIsNamed() {
        assertMessage("cms.oidc.client-id", () -> settings("https://id.example.com/realms/cms", null, "a=admin", true));
        assertMessage("https", () -> settings("http://id.example.com", "cms", "a=admin", true));
        assertMessage("cms.oidc.roles", () -> settings("https://id.example.com", "cms", "", true));
        assertMessage("cms.oidc.roles", () -> settings("https://id.example.com", "cms", "cms-owners=owner", true));
        assertMessage("cms.oidc.roles", () -> settings("https://id.example.com", "cms", "cms-admins", true));
        assertMessage("cms.oidc.roles", () -> settings("https://id.example.com", "cms", "x=superuser", true));
    }

    @Test
    void theHighestMappedRoleWins() {
        OidcSettings s = settings("https://id.example.com", "cms", "writers=author, editors=editor,admins=admin", false);
        assertTrue(s.enabled());
        assertFalse(s.localPasswords());
        assertEquals(Optional.of(Role.EDITOR), s.roleOf(List.of("writers", "editors", "unrelated")));
        assertEquals(Optional.of(Role.ADMIN), s.roleOf(List.of("admins", "writers")));
        assertEquals(Optional.empty(), s.roleOf(List.of("readers")));
    }

    @Test
    void rolesAreReadFromNestedClaimsListsAndStrings() {
        JwtClaims claims = new JwtClaims();
        claims.setClaim("realm_access", Map.of("roles", List.of("a", "b")));
        claims.setClaim("scope", "openid cms-admin");
        assertEquals(List.of("a", "b"), OidcSignIn.strings(OidcSignIn.claim(claims, "realm_access.roles")));
        assertEquals(List.of("openid", "cms-admin"), OidcSignIn.strings(OidcSignIn.claim(claims, "scope")));
        assertEquals(List.of(), OidcSignIn.strings(OidcSignIn.claim(claims, "realm_access.missing.deeper")));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable run) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, run);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
