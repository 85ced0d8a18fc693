package org.atrium.registry.internal.imports;

import java.util.List;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;
import javax.persistence.TableGenerator;

import org.atrium.registry.internal.ClientEntity;
import org.atrium.registry.internal.ClientRules;

/**
 * A client as it was before an import overwrote it, and the version the import left it at: reverting
 * restores the snapshot only if the client is still at that version.
 */
@Entity
@Table(name = "IMPORT_UNDO", indexes = @Index(name = "IX_IMPORT_UNDO_IMPORT", columnList = "IMPORT_ID, ID"))
public class ImportUndoEntity {

    @Id
    @TableGenerator(name = "IMPORT_UNDO_PK", table = "ID_GENERATOR", pkColumnName = "NAME",
            valueColumnName = "NEXT_VALUE", allocationSize = 100)
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "IMPORT_UNDO_PK")
    @Column(name = "ID")
    private long id;

    @Column(name = "IMPORT_ID", nullable = false, length = ImportBatchEntity.MAX_ID)
    private String importId;

    @Column(name = "CLIENT_PK", nullable = false)
    private long clientPk;

    @Column(name = "CLIENT_ID", nullable = false, length = ClientRules.MAX_CLIENT_ID)
    private String clientId;

    @Column(name = "VERSION_AFTER", nullable = false)
    private long versionAfter;

    /** See {@link ClientEntity#snapshot()}. */
    @Column(name = "BEFORE_VALUES", nullable = false, length = 8000)
    private String before;

    /** Every column, in the order of {@link #columnValues()}, for imports' JDBC batches. */
    public static final List<String> COLUMNS = List.of("ID", "IMPORT_ID", "CLIENT_PK", "CLIENT_ID", "VERSION_AFTER",
            "BEFORE_VALUES");

    protected ImportUndoEntity() {
        // for JPA
    }

    ImportUndoEntity(String importId, ClientEntity client, String before) {
        this.importId = importId;
        this.clientPk = client.pk();
        this.clientId = client.clientId();
        this.versionAfter = client.version();
        this.before = before;
    }

    Object[] columnValues(long newId) {
        return new Object[] {newId, importId, clientPk, clientId, versionAfter, before};
    }

    long id() {
        return id;
    }

    long clientPk() {
        return clientPk;
    }

    String before() {
        return before;
    }

    long versionAfter() {
        return versionAfter;
    }
}
