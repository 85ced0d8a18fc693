package org.atrium.sms.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.atrium.api.sms.SmsDeliveryException;
import org.atrium.api.sms.SmsGateway;
import org.atrium.api.sms.SmsMessage;
import org.atrium.api.sms.SmsSender;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends through the gateway named in etc/atrium.sms.cfg, among every registered one (ours and firms'), so
 * that switching gateways is a configuration change and a firm's gateway bundle can come and go.
 */
@Component(service = SmsSender.class, configurationPid = "atrium.sms")
@Designate(ocd = SmsConfig.class)
public class ConfiguredSmsSender implements SmsSender {

    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredSmsSender.class);

    private final Map<String, SmsGateway> gateways = new ConcurrentHashMap<>();
    private volatile String gateway;

    @Activate
    public ConfiguredSmsSender(SmsConfig config) {
        reconfigure(config);
    }

    @Modified
    void reconfigure(SmsConfig config) {
        gateway = config.gateway().strip();
        LOG.info("Text messages go through the '{}' gateway", gateway);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addGateway(SmsGateway added, Map<String, Object> properties) {
        Object name = properties.get(SmsGateway.NAME);
        if (name == null) {
            LOG.warn("SMS gateway {} has no {} property and is ignored", added.getClass().getName(), SmsGateway.NAME);
            return;
        }
        gateways.put(name.toString(), added);
    }

    void removeGateway(SmsGateway removed, Map<String, Object> properties) {
        Object name = properties.get(SmsGateway.NAME);
        if (name != null) {
            gateways.remove(name.toString(), removed);
        }
    }

    @Override
    public void send(SmsMessage message) {
        String name = gateway;
        SmsGateway chosen = gateways.get(name);
        if (chosen == null) {
            throw new SmsDeliveryException("The SMS gateway '" + name + "' chosen in etc/atrium.sms.cfg is not "
                    + "installed (installed: " + String.join(", ", gateways.keySet()) + ")");
        }
        chosen.send(message);
    }

    @Override
    public String gateway() {
        return gateway;
    }
}
