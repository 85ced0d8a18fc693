package org.atrium.sms.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** An {@link SmsConfig} with its declared defaults, some of them overridden (keys are method names). */
final class Configs {

    private Configs() {
    }

    static SmsConfig sms(Map<String, Object> overrides) {
        return (SmsConfig) Proxy.newProxyInstance(SmsConfig.class.getClassLoader(), new Class<?>[] {SmsConfig.class},
                (proxy, method, args) -> method.getName().equals("annotationType") ? SmsConfig.class
                        : overrides.getOrDefault(method.getName(), method.getDefaultValue()));
    }
}
