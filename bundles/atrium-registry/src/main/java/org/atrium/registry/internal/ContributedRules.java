package org.atrium.registry.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.atrium.api.client.ClientData;
import org.atrium.api.client.ClientRule;
import org.atrium.api.client.FieldError;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client rules other bundles register ({@link ClientRule}), applied after Atrium's own by every path
 * that stores a client: the register (REST, the staff page, the console) and imports. A rule joins and
 * leaves with its bundle; one that throws is skipped, said once in the log with its stack trace, and
 * counted afterwards, so a broken rule can neither stop the register nor flood the log during an import.
 */
@Component(service = ContributedRules.class)
public class ContributedRules {

    private static final Logger LOG = LoggerFactory.getLogger(ContributedRules.class);

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<ClientRule> rules = List.of();

    /** How often each rule threw: the first time is logged in full, then at 2, 4, 8... failures. */
    private final Map<Class<?>, Long> failures = new ConcurrentHashMap<>();

    /** For tests: the rules, which DS gives in Karaf. */
    ContributedRules with(List<ClientRule> given) {
        this.rules = List.copyOf(given);
        return this;
    }

    /** What the registered rules find wrong with the client; empty when there are none or all pass. */
    public List<FieldError> check(ClientData client) {
        List<ClientRule> current = rules;
        if (current.isEmpty()) {
            return List.of();
        }
        List<FieldError> errors = new ArrayList<>();
        for (ClientRule rule : current) {
            try {
                List<FieldError> found = rule.check(client);
                if (found != null) {
                    found.stream().filter(error -> error != null && error.message() != null).forEach(errors::add);
                }
            } catch (RuntimeException e) {
                long count = failures.merge(rule.getClass(), 1L, Long::sum);
                if (count == 1) {
                    LOG.error("The client rule {} failed and is skipped (it is logged in full only this once)",
                            rule.getClass().getName(), e);
                } else if (Long.bitCount(count) == 1) {
                    LOG.warn("The client rule {} has failed {} times and is skipped each time: {}",
                            rule.getClass().getName(), count, e.toString());
                }
            }
        }
        return errors;
    }
}
