package org.atrium.registry.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.atrium.api.client.ClientValidationException;
import org.atrium.api.client.FieldError;
import org.atrium.api.database.DatabaseSchema;
import org.atrium.api.security.UserPreferences;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Users' page preferences in the "atrium" persistence unit (not audited: they change nothing of a client). */
@Component(service = UserPreferences.class,
        // opens once atrium-database has brought the tables up to date
        reference = @Reference(name = "schema", service = DatabaseSchema.class, target = "(atrium.schema=register)"))
public class JpaUserPreferences implements UserPreferences {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0," + (MAX_NAME - 1) + "}");

    private final JpaTemplate jpa;

    @Activate
    public JpaUserPreferences(@Reference(target = "(osgi.unit.name=atrium)") JpaTemplate jpa) {
        this.jpa = jpa;
    }

    @Override
    public Map<String, String> of(String username) {
        return jpa.txExpr(TransactionType.Supports, em -> {
            Map<String, String> preferences = new LinkedHashMap<>();
            em.createQuery("SELECT p FROM UserPreferenceEntity p WHERE p.username = :user ORDER BY p.name",
                    UserPreferenceEntity.class).setParameter("user", username).getResultList()
                    .forEach(p -> preferences.put(p.name(), p.json()));
            return preferences;
        });
    }

    @Override
    public void put(String username, String name, String json) {
        List<FieldError> errors = new ArrayList<>();
        checkName(name, errors);
        if (json == null || json.isBlank() || json.length() > MAX_VALUE) {
            errors.add(new FieldError("value", "A preference is a JSON value of 1 to " + MAX_VALUE + " characters."));
        }
        requireNone(errors);
        jpa.tx(TransactionType.Required, em -> {
            UserPreferenceEntity existing = em.find(UserPreferenceEntity.class, new UserPreferenceEntity.Key(username, name));
            if (existing != null) {
                existing.json(json);
                return;
            }
            long kept = em.createQuery("SELECT COUNT(p) FROM UserPreferenceEntity p WHERE p.username = :user",
                    Long.class).setParameter("user", username).getSingleResult();
            if (kept >= MAX_PER_USER) {
                throw new ClientValidationException(List.of(new FieldError("name", "A user keeps at most "
                        + MAX_PER_USER + " preferences; remove one first.")));
            }
            em.persist(new UserPreferenceEntity(username, name, json));
        });
    }

    @Override
    public void remove(String username, String name) {
        List<FieldError> errors = new ArrayList<>();
        checkName(name, errors);
        requireNone(errors);
        jpa.tx(TransactionType.Required, em -> {
            UserPreferenceEntity existing = em.find(UserPreferenceEntity.class, new UserPreferenceEntity.Key(username, name));
            if (existing != null) {
                em.remove(existing);
            }
        });
    }

    private static void requireNone(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ClientValidationException(errors);
        }
    }

    private static void checkName(String name, List<FieldError> errors) {
        if (name == null || !NAME.matcher(name).matches()) {
            errors.add(new FieldError("name", "A preference name is 1 to " + MAX_NAME + " letters, digits, dots, "
                    + "dashes or underscores, starting with a letter."));
        }
    }
}
