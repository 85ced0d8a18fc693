package org.atrium.keys.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.atrium.api.keys.SecretKeys;

/**
 * Finds the master key, first of:
 * <ol>
 * <li>{@code master.key} in etc/atrium.keys.cfg (refused in a file every user of the machine may read, unless
 * the line takes it from elsewhere, such as {@code $[env:ATRIUM_MASTER_KEY]});</li>
 * <li>the environment variable {@value #ENVIRONMENT_VARIABLE};</li>
 * <li>on embedded Derby only: data/atrium/master.key, or data/atrium/tax-id.key of earlier versions (which was
 * the register's master key already), or a new data/atrium/master.key made now, owner-only.</li>
 * </ol>
 * On a database server nodes share the data, so a key of one node's own would encrypt what no other node can
 * read: there the key must be configured, and none is made.
 */
final class MasterKeySources {

    static final String ENVIRONMENT_VARIABLE = "ATRIUM_MASTER_KEY";
    static final String KEY_FILE = "master.key";
    /** The register's own key before there was a master key; what it encrypted stays readable. */
    static final String EARLIER_KEY_FILE = "tax-id.key";
    private static final Pattern KEY_LINE = Pattern.compile("(?m)^\\s*master\\.key\\s*[=:]\\s*(.*)$");

    /** Thrown when there is no usable master key; the message says what to do. */
    static final class NoMasterKey extends Exception {
        private static final long serialVersionUID = 1L;

        NoMasterKey(String message) {
            super(message);
        }
    }

    private final Path atriumData;

    /** @param atriumData the folder of Atrium's files, data/atrium */
    MasterKeySources(Path atriumData) {
        this.atriumData = atriumData;
    }

    /**
     * @param configFileUrl    the file the configuration came from (File Install's property), if any
     * @param environmentValue the value of {@value #ENVIRONMENT_VARIABLE}, if set
     */
    MasterKey find(KeysConfig config, Object configFileUrl, String environmentValue) throws NoMasterKey, IOException {
        if (!config.master_key().isBlank()) {
            refuseWorldReadable(configFileUrl);
            return new MasterKey(decode(config.master_key(), "etc/atrium.keys.cfg"), "etc/atrium.keys.cfg");
        }
        if (environmentValue != null && !environmentValue.isBlank()) {
            return new MasterKey(decode(environmentValue, ENVIRONMENT_VARIABLE), "the environment ("
                    + ENVIRONMENT_VARIABLE + ")");
        }
        if (!"derby".equals(config.type())) {
            throw new NoMasterKey("No master key: on a database server every node needs the same one, and none is "
                    + "made on its own. Write master.key = <Base64 of 32 random bytes> into etc/atrium.keys.cfg "
                    + "(chmod 600) on every node, or set " + ENVIRONMENT_VARIABLE + "; atrium:master-key --new makes "
                    + "one. Moving from embedded Derby: use the key of data/atrium/" + KEY_FILE + " (or "
                    + EARLIER_KEY_FILE + "), or its tax IDs cannot be read.");
        }
        return fromFile();
    }

    private MasterKey fromFile() throws IOException, NoMasterKey {
        Path file = atriumData.resolve(KEY_FILE);
        Path earlier = atriumData.resolve(EARLIER_KEY_FILE);
        if (!Files.exists(file) && Files.exists(earlier)) {
            file = earlier;
        } else if (!Files.exists(file)) {
            generate(file);
        }
        String source = "data/atrium/" + file.getFileName();
        return new MasterKey(decode(Files.readString(file), source), source);
    }

    /** Owner-only from the start: there is no moment when another user could read it. */
    private static void generate(Path file) throws IOException {
        byte[] key = new byte[SecretKeys.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(temporary);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(temporary);
        }
        Files.writeString(temporary, Base64.getEncoder().encodeToString(key) + System.lineSeparator());
        try {
            // a link fails if another start made the file meanwhile: its key, not this one, is the key
            Files.createLink(file, temporary);
        } catch (FileAlreadyExistsException raced) {
            // the other start's key stands
        } finally {
            Files.delete(temporary);
        }
    }

    private static byte[] decode(String base64, String source) throws NoMasterKey {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new NoMasterKey("The master key in " + source + " is not Base64: make one with atrium:master-key "
                    + "--new or openssl rand -base64 32");
        }
        if (key.length != SecretKeys.KEY_BYTES) {
            throw new NoMasterKey("The master key in " + source + " is " + key.length + " bytes, not "
                    + SecretKeys.KEY_BYTES + ": make one with atrium:master-key --new or openssl rand -base64 32");
        }
        return key;
    }

    /** As for the database password: a key every user of the machine may read is refused, not used. */
    private static void refuseWorldReadable(Object configFileUrl) throws IOException, NoMasterKey {
        if (!(configFileUrl instanceof String url)) {
            return;
        }
        Path file = Path.of(URI.create(url));
        if (!Files.exists(file) || !file.getFileSystem().supportedFileAttributeViews().contains("posix")
                || !Files.getPosixFilePermissions(file).contains(PosixFilePermission.OTHERS_READ)) {
            return;
        }
        Matcher line = KEY_LINE.matcher(Files.readString(file));
        boolean fromElsewhere = line.find() && line.group(1).strip().startsWith("$[");
        if (!fromElsewhere) {
            throw new NoMasterKey("etc/atrium.keys.cfg holds the master key and every user of this machine may read "
                    + "it: chmod 600 " + file + ", or take the key from the environment with master.key = $[env:"
                    + ENVIRONMENT_VARIABLE + "]");
        }
    }
}
