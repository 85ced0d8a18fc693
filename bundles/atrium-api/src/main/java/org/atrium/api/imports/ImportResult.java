package org.atrium.api.imports;

/** What an applied import did to the register. */
public record ImportResult(String importId, long created, long updated) {
}
