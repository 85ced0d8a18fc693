package org.atrium.api.client;

import java.util.Arrays;
import java.util.Optional;

/**
 * The columns a client list can be sorted by, named as in the REST API. Clients with the same value follow
 * one another by client ID; a descending order is the ascending one turned round, client IDs too.
 */
public enum SortField {
    CLIENT_ID("clientId"),
    NAME("name"),
    EMAIL("email"),
    TYPE("type"),
    STATUS("status"),
    OFFICE_LOCATION("officeLocation"),
    CREATED_AT("createdAt"),
    UPDATED_AT("updatedAt");

    private final String apiName;

    SortField(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    public static Optional<SortField> byApiName(String name) {
        return Arrays.stream(values()).filter(f -> f.apiName.equals(name)).findFirst();
    }
}
