package org.atrium.portal.internal;

import java.util.List;

import org.atrium.api.client.Client;
import org.atrium.api.client.Person;
import org.atrium.api.client.PortalPerson;
import org.atrium.api.client.RegistrationStatus;
import org.atrium.api.office.OfficeDirectory;
import org.atrium.api.office.OfficeLocation;

/**
 * What a signed-in person sees in the portal: {@code GET /portal/api/v1/me}, and the same for staff's
 * "Client View". Never a tax ID or date of birth.
 *
 * @param otherPerson the spouse's name for the taxpayer and the other way round; null without a spouse
 * @param items what the firm delivered to the person's current email address
 * @param uploads the documents this client dropped off (names only: nothing is served back)
 */
public record PortalView(String clientId, Person person, String name, String email, String otherPerson,
        Office office, RegistrationStatus status, boolean dropOffOpen, String lastSignInAt, List<Item> items,
        List<Upload> uploads) {

    /** The firm's office the client belongs to. */
    public record Office(int number, String name) {
    }

    public record Item(String title, String deliveredAt) {
    }

    public record Upload(String fileName, long size, String receivedAt, Person by) {
    }

    /** The view of the person as it is now: the one place both the portal and staff's client view build it. */
    static PortalView of(PortalPerson person, OfficeDirectory offices, PortalItems deliveries, DropOffStore dropOffs) {
        Client client = person.client();
        List<PortalItem> items = deliveries.of(person);
        List<DropOff> uploads = dropOffs.list(client);
        String other = client.spouse() == null ? null
                : person.person() == Person.TAXPAYER ? client.spouse().name() : client.name();
        Office office = new Office(client.officeLocation(), offices.find(client.officeLocation())
                .map(OfficeLocation::name).orElse(null));
        return new PortalView(client.clientId(), person.person(), person.name(), person.email(), other, office,
                client.status(), client.dropOffAccess(), client.lastSignInAt() == null ? null
                        : client.lastSignInAt().toString(),
                items.stream().map(item -> new Item(item.title(), item.deliveredAt().toString())).toList(),
                uploads.stream().map(upload -> new Upload(upload.fileName(), upload.size(),
                        upload.receivedAt().toString(), upload.person())).toList());
    }
}
