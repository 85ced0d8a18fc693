package org.atrium.rest.internal.security;

import java.util.Arrays;
import java.util.List;

import javax.servlet.http.HttpServletRequest;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** How staff must sign in ({@code etc/atrium.security.cfg}, PID {@value #PID}); changes apply at once. */
@Component(service = SecurityPolicy.class, immediate = true, configurationPid = SecurityPolicy.PID)
@Designate(ocd = SecurityPolicy.Config.class)
public class SecurityPolicy {

    public static final String PID = "atrium.security";

    @ObjectClassDefinition(name = "Atrium staff sign-in", description = "Two-factor sign-in of staff")
    public @interface Config {
        @AttributeDefinition(description = "Every staff sign-in needs a second factor (an authenticator code); "
                + "users without one are led to set it up, and HTTP Basic with a password alone is refused")
        boolean mfa_required() default true;

        @AttributeDefinition(description = "The name authenticator apps show for Atrium accounts")
        String mfa_issuer() default "Atrium";

        @AttributeDefinition(description = "Addresses of proxies in front of Atrium whose X-Forwarded-For names the "
                + "client (comma-separated); the sign-in lock-outs count by client address")
        String trusted_proxies() default "";
    }

    private volatile Config config;
    /** {@code trusted.proxies}, read once per configuration rather than at each request. */
    private volatile List<String> trustedProxies = List.of();

    @Activate
    @Modified
    void configure(Config newConfig) {
        trustedProxies = Arrays.stream(newConfig.trusted_proxies().split(",")).map(String::strip)
                .filter(p -> !p.isEmpty()).toList();
        config = newConfig;
    }

    public boolean mfaRequired() {
        return config.mfa_required();
    }

    public String issuer() {
        return config.mfa_issuer();
    }

    /** The client address of a request, as the lock-outs count it. */
    public String clientAddress(HttpServletRequest request) {
        return ClientAddress.of(request, trustedProxies);
    }

    /** What a sign-in must do once the password is settled: set up an authenticator if required, else nothing. */
    public String stepAfterPassword(boolean mfaEnrolled) {
        return mfaRequired() && !mfaEnrolled ? StaffSession.SET_UP_MFA : null;
    }
}
