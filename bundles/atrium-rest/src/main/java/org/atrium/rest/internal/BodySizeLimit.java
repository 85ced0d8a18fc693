package org.atrium.rest.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.Response.Status;

import org.atrium.rest.support.Problem;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A JSON body larger than {@code max.json.kb} ({@code etc/atrium.api.cfg}) is refused with 413 before it is read
 * whole: by its Content-Length when it gives one, else when the stream passes the limit. Other bodies (CSV
 * imports) have their own limits where they are read.
 */
@Component(service = BodySizeLimit.class, configurationPid = BodySizeLimit.PID)
@Designate(ocd = BodySizeLimit.Config.class)
@PreMatching
@Priority(Priorities.AUTHENTICATION - 200)
public class BodySizeLimit implements ContainerRequestFilter {

    public static final String PID = "atrium.api";

    @ObjectClassDefinition(name = "Atrium REST API", description = "Limits of the staff REST API")
    public @interface Config {
        @AttributeDefinition(description = "The largest JSON request body, in kilobytes")
        int max_json_kb() default 1024;
    }

    private volatile long maxBytes;

    @Activate
    @Modified
    void configure(Config config) {
        maxBytes = Math.max(1, config.max_json_kb()) * 1024L;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        MediaType type = request.getMediaType();
        if (type == null || !(type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"))) {
            return;
        }
        long limit = maxBytes;
        if (declaredLength(request) > limit) {
            request.abortWith(problem(limit));
            return;
        }
        request.setEntityStream(new LimitedStream(request.getEntityStream(), limit));
    }

    private static long declaredLength(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        try {
            return length == null ? -1 : Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Response problem(long limit) {
        return Problem.typed("body-too-large", "Request body too large", Status.REQUEST_ENTITY_TOO_LARGE,
                "A JSON request body may hold at most " + limit / 1024 + " KB (max.json.kb in etc/atrium.api.cfg). "
                + "Nothing was changed.", null).toResponse();
    }

    /**
     * The 413 for a body that passed the limit while it was read, if {@code e} or one of its causes says so (the
     * JSON reader wraps what the stream throws).
     */
    static Optional<Response> tooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLargeException tooLarge) {
                return Optional.of(problem(tooLarge.limit));
            }
        }
        return Optional.empty();
    }

    /** Thrown by the stream past the limit; an IOException, as the JSON reader expects of a stream. */
    static final class BodyTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;
        private final long limit;

        BodyTooLargeException(long limit) {
            super("request body over " + limit + " bytes");
            this.limit = limit;
        }
    }

    /** Counts what is read and stops at the limit (a body sent without Content-Length). */
    private static final class LimitedStream extends FilterInputStream {
        private final long limit;
        private long read;

        LimitedStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > limit) {
                throw new BodyTooLargeException(limit);
            }
        }
    }
}
