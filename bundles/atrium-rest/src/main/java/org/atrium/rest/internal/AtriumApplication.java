package org.atrium.rest.internal;

import javax.ws.rs.core.Application;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationBase;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * The {@code /api/v1} application. Resources, the JSON provider and the error mappers of every Atrium
 * bundle join it by selecting {@value #SELECT}, so features can add and remove endpoints at runtime.
 */
@Component(service = Application.class)
@JaxrsName(AtriumApplication.NAME)
@JaxrsApplicationBase("api/v1")
public class AtriumApplication extends Application {

    public static final String NAME = "atrium";
    public static final String SELECT = "(osgi.jaxrs.name=" + NAME + ")";
}
