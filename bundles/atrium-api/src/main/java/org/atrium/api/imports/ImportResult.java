package org.atrium.api.imports;

/**
 * What an applied import did to the register.
 *
 * @param taxIdsCleared stored SSNs/EINs the import erased (0 when not known: an import looked up later)
 */
public record ImportResult(String importId, long created, long updated, long taxIdsCleared) {

    /** A result without the tax IDs cleared (the form before 1.2). */
    public ImportResult(String importId, long created, long updated) {
        this(importId, created, updated, 0);
    }
}
