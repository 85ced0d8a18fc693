package org.atrium.rest.internal;

import java.util.Set;

import javax.ws.rs.core.Application;

import org.atrium.rest.internal.health.HealthResource;
import org.atrium.rest.internal.health.ReadinessFilter;
import org.atrium.rest.internal.security.AuthenticationFilter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationBase;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * The {@code /api/v1} application, registered whole: its resources, JSON provider, filters and error
 * mappers are fixed, so the JAX-RS whiteboard publishes it once, complete, and never rebuilds it while
 * it runs (a rebuild answered HTML 404s for a moment). Other bundles' endpoints join through
 * {@link org.atrium.api.rest.ApiRoute}s, which come and go without touching the application.
 * <p>
 * It takes the whiteboard's default application's name, and so its place: the whiteboard serves every
 * application from the HTTP whiteboard's default context (see the atrium-core feature), where two
 * applications' servlets, both named {@code cxf-servlet} by the whiteboard, would clash.
 */
@Component(service = Application.class)
@JaxrsName(AtriumApplication.NAME)
@JaxrsApplicationBase("api/v1")
public class AtriumApplication extends Application {

    /** The JAX-RS whiteboard's name for the default application, which this one replaces. */
    public static final String NAME = ".default";

    private final Set<Object> singletons;

    @Activate
    public AtriumApplication(@Reference ClientResource clients, @Reference OfficeResource offices,
            @Reference UserResource users, @Reference MeResource me, @Reference SessionResource session,
            @Reference MfaResource mfa, @Reference MyTokensResource myTokens, @Reference TokenResource tokens,
            @Reference MySessionsResource mySessions, @Reference MyPasswordResource myPassword,
            @Reference AuditResource audit, @Reference BulkJobResource bulkJobs,
            @Reference HealthResource health, @Reference OpenApiResource openApi, @Reference RoutedResource routed,
            @Reference JsonProvider json, @Reference ReadinessFilter readiness, @Reference BodySizeLimit bodySizeLimit,
            @Reference AuthenticationFilter authentication, @Reference AtriumExceptionMapper atriumErrors,
            @Reference JsonExceptionMapper jsonErrors, @Reference WebApplicationExceptionMapper httpErrors,
            @Reference UnexpectedExceptionMapper unexpectedErrors,
            // not used here: referenced so that the filter is in place before the application's servlet
            @Reference(name = "guard") NotYetServingFilter registeredFirst) {
        singletons = Set.of(clients, offices, users, me, session, mfa, myTokens, tokens, mySessions, myPassword, audit,
                bulkJobs, health, openApi, routed, json, readiness, bodySizeLimit, authentication, atriumErrors, jsonErrors,
                httpErrors, unexpectedErrors);
    }

    @Override
    public Set<Object> getSingletons() {
        return singletons;
    }
}
