package org.atrium.mailer.internal;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.atrium.api.client.AccessDeniedException;
import org.atrium.api.mail.MailState;
import org.atrium.api.mail.Mailer;
import org.atrium.api.mail.QueuedMail;
import org.atrium.api.rest.ApiRoute;
import org.atrium.api.security.Roles;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code /api/v1/mail/outbox}: the mail queue, for administrators to see what was sent and what failed. */
@Component(service = ApiRoute.class, property = ApiRoute.ROUTE + "=mail")
@Path("mail")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Mail", description = "The outgoing mail queue (system administrators only)")
public class MailQueueResource implements ApiRoute {

    static final int MAX_LIMIT = 1_000;

    /** A queued message as the API shows it: times as ISO text. */
    public record QueuedMailJson(String id, List<String> to, String subject, MailState state, int attempts,
            String queuedAt, String nextAttemptAt, String finishedAt, String lastError, Map<String, String> tags) {

        static QueuedMailJson of(QueuedMail mail) {
            return new QueuedMailJson(mail.id(), mail.to(), mail.subject(), mail.state(), mail.attempts(),
                    text(mail.queuedAt()), text(mail.nextAttemptAt()), text(mail.finishedAt()), mail.lastError(),
                    mail.tags());
        }

        private static String text(Instant instant) {
            return instant == null ? null : instant.toString();
        }
    }

    private final Mailer mailer;

    @Activate
    public MailQueueResource(@Reference Mailer mailer) {
        this.mailer = mailer;
    }

    @GET
    @Path("outbox")
    @Operation(summary = "List queued, sent or failed messages", description = "Newest first.")
    public List<QueuedMailJson> list(@Parameter(description = "QUEUED, SENT or FAILED; all if absent")
            @QueryParam("state") String state, @QueryParam("limit") String limit, @Context SecurityContext security) {
        if (security == null || !security.isUserInRole(Roles.ADMIN)) {
            throw new AccessDeniedException("The mail queue is for system administrators only (role " + Roles.ADMIN
                    + ").");
        }
        return mailer.queue(state(state), limit(limit)).stream().map(QueuedMailJson::of).toList();
    }

    private static MailState state(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        try {
            return MailState.valueOf(state.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException("state must be QUEUED, SENT or FAILED, not '" + state + "'.");
        }
    }

    private static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return 100;
        }
        try {
            int value = Integer.parseInt(limit.strip());
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new InvalidQueryException("limit must be a whole number from 1 to " + MAX_LIMIT + ".");
    }
}
