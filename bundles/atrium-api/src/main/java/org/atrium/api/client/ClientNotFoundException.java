package org.atrium.api.client;

/** No client with that client ID (or none the caller may see). */
public class ClientNotFoundException extends AtriumException {
    private static final long serialVersionUID = 1L;
    private final String clientId;

    public ClientNotFoundException(String clientId) {
        super("No client with client ID '" + clientId + "'.");
        this.clientId = clientId;
    }

    public String clientId() {
        return clientId;
    }
}
