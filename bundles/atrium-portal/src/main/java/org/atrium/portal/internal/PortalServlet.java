package org.atrium.portal.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.servlet.Servlet;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.Part;
import javax.ws.rs.core.Response.Status;

import org.atrium.api.client.AtriumException;
import org.atrium.api.client.PortalPerson;
import org.atrium.api.client.ServiceUnavailableException;
import org.atrium.api.office.OfficeDirectory;
import org.atrium.api.portal.PortalIdentity;
import org.atrium.rest.support.Problem;
import org.atrium.rest.support.JsonProblems;
import org.atrium.rest.support.StrictJson;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The client portal at {@code /portal}: the page ({@code /portal/}, {@code /portal/register}, its script and
 * style) and the client's API under {@code /portal/api/v1}, with no staff credentials (sessions are
 * {@code Authorization: Bearer <token>}). A plain servlet on the HTTP whiteboard rather than a second JAX-RS
 * application: with Aries JAX-RS 2.0.2 on CXF 3.5 every application's endpoint sits at address "/" of one
 * shared CXF destination registry, so of two applications only the one registered last answers. Errors are
 * RFC 9457 problems, like the staff API's; every answer is {@code no-store}.
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.name=atrium-portal",
    "osgi.http.whiteboard.servlet.pattern=/portal/*",
    "osgi.http.whiteboard.servlet.multipart.enabled=true",
    // an outer bound; the configured drop.off.max.mb is checked while the file is stored
    "osgi.http.whiteboard.servlet.multipart.maxRequestSize=1073741824",
    "osgi.http.whiteboard.servlet.multipart.fileSizeThreshold=1048576"
})
public class PortalServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PortalServlet.class);
    private static final String API = "/api/v1/";
    private static final int MAX_JSON = 16 * 1024;
    private static final int MAX_EMAIL = 254;
    private static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    /** The staff API's rules: unknown fields and wrong types are errors, not guesses. */
    static final ObjectMapper JSON = StrictJson.mapper();

    public record RegistrationInput(String token) {
    }

    public record CodeRequestInput(String email) {
    }

    public record SessionInput(String email, String code) {
    }

    public record Registered(String clientId, String person, String name, String email, String status) {
    }

    public record SessionJson(String token, String expiresAt, String name) {
    }

    public record ReceivedJson(String id, String fileName, String contentType, long size, String receivedAt) {
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PortalSignIn signIn;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PortalIdentity people;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile OfficeDirectory offices;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile DropOffStore dropOffs;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PortalItems items;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        String method = request.getMethod();
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        try {
            if (path.startsWith(API)) {
                api(method, path.substring(API.length()), request, response);
            } else {
                page(method, path, response);
            }
        } catch (PortalException e) {
            problem(response, Problem.of(e.status(), e.getMessage()), e.retryAfterSeconds());
        } catch (AtriumException e) {
            // the staff API's mapping: a mistake answers the same status on both
            problem(response, Problem.of(e), 0);
        } catch (JsonProcessingException e) {
            problem(response, JsonProblems.of(e), 0);
        } catch (RuntimeException | ServletException e) {
            LOG.error("Portal request {} {} failed", method, path, e);
            problem(response, Problem.of(Status.INTERNAL_SERVER_ERROR, "Something went wrong on our side; it was "
                    + "logged. Try again later."), 0);
        }
    }

    // --- the API

    private void api(String method, String route, HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        switch (method + " " + route) {
            case "POST registrations" -> {
                RegistrationInput input = read(request, RegistrationInput.class);
                if (input == null || input.token() == null || input.token().isBlank()) {
                    throw new PortalException(Status.BAD_REQUEST, "Send the token of your registration link: "
                            + "{\"token\": \"...\"}.");
                }
                PortalPerson person = present(people).registerPerson(input.token());
                json(response, 200, new Registered(person.client().clientId(), person.person().name(), person.name(),
                        person.email(), person.client().status().name()));
            }
            case "POST access-codes" -> {
                CodeRequestInput input = read(request, CodeRequestInput.class);
                String email = requireEmail(input == null ? null : input.email());
                PortalSignIn current = present(signIn);
                current.requestCode(email, request.getRemoteAddr());
                json(response, 202, Map.of("message", "If " + email + " belongs to a registered client of the firm, "
                        + "an access code is on its way by email or text message. It is valid for "
                        + current.config().code_valid_minutes() + " minutes."));
            }
            case "POST sessions" -> {
                SessionInput input = read(request, SessionInput.class);
                String email = requireEmail(input == null ? null : input.email());
                PortalSignIn.OpenedSession session = present(signIn).signIn(email, input.code(),
                        request.getRemoteAddr());
                json(response, 201, new SessionJson(session.token(), session.expiresAt().toString(),
                        session.person().name()));
            }
            case "DELETE sessions/current" -> {
                present(signIn).signOut(bearer(request).orElse(null));
                response.setStatus(204);
            }
            case "GET me" -> json(response, 200, view(session(request)));
            case "POST drop-off" -> dropOff(request, response);
            default -> throw new PortalException(Status.NOT_FOUND, "There is no " + method + " /portal/api/v1/" + route
                    + ".");
        }
    }

    private void dropOff(HttpServletRequest request, HttpServletResponse response) throws IOException,
            ServletException {
        PortalPerson person = session(request);
        if (!person.client().dropOffAccess()) {
            throw new PortalException(Status.FORBIDDEN, "Drop-off is not open for your account: ask your firm to "
                    + "turn it on.");
        }
        long maxBytes = present(signIn).config().drop_off_max_mb() * 1024L * 1024L;
        // refused before reading: a body far over the limit is not worth receiving
        if (request.getContentLengthLong() > maxBytes + 64 * 1024) {
            throw new PortalException(Status.REQUEST_ENTITY_TOO_LARGE, "The file is larger than the limit of "
                    + (maxBytes / (1024 * 1024)) + " MB.");
        }
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
            throw new PortalException(Status.UNSUPPORTED_MEDIA_TYPE, "Send the file as multipart/form-data, in the "
                    + "form field 'file'.");
        }
        Part file = filePart(request);
        DropOff received;
        try (InputStream in = file.getInputStream()) {
            received = present(dropOffs).receive(person, file.getSubmittedFileName(), file.getContentType(), in,
                    maxBytes);
        } finally {
            file.delete();
        }
        json(response, 201, new ReceivedJson(received.id(), received.fileName(), received.contentType(),
                received.size(), received.receivedAt().toString()));
    }

    PortalView view(PortalPerson person) {
        return PortalView.of(person, present(offices), present(items), present(dropOffs));
    }

    private PortalPerson session(HttpServletRequest request) {
        return present(signIn).session(bearer(request).orElse(null));
    }

    /** The uploaded file: the form field 'file', or the form's only file. */
    private static Part filePart(HttpServletRequest request) {
        try {
            Part named = request.getPart("file");
            if (named != null) {
                return named;
            }
            List<Part> files = request.getParts().stream().filter(part -> part.getSubmittedFileName() != null)
                    .toList();
            if (files.size() != 1) {
                throw new PortalException(Status.BAD_REQUEST, "Send one file, in the form field 'file'.");
            }
            return files.get(0);
        } catch (IOException | ServletException e) {
            throw new PortalException(Status.BAD_REQUEST, "The form could not be read: " + e.getMessage());
        } catch (IllegalStateException e) {
            // Jetty's multipart parser refuses a part header over its limit (a file name of thousands of
            // characters) with an unchecked exception: the sender's mistake, not ours
            throw new PortalException(Status.BAD_REQUEST, "The upload could not be read: its file name or form is "
                    + "too long or malformed. Rename the file to a shorter name and send it again.");
        }
    }

    // --- the page

    private void page(String method, String path, HttpServletResponse response) throws IOException {
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            throw new PortalException(Status.METHOD_NOT_ALLOWED, "The page is read with GET.");
        }
        switch (path) {
            case "/", "/register", "/index.html" -> file(response, "index.html", "text/html; charset=UTF-8");
            case "/assets/portal.js" -> file(response, "portal.js", "text/javascript; charset=UTF-8");
            case "/assets/portal.css" -> file(response, "portal.css", "text/css; charset=UTF-8");
            default -> throw new PortalException(Status.NOT_FOUND, "There is no such page.");
        }
    }

    private static void file(HttpServletResponse response, String name, String type) throws IOException {
        byte[] content;
        try (InputStream in = PortalServlet.class.getResourceAsStream("/portal-web/" + name)) {
            if (in == null) {
                throw new PortalException(Status.NOT_FOUND, "There is no such page.");
            }
            content = in.readAllBytes();
        }
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Cache-Control", "no-cache");
        response.setContentType(type);
        response.setContentLength(content.length);
        response.getOutputStream().write(content);
    }

    // --- JSON and problems

    private static <T> T read(HttpServletRequest request, Class<T> type) throws IOException {
        String contentType = request.getContentType();
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new PortalException(Status.UNSUPPORTED_MEDIA_TYPE, "The request body must be JSON: send "
                    + "Content-Type: application/json.");
        }
        byte[] body = request.getInputStream().readNBytes(MAX_JSON + 1);
        if (body.length > MAX_JSON) {
            throw new PortalException(Status.REQUEST_ENTITY_TOO_LARGE, "The request body is too large.");
        }
        if (body.length == 0) {
            throw new PortalException(Status.BAD_REQUEST, "The request body is empty: send a JSON object.");
        }
        return JSON.readValue(body, type);
    }

    private static void json(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        JSON.writeValue(response.getOutputStream(), body);
    }

    static void problem(HttpServletResponse response, Problem problem, long retryAfterSeconds) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        if (retryAfterSeconds > 0) {
            response.setHeader("Retry-After", String.valueOf(retryAfterSeconds));
        }
        if (problem.status() == 401) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"atrium-portal\"");
        }
        response.setStatus(problem.status());
        response.setContentType(Problem.MEDIA_TYPE);
        JSON.writeValue(response.getOutputStream(), problem);
    }

    private static String requireEmail(String email) {
        if (email == null || email.isBlank() || email.length() > MAX_EMAIL || !email.contains("@")) {
            throw new PortalException(Status.BAD_REQUEST, "Send your email address: {\"email\": \"you@example.com\"}.");
        }
        return email.strip();
    }

    static Optional<String> bearer(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(authorization.substring(7).strip());
    }

    private static <T> T present(T service) {
        if (service == null) {
            throw new ServiceUnavailableException("The client portal is starting or restarting: try again in a moment.");
        }
        return service;
    }
}
