package org.atrium.registry.internal;

import java.time.Instant;
import java.util.UUID;

import javax.persistence.Cacheable;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;

import org.atrium.api.security.AttemptMarks;

/** One mark of {@link AttemptMarks}. Not cached: a mark written by another node must count here at once. */
@Entity
@Cacheable(false)
@Table(name = "ATTEMPT_MARK", indexes = {
    @Index(name = "IX_ATTEMPT_MARK_KEY", columnList = "KIND,SUBJECT,MARKED_AT"),
    @Index(name = "IX_ATTEMPT_MARK_TIME", columnList = "KIND,MARKED_AT")})
public class AttemptMarkEntity {

    static final int MAX_KIND = 32;

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "KIND", length = MAX_KIND, nullable = false)
    private String kind;

    @Column(name = "SUBJECT", length = AttemptMarks.MAX_SUBJECT, nullable = false)
    private String subject;

    @Column(name = "MARKED_AT", nullable = false)
    private Instant markedAt;

    protected AttemptMarkEntity() {
        // for JPA
    }

    AttemptMarkEntity(AttemptMarks.Key key, Instant at) {
        this.id = UUID.randomUUID().toString();
        this.kind = key.kind();
        this.subject = key.subject();
        this.markedAt = at;
    }
}
