package org.atrium.rest.internal;

import java.time.Instant;
import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.atrium.api.audit.AuditEntry;
import org.atrium.api.audit.AuditQuery;
import org.atrium.api.audit.AuditTrail;
import org.atrium.api.audit.FieldChange;
import org.atrium.api.client.Page;
import org.atrium.rest.internal.security.Caller;
import org.atrium.rest.support.InvalidRequestException;
import org.atrium.rest.support.ClientSearchParameters;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code /api/v1/audit}: the audit trail, newest first (system administrators only; read-only). */
@Component(service = AuditResource.class)
@Path("audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit trail", description = "Who changed what, and when")
public class AuditResource {

    /** One page of the audit trail. */
    public record AuditPage(List<AuditEntryJson> items, long total, int page, int size) {
    }

    /** An entry as the API shows it: the time as ISO text. */
    public record AuditEntryJson(long id, String at, String user, String action, String clientId, String subject,
            List<FieldChange> changes) {

        static AuditEntryJson of(AuditEntry entry) {
            return new AuditEntryJson(entry.id(), entry.at().toString(), entry.user(), entry.action(), entry.clientId(),
                    entry.subject(), entry.changes());
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditTrail trail;

    @GET
    @Operation(summary = "Search the audit trail", description = "Newest first. from and to are ISO instants "
            + "(2026-11-22T08:00:00Z) or dates (2026-11-22, UTC days; to includes its day).")
    public AuditPage search(@QueryParam("clientId") String clientId, @QueryParam("user") String user,
            @Parameter(description = "an action, e.g. CLIENT_UPDATED") @QueryParam("action") String action,
            @Parameter(description = "inclusive") @QueryParam("from") String from,
            @Parameter(description = "inclusive of a date, exclusive of an instant") @QueryParam("to") String to,
            @QueryParam("page") String page, @QueryParam("size") String size, @Context SecurityContext security) {
        Caller.requireAdministrator(security, "the audit trail");
        Integer pageNumber = ClientSearchParameters.integer("page", page, 0, Integer.MAX_VALUE);
        Integer pageSize = ClientSearchParameters.integer("size", size, 1, AuditQuery.MAX_SIZE);
        Instant fromInstant = instant("from", from, false);
        Instant toInstant = instant("to", to, true);
        if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
            throw new InvalidRequestException("from must be before to.");
        }
        Page<AuditEntry> result = trail().search(new AuditQuery(blankToNull(clientId), blankToNull(user), action(action), fromInstant,
                toInstant, pageNumber == null ? 0 : pageNumber, pageSize == null ? AuditQuery.DEFAULT_SIZE : pageSize));
        return new AuditPage(result.items().stream().map(AuditEntryJson::of).toList(), result.total(), result.page(), result.size());
    }

    private static Instant instant(String name, String value, boolean upperBound) {
        try {
            return AuditQuery.bound(value, upperBound);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(name + ": " + e.getMessage());
        }
    }

    private static String action(String value) {
        String action = blankToNull(value);
        if (action != null && !action.matches("[A-Z_]{1,40}")) {
            throw new InvalidRequestException("action must be an action name such as CLIENT_UPDATED, not '" + action
                    + "'.");
        }
        return action;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private AuditTrail trail() {
        return Unavailable.unless(trail, "the audit trail");
    }
}
