package org.atrium.mailer.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** A {@link MailerConfig} with its declared defaults, some of them overridden (keys are method names). */
final class Configs {

    private Configs() {
    }

    static MailerConfig mailer(Map<String, Object> overrides) {
        return (MailerConfig) Proxy.newProxyInstance(MailerConfig.class.getClassLoader(),
                new Class<?>[] {MailerConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return MailerConfig.class;
                    }
                    return overrides.containsKey(method.getName()) ? overrides.get(method.getName())
                            : method.getDefaultValue();
                });
    }
}
