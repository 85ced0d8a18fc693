package org.atrium.itests;

import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.when;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import javax.inject.Inject;
import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.atrium.api.client.ClientRegister;
import org.junit.Before;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Boots our own distribution (karaf-distribution's tar.gz) with free ports and talks to it the way a
 * user does: HTTP on the REST API, commands at the Karaf console.
 */
public abstract class AtriumTestSupport {

    /** The staff user's password, one that meets the password rules. */
    protected static final String STAFF_PASSWORD = "teal-bicycle-autumn";

    static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    /** A first boot of the whole distribution on a busy 2-core machine. */
    static final Duration BOOT_TIMEOUT = Duration.ofSeconds(180);
    static final ObjectMapper JSON = new ObjectMapper();
    static final String HTTP_PORT_PROPERTY = "atrium.itest.http.port";

    @Inject
    protected BundleContext bundleContext;

    @Inject
    protected SessionFactory sessionFactory;

    /** Set by {@link #awaitRegister()}: tests start once the register is up. */
    protected ClientRegister register;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Configuration
    public Option[] config() {
        String distribution = System.getProperty("atrium.distribution");
        if (distribution == null || !new File(distribution).isFile()) {
            throw new IllegalStateException("Build the distribution first (mvn install): " + distribution);
        }
        String httpPort = freePort();
        return new Option[] {
            karafDistributionConfiguration().frameworkUrl("file:" + distribution).name("Atrium")
                    .karafVersion("4.4.10").unpackDirectory(new File("target/exam")).useDeployFolder(false),
            configureConsole().ignoreLocalConsole(),
            // -Datrium.itest.keep=true keeps target/exam/<uuid> (logs, data) for a look after the run
            when(Boolean.getBoolean("atrium.itest.keep")).useOptions(keepRuntimeFolder()),
            logLevel(LogLevel.INFO),
            editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", httpPort),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", freePort()),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", freePort()),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", freePort()),
            // the shipped default is true; these tests of other things sign in with HTTP Basic (SecurityIT
            // switches it on where it tests it)
            editConfigurationFilePut("etc/atrium.security.cfg", "mfa.required", "false"),
            // users besides the shipped admin/admin: staff, a user without an Atrium role, one to lock out
            editConfigurationFilePut("etc/users.properties", "staff", STAFF_PASSWORD + ",atrium-staff"),
            // a password from before the password rules: its browser sign-in asks for a new one
            editConfigurationFilePut("etc/users.properties", "changer", "changer-pw,atrium-staff"),
            editConfigurationFilePut("etc/users.properties", "norole", "norole-pw"),
            editConfigurationFilePut("etc/users.properties", "locky", "locky-pw,atrium-staff"),
            editConfigurationFilePut("etc/users.properties", "swappy", "swappy-pw,atrium-staff"),
            // the test code runs inside Karaf and reads the HTTP port from here
            systemProperty(HTTP_PORT_PROPERTY).value(httpPort),
            // injected services may take longer than Pax Exam's 10 s on a first boot of the whole
            // distribution on 2 cores
            systemProperty("pax.exam.service.timeout").value(String.valueOf(BOOT_TIMEOUT.toMillis())),
            systemProperty(GreenMailServer.JAR_PROPERTY).value(System.getProperty(GreenMailServer.JAR_PROPERTY, "")),
            // Derby as shipped, or -Datrium.itest.database=postgresql
            SuiteDatabase.options()
        };
    }

    private static String freePort() {
        return String.valueOf(FreePorts.next());
    }

    /**
     * Waits for the register rather than injecting it: Pax Exam's injection gives up with no reason given,
     * which is what CI once showed for the first boot after another class's Karaf. This says why.
     */
    @Before
    public void awaitRegister() throws InterruptedException {
        ServiceTracker<ClientRegister, ClientRegister> tracker = new ServiceTracker<>(bundleContext,
                ClientRegister.class, null);
        tracker.open();
        try {
            register = tracker.waitForService(BOOT_TIMEOUT.toMillis());
        } finally {
            tracker.close();
        }
        if (register == null) {
            fail("No ClientRegister " + BOOT_TIMEOUT.toSeconds() + " s after the test began: "
                    + BootDiagnosis.of(bundleContext));
        }
    }

    // --- HTTP

    /** One HTTP answer. */
    protected record Reply(int status, String contentType, String location, String body, String challenge,
            String retryAfter) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    protected String baseUrl() {
        String port = System.getProperty(HTTP_PORT_PROPERTY);
        return "http://localhost:" + port + "/api/v1";
    }

    protected Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET());
    }

    protected Reply delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).DELETE());
    }

    protected Reply post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    protected Reply put(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A JSON Merge Patch (RFC 7396). */
    protected Reply patch(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Content-Type", "application/merge-patch+json").method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A request as another user: {@code method} GET, POST, PUT, PATCH or DELETE; {@code json} may be null. */
    protected Reply as(String user, String password, String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Authorization", basic(user, password))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request);
    }

    /** Sends as the shipped administrator unless the request carries its own Authorization. */
    protected Reply send(HttpRequest.Builder request) {
        HttpRequest probe = request.copy().build();
        if (probe.headers().firstValue("Authorization").isEmpty()) {
            request.header("Authorization", basic("admin", "admin"));
        }
        return sendAsItIs(request);
    }

    /** Sends with no credentials but those the request carries (a session cookie, say). */
    protected Reply sendAsItIs(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location").orElse(null), response.body(),
                    response.headers().firstValue("WWW-Authenticate").orElse(null),
                    response.headers().firstValue("Retry-After").orElse(null));
        } catch (IOException e) {
            return new Reply(-1, "", null, e.toString(), null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    protected static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Waits until the REST API answers, as a user would retry after start-up. */
    protected void awaitRestApi() {
        await("the REST API to answer", () -> get("/offices").status() == 200);
    }

    protected static void await(String what, BooleanSupplier condition) {
        await(what, condition, () -> "");
    }

    /** As {@link #await(String, BooleanSupplier)}, naming in the failure what was last seen. */
    protected static void await(String what, BooleanSupplier condition, Supplier<String> lastSeen) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(100); // polling interval, not a wait for an outcome
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        String seen = lastSeen.get();
        fail("Timed out after " + READY_TIMEOUT.toSeconds() + " s waiting for " + what + (seen.isEmpty() ? "" : ": " + seen));
    }

    /** A prefix that makes this run's data unique, so reruns against a kept data folder pass too. */
    protected static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    // --- console

    /** Runs a console command as an administrator would, and returns what it printed. */
    protected String executeCommand(String command) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8);
        Session session = sessionFactory.create(System.in, printStream, printStream);
        Subject admin = new Subject();
        admin.getPrincipals().add(new UserPrincipal("admin"));
        admin.getPrincipals().add(new RolePrincipal("admin"));
        admin.getPrincipals().add(new RolePrincipal("manager"));
        admin.getPrincipals().add(new RolePrincipal("viewer"));
        try {
            Subject.doAs(admin, (PrivilegedExceptionAction<Object>) () -> session.execute(command));
        } catch (Exception e) {
            throw new AssertionError("Command failed: " + command + "\n" + output.toString(StandardCharsets.UTF_8), e);
        } finally {
            session.close();
        }
        return output.toString(StandardCharsets.UTF_8);
    }

    // --- another node

    /**
     * Writes to Atrium's database as another node on it would, past this node's code and its caches: what a
     * request to this node reads next must show it.
     */
    protected int writeAsAnotherNode(String sql, Object... parameters) throws Exception {
        javax.sql.DataSource database = bundleContext.getService(bundleContext.getServiceReferences(
                javax.sql.DataSource.class, "(osgi.jndi.service.name=atrium)").iterator().next());
        try (java.sql.Connection connection = database.getConnection();
                java.sql.PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }
}
