package io.cms.common.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * The ways in besides {@code bearer} (which the services' configuration declares), so the OpenAPI
 * document names every scheme the services accept: a content key in the URL ({@code ?key=}), and
 * the browser session's cookie, offered wherever a bearer credential is. Registered with
 * {@code mp.openapi.filter} in every service.
 */
public class SecuritySchemesFilter implements OASFilter {

    public static final String BEARER = "bearer";
    public static final String CONTENT_KEY = "contentKey";
    public static final String SESSION_COOKIE = "sessionCookie";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSecurityScheme(CONTENT_KEY, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.QUERY).name("key")
                .description("A content key (26 hexadecimal characters, from POST /api/keys) in the URL: reads of published"
                        + " content, which need one when CMS_CONTENT_READS=key. Also accepted as Authorization: Bearer."));
        openAPI.getComponents().addSecurityScheme(SESSION_COOKIE, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.COOKIE).name(SessionCookies.SESSION)
                .description("The browser session (POST /api/session with \"cookie\": true). Any request but GET, HEAD and"
                        + " OPTIONS must also send " + SessionCookies.CSRF_HEADER + ": the csrfToken of the sign-in, also in"
                        + " the cookie " + SessionCookies.CSRF + "."));
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> e : item.getOperations().entrySet()) {
                offerCookieBesideBearer(e.getValue());
            }
        }
    }

    private static void offerCookieBesideBearer(Operation operation) {
        List<SecurityRequirement> security = operation.getSecurity();
        if (security == null || security.stream().noneMatch(r -> r.hasScheme(BEARER))) {
            return;
        }
        List<SecurityRequirement> alternatives = new ArrayList<>(security);
        alternatives.add(OASFactory.createSecurityRequirement().addScheme(SESSION_COOKIE));
        operation.setSecurity(alternatives);
    }
}
