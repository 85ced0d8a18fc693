package org.atrium.api.client;

/** Who of a client a portal action is for: the taxpayer, or the spouse of a couple filing jointly. */
public enum Person {
    TAXPAYER,
    SPOUSE
}
