package org.atrium.api.firm;

import org.osgi.annotation.versioning.ProviderType;

/** The firm's profile as configured now; Atrium's core provides it, every bundle may read it. */
@ProviderType
public interface Firm {

    /** What is set now (configuration changes apply at once). */
    FirmProfile profile();
}
