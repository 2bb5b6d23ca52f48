package io.cms.post.accounts;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.cms.common.auth.Role;

/**
 * How staff sign in through an external OpenID Connect provider (Keycloak, Entra ID, Google…),
 * checked in full at start-up so a wrong setting stops the service with a clear message rather
 * than refusing sign-ins later. Off when no issuer is set.
 *
 * @param issuer the provider's issuer URL (its discovery document is issuer + /.well-known/openid-configuration)
 * @param clientId the CMS's client id at the provider: ID tokens must name it as audience
 * @param roleClaim where the provider puts the user's roles: a dotted path ({@code realm_access.roles} in Keycloak)
 * @param roles provider role → CMS role, "cms-admins=admin,cms-editors=editor"; the highest a user has wins
 * @param localPasswords whether email and password sign-in stays open beside the provider (not cms.oidc.only)
 */
public record OidcSettings(Optional<String> issuer, Optional<String> clientId, String roleClaim, Map<String, Role> roles,
        String emailClaim, String nameClaim, boolean localPasswords) {

    /** @throws IllegalArgumentException naming the setting at fault */
    public static OidcSettings of(Optional<String> issuer, Optional<String> clientId, String roleClaim, Optional<String> roles,
            String emailClaim, String nameClaim, boolean localPasswords) {
        Optional<String> iss = issuer.map(String::strip).filter(s -> !s.isEmpty());
        if (iss.isEmpty()) {
            if (!localPasswords) {
                throw new IllegalArgumentException("cms.oidc.only=true needs cms.oidc.issuer: nobody could sign in");
            }
            return new OidcSettings(iss, clientId, roleClaim, Map.of(), emailClaim, nameClaim, true);
        }
        if (!iss.get().startsWith("https://") && !iss.get().startsWith("http://localhost") && !iss.get().startsWith("http://127.")) {
            throw new IllegalArgumentException("cms.oidc.issuer must be an https URL (" + iss.get() + ")");
        }
        if (clientId.map(String::isBlank).orElse(true)) {
            throw new IllegalArgumentException("cms.oidc.client-id is required with cms.oidc.issuer");
        }
        if (roleClaim == null || roleClaim.isBlank()) {
            throw new IllegalArgumentException("cms.oidc.role-claim must name the claim that holds the roles");
        }
        return new OidcSettings(iss, clientId.map(String::strip), roleClaim.strip(), roleMap(roles.orElse("")), emailClaim,
                nameClaim, localPasswords);
    }

    /** "a=admin,b=editor" → {a: ADMIN, b: EDITOR}; owner is never mapped (ownership is handed on, by the owner). */
    static Map<String, Role> roleMap(String text) {
        Map<String, Role> map = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.lastIndexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("cms.oidc.roles: \"" + pair.strip() + "\" is not provider-role=cms-role");
            }
            String cmsRole = pair.substring(eq + 1).strip();
            Role role = Role.of(cmsRole).filter(r -> r != Role.OWNER).orElseThrow(() -> new IllegalArgumentException(
                    "cms.oidc.roles: \"" + cmsRole + "\" is not one of admin, editor, author, contributor"));
            map.put(pair.substring(0, eq).strip(), role);
        }
        if (map.isEmpty()) {
            throw new IllegalArgumentException("cms.oidc.roles must map at least one provider role to a CMS role");
        }
        return Map.copyOf(map);
    }

    public boolean enabled() {
        return issuer.isPresent();
    }

    /** The highest CMS role among the provider roles a user has; empty when none is mapped. */
    public Optional<Role> roleOf(List<String> providerRoles) {
        return providerRoles.stream().map(roles::get).filter(Objects::nonNull).min(Comparator.comparingInt(Role::ordinal));
    }
}
