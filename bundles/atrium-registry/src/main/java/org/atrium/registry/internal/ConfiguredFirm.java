package org.atrium.registry.internal;

import java.util.Optional;
import java.util.function.Supplier;

import org.atrium.api.firm.Firm;
import org.atrium.api.firm.FirmProfile;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The firm's profile from etc/atrium.firm.cfg. A value that is not valid is left unset and said once in
 * the log, so one typo does not stop the mail or the portal.
 */
@Component(service = Firm.class, configurationPid = "atrium.firm")
@Designate(ocd = FirmConfig.class)
public class ConfiguredFirm implements Firm {

    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredFirm.class);

    private volatile FirmProfile profile = FirmProfile.UNSET;

    @Activate
    @Modified
    void configure(FirmConfig config) {
        profile = read(config);
    }

    /** Each value on its own: a wrong one is left unset, the others apply. */
    static FirmProfile read(FirmConfig config) {
        return new FirmProfile(valid(() -> FirmProfile.of(config.firm_name(), null, null).name()),
                valid(() -> FirmProfile.of(null, config.firm_email(), null).email()),
                valid(() -> FirmProfile.of(null, null, config.public_url()).publicUrl()));
    }

    private static <T> Optional<T> valid(Supplier<Optional<T>> value) {
        try {
            return value.get();
        } catch (IllegalArgumentException e) {
            LOG.error("etc/atrium.firm.cfg: {} The value is ignored until it is corrected.", e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public FirmProfile profile() {
        return profile;
    }
}
