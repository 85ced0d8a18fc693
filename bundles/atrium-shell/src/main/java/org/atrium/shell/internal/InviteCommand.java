package org.atrium.shell.internal;

import java.security.AccessController;
import java.util.List;

import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.atrium.api.client.AtriumException;
import org.atrium.api.client.Client;
import org.atrium.api.client.ClientRegister;
import org.atrium.api.onboarding.Onboarding;
import org.atrium.api.security.Actor;

/** Available while the atrium-onboarding feature is installed. */
@Service
@Command(scope = "atrium", name = "invite", description = "Sends the onboarding email to clients")
public class InviteCommand implements Action {

    @Argument(index = 0, name = "clientIds", required = true, multiValued = true, description = "Client IDs")
    @Completion(ClientIdCompleter.class)
    List<String> clientIds;

    @Reference
    Onboarding onboarding;

    @Reference
    ClientRegister register;

    @Override
    public Object execute() {
        // the console is for administrators; the audit trail names the console user
        ClientRegister asConsoleUser = register.as(Actor.administrator(consoleUser()));
        for (String clientId : clientIds) {
            try {
                Client invited = onboarding.invite(asConsoleUser, clientId);
                System.out.println(invited.clientId() + ": " + invited.status() + ", links valid until "
                        + invited.invitationExpiresAt());
            } catch (AtriumException e) {
                System.out.println(clientId + ": not sent. " + e.getMessage());
            }
        }
        return null;
    }

    @SuppressWarnings("removal") // the shell runs commands within the session's JAAS subject
    static String consoleUser() {
        Subject subject = Subject.getSubject(AccessController.getContext());
        if (subject != null) {
            for (UserPrincipal user : subject.getPrincipals(UserPrincipal.class)) {
                return user.getName();
            }
        }
        return "console";
    }
}
