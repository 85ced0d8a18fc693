package org.atrium.standby.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

class StandbyServletTest {

    @Test
    void whileItsBundleIsInstalledThePathIsUnavailableForAMoment() throws Exception {
        StandbyServlet standby = new StandbyServlet(Set.of("org.atrium.rest")::contains, "org.atrium.rest",
                "The staff API", "atrium-core");
        FakeResponse response = new FakeResponse();

        standby.service(null, response.proxy());

        assertEquals(503, response.status);
        assertEquals("application/problem+json", response.contentType);
        assertEquals("5", response.headers.get("Retry-After"));
        assertTrue(response.body().contains("\"status\":503"), response.body());
        assertTrue(response.body().contains("The staff API is starting or being updated"), response.body());
    }

    @Test
    void aPathOfAFeatureThatIsNotInstalledIsNotFound() throws Exception {
        StandbyServlet standby = new StandbyServlet(Set.<String>of()::contains, "org.atrium.portal",
                "The client portal", "atrium-portal");
        FakeResponse response = new FakeResponse();

        standby.service(null, response.proxy());

        assertEquals(404, response.status);
        assertEquals("application/problem+json", response.contentType);
        assertNull(response.headers.get("Retry-After"));
        assertTrue(response.body().contains("Karaf feature atrium-portal"), response.body());
    }
}
