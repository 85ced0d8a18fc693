package org.atrium.rest.internal.security;

import java.util.LinkedHashMap;
import java.util.Map;

import org.atrium.api.health.HealthCheck;
import org.atrium.api.health.HealthResult;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code sign-in} health check: WARN while someone guesses passwords hard enough to put a user name under
 * attack or lock an address (the log names them). Counts only: the health report needs no sign-in.
 */
@Component(property = HealthCheck.NAME + "=sign-in")
public class SignInAttackHealth implements HealthCheck {

    private final SignIn signIn;

    @Activate
    public SignInAttackHealth(@Reference SignIn signIn) {
        this.signIn = signIn;
    }

    @Override
    public HealthResult check() {
        SignIn.SignInAttacks attacks = signIn.attacks();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("namesUnderAttack", attacks.namesUnderAttack());
        details.put("lockedAddresses", attacks.lockedAddresses());
        // false while the register is away: failures are then counted on this node only
        details.put("sharedByAllNodes", attacks.shared());
        if (attacks.namesUnderAttack() == 0 && attacks.lockedAddresses() == 0) {
            return HealthResult.up("No password guessing seen", details);
        }
        return HealthResult.warn("Password guessing: " + attacks.namesUnderAttack() + " name(s) attacked, "
                + attacks.lockedAddresses() + " address(es) locked (see the log)", details);
    }
}
