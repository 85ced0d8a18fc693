package org.atrium.rest.internal.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

import org.osgi.service.component.annotations.Component;
import org.passay.DictionaryRule;
import org.passay.LengthRule;
import org.passay.PasswordData;
import org.passay.PasswordValidator;
import org.passay.PropertiesMessageResolver;
import org.passay.RuleResult;
import org.passay.UsernameRule;
import org.passay.dictionary.ArrayWordList;
import org.passay.dictionary.WordListDictionary;
import org.passay.dictionary.sort.ArraysSort;

/**
 * What a staff password must be (NIST SP 800-63B rather than composition rules): at least
 * {@value #MIN_LENGTH} characters, not containing the user name, and not one of the 100,000 most common
 * passwords. Passwords that were set before these rules (the shipped {@code admin/admin}) are changed at the
 * next sign-in in the browser.
 */
// one instance for the bundle: it reads the list of common passwords once
@Component(service = PasswordRules.class)
public final class PasswordRules {

    public static final int MIN_LENGTH = 12;
    /** bcrypt reads 72 bytes; a longer limit only guards the server against huge inputs. */
    public static final int MAX_LENGTH = 128;

    /** nbvcxz's list of the most common passwords, most common first, unpacked into the bundle at build time. */
    private static final String COMMON_PASSWORDS = "/nbvcxz/dictionaries/passwords.txt";

    private final PasswordValidator validator;

    public PasswordRules() {
        Properties messages = new Properties();
        messages.setProperty(LengthRule.ERROR_CODE_MIN, "Use at least " + MIN_LENGTH + " characters; a few words "
                + "that belong together make a good one.");
        messages.setProperty(LengthRule.ERROR_CODE_MAX, "Use at most " + MAX_LENGTH + " characters.");
        messages.setProperty(UsernameRule.ERROR_CODE, "Do not use your user name in the password.");
        messages.setProperty(UsernameRule.ERROR_CODE_REVERSED, "Do not use your user name in the password.");
        messages.setProperty(DictionaryRule.ERROR_CODE, "This is one of the most common passwords, the first "
                + "that anyone guessing would try: choose another.");
        validator = new PasswordValidator(new PropertiesMessageResolver(messages), List.of(
                new LengthRule(MIN_LENGTH, MAX_LENGTH),
                new UsernameRule(true, true),
                new DictionaryRule(new WordListDictionary(new ArrayWordList(commonPasswords(), false,
                        new ArraysSort())))));
    }

    /** What is wrong with this password for this user, in words for them; empty if it is acceptable. */
    public List<String> problems(String user, String password) {
        RuleResult result = validator.validate(new PasswordData(user, password));
        return result.isValid() ? List.of() : validator.getMessages(result).stream().distinct().toList();
    }

    /** The common passwords long enough to pass the length rule: the shorter ones fail on length anyway. */
    private static String[] commonPasswords() {
        InputStream list = PasswordRules.class.getResourceAsStream(COMMON_PASSWORDS);
        if (list == null) {
            throw new IllegalStateException(COMMON_PASSWORDS + " is missing from the bundle");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(list, StandardCharsets.UTF_8))) {
            return reader.lines().map(String::strip).filter(word -> word.length() >= MIN_LENGTH)
                    .toArray(String[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
