package org.atrium.api.security;

import java.security.Principal;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The principal of a signed-in request to {@code /api/v1}: a resource of any bundle reads the
 * {@link Actor} from the JAX-RS {@code SecurityContext.getUserPrincipal()}.
 */
@ProviderType
public interface ActorPrincipal extends Principal {

    Actor actor();
}
