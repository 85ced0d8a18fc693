package org.atrium.rest.internal;

import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.atrium.api.client.ClientValidationException;
import org.atrium.api.client.FieldError;
import org.atrium.api.security.MfaEnrolment;
import org.atrium.api.security.MultiFactor;
import org.atrium.rest.internal.security.Caller;
import org.atrium.rest.internal.security.SecurityPolicy;
import org.atrium.rest.internal.security.StaffSession;
import org.atrium.rest.internal.security.StaffSessions;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code /api/v1/me/mfa}: the signed-in user sets up an authenticator app for two-factor sign-in. */
@Component(service = MfaResource.class)
@Path("me/mfa")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Users")
public class MfaResource {

    /** A new authenticator to scan or type in; {@code qrCodeSvg} is an SVG image of the URI. */
    public record EnrolmentJson(String secret, String otpauthUri, String qrCodeSvg) {
    }

    /** The body of {@code PUT /me/mfa}. */
    public record CodeInput(String code) {
    }

    /** Shown once: each works once in place of an authenticator code. */
    public record RecoveryCodesJson(List<String> recoveryCodes) {
    }

    private final SecurityPolicy policy;
    private final StaffSessions sessions;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MultiFactor factors;

    @Activate
    public MfaResource(@Reference SecurityPolicy policy, @Reference StaffSessions sessions) {
        this.policy = policy;
        this.sessions = sessions;
    }

    @POST
    @Operation(summary = "Start setting up an authenticator app", description = "Answers a new secret (base32), its "
            + "otpauth:// URI and a QR code of it; confirm with PUT and a code from the app. An authenticator set "
            + "up before keeps working until then.")
    public EnrolmentJson start(@Context SecurityContext security) {
        MfaEnrolment enrolment = factors().startEnrolment(Caller.of(security).name(), policy.issuer());
        return new EnrolmentJson(enrolment.secret(), enrolment.otpauthUri(), QrCodeSvg.of(enrolment.otpauthUri()));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Confirm the authenticator", description = "With {\"code\"} from the app: the authenticator "
            + "is set up, and the answer holds ten recovery codes, shown this once. A sign-in that waited for this "
            + "step is complete.")
    public RecoveryCodesJson confirm(CodeInput input, @Context SecurityContext security) {
        if (input == null || input.code() == null || input.code().isBlank()) {
            throw new ClientValidationException(List.of(new FieldError("code", "Enter the 6-digit code your "
                    + "authenticator app shows.")));
        }
        Caller caller = Caller.of(security);
        List<String> codes = factors().confirmEnrolment(caller.name(), input.code().strip());
        StaffSession session = caller.session();
        if (session != null && StaffSession.SET_UP_MFA.equals(session.pendingStep())) {
            sessions.complete(session);
        }
        return new RecoveryCodesJson(codes);
    }

    private MultiFactor factors() {
        return Unavailable.unless(factors, "two-factor sign-in (the register)");
    }
}
