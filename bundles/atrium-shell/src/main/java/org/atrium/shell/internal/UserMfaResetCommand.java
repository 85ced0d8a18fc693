package org.atrium.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.atrium.api.security.Actor;
import org.atrium.api.security.MultiFactor;

/** For an administrator who lost their authenticator and recovery codes: the console needs neither. */
@Service
@Command(scope = "atrium", name = "user-mfa-reset", description = "Removes a user's authenticator and recovery codes "
        + "(audited)")
public class UserMfaResetCommand implements Action {

    @Argument(index = 0, name = "user", required = true, description = "The user name")
    String user;

    @Reference
    MultiFactor factors;

    @Override
    public Object execute() {
        factors.reset(user, Actor.administrator(InviteCommand.consoleUser()));
        System.out.println(user + ": two-factor sign-in reset.");
        System.out.println("They set up a new authenticator at their next sign-in.");
        return null;
    }
}
