package org.atrium.api.client;

/** Someone changed the client since the caller read it; the caller should reload and try again. */
public class StaleVersionException extends AtriumException {
    private static final long serialVersionUID = 1L;
    private final long currentVersion;

    public StaleVersionException(String clientId, long expectedVersion, long currentVersion) {
        super("Client '" + clientId + "' was changed by someone else: you sent version " + expectedVersion
                + ", the current version is " + currentVersion + ". Reload the client and apply your change again.");
        this.currentVersion = currentVersion;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
