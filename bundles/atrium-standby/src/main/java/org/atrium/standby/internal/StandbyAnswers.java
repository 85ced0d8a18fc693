package org.atrium.standby.internal;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import javax.servlet.Filter;
import javax.servlet.Servlet;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Puts a {@link StandbyServlet} behind each path Atrium serves, on the HTTP whiteboard's default context
 * at the lowest ranking. The owner always wins while it is there: the staff API has a context of its own
 * ({@code /api/v1}, the JAX-RS whiteboard's), which the web server prefers to any servlet of the root
 * context; the portal's servlet shares this pattern and outranks this one. When the owner goes away,
 * this answer takes its place at once. A {@link NotYetServingFilter} covers the moment the API's context is
 * there before its endpoints.
 */
@Component(immediate = true)
public class StandbyAnswers {

    private final List<ServiceRegistration<Servlet>> registrations = new ArrayList<>();
    private final ServiceRegistration<Filter> filter;

    @Activate
    public StandbyAnswers(BundleContext context) {
        var installed = StandbyServlet.installedIn(context);
        StandbyServlet api = new StandbyServlet(installed, "org.atrium.rest", "The staff API", "atrium-core");
        register(context, "/api/v1/*", api);
        register(context, "/portal/*", new StandbyServlet(installed, "org.atrium.portal", "The client portal", "atrium-portal"));
        Dictionary<String, Object> onTheApiContext = new Hashtable<>();
        onTheApiContext.put("osgi.http.whiteboard.filter.name", "atrium-standby-not-yet-serving");
        onTheApiContext.put("osgi.http.whiteboard.filter.pattern", "/*");
        // the JAX-RS whiteboard's context for the application named "atrium" (rest bundle's AtriumApplication)
        onTheApiContext.put("osgi.http.whiteboard.context.select", "(osgi.jaxrs.name=atrium)");
        filter = context.registerService(Filter.class, new NotYetServingFilter(api), onTheApiContext);
    }

    private void register(BundleContext context, String pattern, Servlet servlet) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("osgi.http.whiteboard.servlet.name", "atrium-standby" + pattern.replace("/*", "").replace('/', '-'));
        properties.put("osgi.http.whiteboard.servlet.pattern", pattern);
        properties.put(Constants.SERVICE_RANKING, Integer.MIN_VALUE);
        registrations.add(context.registerService(Servlet.class, servlet, properties));
    }

    @Deactivate
    void unregister() {
        filter.unregister();
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
    }
}
