package org.atrium.api.client;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives the clients {@link ClientRegister#forEachClient} reads, one at a time. */
@FunctionalInterface
@ConsumerType
public interface ClientVisitor {

    /**
     * Called once before the first client: how many clients matched when the read began (a client deleted
     * meanwhile is left out, so fewer may follow), e.g. to size a file before writing it.
     */
    default void matching(long count) {
        // most visitors need no count
    }

    void visit(Client client);
}
