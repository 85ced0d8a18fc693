package org.atrium.example.extension;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.atrium.api.client.ClientData;
import org.atrium.api.client.ClientRule;
import org.atrium.api.client.FieldError;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The firm's client IDs follow a pattern (clientId.pattern in etc/atrium.example.cfg): a {@link ClientRule}
 * service, which Atrium applies to every client created or edited (REST, the staff page) and every imported
 * row, naming the pattern in its message.
 */
@Component(configurationPid = "atrium.example")
@Designate(ocd = ExampleConfig.class)
public class ClientIdPatternRule implements ClientRule {

    private static final Logger LOG = LoggerFactory.getLogger(ClientIdPatternRule.class);

    private volatile Optional<Pattern> pattern = Optional.empty();

    @Activate
    @Modified
    void configure(ExampleConfig config) {
        pattern = compile(config.clientId_pattern());
    }

    static Optional<Pattern> compile(String regex) {
        if (regex == null || regex.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Pattern.compile(regex.strip()));
        } catch (PatternSyntaxException e) {
            LOG.error("etc/atrium.example.cfg: clientId.pattern '{}' is not a regular expression ({}); no client ID "
                    + "rule applies until it is corrected", regex, e.getDescription());
            return Optional.empty();
        }
    }

    @Override
    public List<FieldError> check(ClientData client) {
        Optional<Pattern> current = pattern;
        if (current.isEmpty() || client.clientId() == null || current.get().matcher(client.clientId()).matches()) {
            return List.of();
        }
        return List.of(new FieldError("clientId", "Client ID '" + client.clientId()
                + "' does not follow the firm's pattern " + current.get().pattern() + "."));
    }
}
