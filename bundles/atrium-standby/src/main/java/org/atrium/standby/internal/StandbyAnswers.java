package org.atrium.standby.internal;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import javax.servlet.Servlet;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Puts a {@link StandbyServlet} behind each path Atrium serves, on the HTTP whiteboard's default context at
 * the lowest ranking, so the owner wins while it is there: the portal's servlet, and the staff API's
 * (the JAX-RS whiteboard puts its applications in the default context too, as configured by the
 * atrium-core feature, instead of a context per application that comes and goes with it). When the owner
 * goes away, this answer takes its place in the same step. An {@link ErrorPageServlet} turns the web
 * server's own errors of the moments in between into the same answers.
 */
@Component(immediate = true)
public class StandbyAnswers {

    static final String API = "/api/v1/*";
    static final String PORTAL = "/portal/*";

    private final List<ServiceRegistration<Servlet>> registrations = new ArrayList<>();

    @Activate
    public StandbyAnswers(BundleContext context) {
        var installed = StandbyServlet.installedIn(context);
        StandbyServlet api = new StandbyServlet(installed, "org.atrium.rest", "The staff API", "atrium-core");
        StandbyServlet portal = new StandbyServlet(installed, "org.atrium.portal", "The client portal", "atrium-portal");
        register(context, api, "atrium-standby-api", "osgi.http.whiteboard.servlet.pattern", API);
        register(context, portal, "atrium-standby-portal", "osgi.http.whiteboard.servlet.pattern", PORTAL);
        register(context, new ErrorPageServlet(api, portal), "atrium-error-page", "osgi.http.whiteboard.servlet.errorPage",
                new String[] {"4xx", "5xx", "java.lang.Throwable"});
    }

    private void register(BundleContext context, Servlet servlet, String name, String key, Object value) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("osgi.http.whiteboard.servlet.name", name);
        properties.put(key, value);
        properties.put(Constants.SERVICE_RANKING, Integer.MIN_VALUE);
        registrations.add(context.registerService(Servlet.class, servlet, properties));
    }

    @Deactivate
    void unregister() {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
    }
}
