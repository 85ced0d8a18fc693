package org.atrium.registry.internal;

import java.io.Serializable;
import java.util.Objects;

import javax.persistence.Cacheable;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.Table;

import org.eclipse.persistence.annotations.ReadOnly;

/**
 * A row of CLIENT_TERM as queries name it ({@code SELECT t.clientPk FROM ClientTermEntity t WHERE t.term ...}):
 * read only. The rows are written as {@link ClientEntity}'s search terms, in the client's transaction.
 */
@Entity
@Table(name = "CLIENT_TERM")
@IdClass(ClientTermEntity.Key.class)
@ReadOnly
@Cacheable(false)
public class ClientTermEntity {

    @Id
    @Column(name = "TERM")
    private String term;

    @Id
    @Column(name = "CLIENT_PK")
    private long clientPk;

    protected ClientTermEntity() {
        // for JPA
    }

    /** The primary key: a word and a client that has it. */
    public static final class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private String term;
        private long clientPk;

        public Key() {
            // for JPA
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.clientPk == clientPk && Objects.equals(key.term, term);
        }

        @Override
        public int hashCode() {
            return Objects.hash(term, clientPk);
        }
    }
}
