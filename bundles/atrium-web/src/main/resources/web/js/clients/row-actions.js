// What can be done to one client from its row: Edit, Delete, and the "..." menu.
import {api, apiUrl} from '../api.js';
import {announce, h, icon, replace} from '../dom.js';
import {confirmAction, errorAlert, formatDateTime, openDialog, plural, spinner, statusBadge, successAlert} from '../ui.js';
import {openClientForm} from './client-form.js';

/** @param context {session, offices, reload, showMessage} */
export function rowActions(client, context) {
    const id = encodeURIComponent(client.clientId);
    const path = `/clients/${id}`;
    const label = `client ${client.clientId}`;

    // Runs one action; its outcome (or error) goes to the page's message area.
    const run = (failure, action) => async () => {
        try {
            const text = await action();
            if (text) {
                context.showMessage(successAlert(text));
                announce(text);
            }
            context.reload();
        } catch (error) {
            context.showMessage(errorAlert(error, failure));
        }
    };
    const toggle = (route, on, what) => run(`${what} of ${label} was not changed.`, async () => {
        await api.put(`${path}/${route}`, {enabled: on});
        return `${what} ${on ? 'enabled' : 'disabled'} for ${label}.`;
    });
    const item = (text, iconName, onclick, extra = {}) => h('li', {},
        h('button', {type: 'button', class: 'dropdown-item', onclick, ...extra}, icon(iconName, 'me-2'), text));

    return h('div', {class: 'd-inline-flex gap-1'},
        h('button', {type: 'button', class: 'btn btn-sm btn-outline-secondary', 'aria-label': `Edit ${label}`,
            title: 'Edit', dataset: {action: 'edit'}, onclick: () => openClientForm({session: context.session,
                offices: context.offices, clientId: client.clientId, onSaved: saved => {
                    context.showMessage(successAlert(`Client ${saved.clientId} was saved.`));
                    announce(`Client ${saved.clientId} saved.`);
                    context.reload();
                }})}, icon('pencil')),
        h('button', {type: 'button', class: 'btn btn-sm btn-outline-danger', 'aria-label': `Delete ${label}`,
            title: 'Delete', dataset: {action: 'delete'}, onclick: async () => {
                const sure = await confirmAction('Delete client', `Delete client ${client.clientId} (${client.name})? `
                    + 'Their portal access and dropped-off documents go with them. This cannot be undone.', 'Delete client');
                if (sure) {
                    await run(`${label} was not deleted.`, async () => {
                        await api.del(path);
                        return `Client ${client.clientId} was deleted.`;
                    })();
                }
            }}, icon('trash')),
        h('div', {class: 'dropdown'},
            h('button', {type: 'button', class: 'btn btn-sm btn-outline-secondary', 'data-bs-toggle': 'dropdown',
                'aria-expanded': 'false', 'aria-label': `More actions for ${label}`, dataset: {action: 'more'}},
            icon('three-dots')),
            h('ul', {class: 'dropdown-menu dropdown-menu-end'},
                item('Client View', 'eye', () => showClientView(client)),
                item(client.smsOtp ? 'Disable SMS OTP' : 'Enable SMS OTP', 'phone', toggle('sms-otp', !client.smsOtp, 'SMS OTP')),
                item('Send Onboarding Email', 'envelope', run(`The onboarding email to ${label} was not sent.`, async () => {
                    const sent = await api.post(`${path}/onboarding-email`);
                    return `Onboarding email queued for ${label} (${plural(sent.recipients, 'recipient')}).`;
                })),
                item(client.dropOffAccess ? 'Disable Drop-Off Access' : 'Enable Drop-Off Access', 'inbox',
                    toggle('drop-off-access', !client.dropOffAccess, 'Drop-off access')),
                h('li', {}, h('hr', {class: 'dropdown-divider'})),
                item('Issue a temporary access code', 'key', () => issueCode(client)),
                item('Unlock portal sign-in', 'unlock', run(`The portal sign-in of ${label} was not unlocked.`, async () => {
                    const unlocked = await api.post(`${path}/access-code/unlock`);
                    return unlocked.unlocked.length ? `Portal sign-in unlocked for ${label}.`
                        : `The portal sign-in of ${label} was not locked.`;
                })),
                item('Drop-offs', 'folder2-open', () => showDropOffs(client)))));
}

async function showClientView(client) {
    const {body, footer, close} = openDialog(`Client View: ${client.clientId}`);
    footer.append(h('button', {type: 'button', class: 'btn btn-primary', text: 'Close', onclick: close}));
    const content = h('div', {}, spinner());
    const people = client.marriedFilingJointly ? h('div', {class: 'btn-group mb-3', role: 'group', 'aria-label': 'Whose view'},
        ['TAXPAYER', 'SPOUSE'].map(person => h('button', {type: 'button', class: 'btn btn-outline-primary btn-sm',
            text: person === 'TAXPAYER' ? 'Taxpayer' : 'Spouse', onclick: () => load(person)}))) : null;
    body.append(h('p', {class: 'text-secondary', text: 'What the client sees in the portal, read-only.'}), people, content);

    async function load(person) {
        replace(content, spinner());
        try {
            const view = await api.get(`/clients/${encodeURIComponent(client.clientId)}/portal-view`, {person});
            replace(content, portalView(view));
        } catch (error) {
            replace(content, errorAlert(error, 'The client view could not be loaded.'));
        }
    }
    load('TAXPAYER');
}

function portalView(view) {
    const row = (term, value) => [h('dt', {class: 'col-sm-4', text: term}), h('dd', {class: 'col-sm-8'}, value || '—')];
    return h('div', {class: 'card'}, h('div', {class: 'card-body'},
        h('h3', {class: 'h5', text: `Welcome, ${view.name}`}),
        h('dl', {class: 'row mb-2'},
            row('Email', view.email), row(view.person === 'SPOUSE' ? 'Taxpayer' : 'Spouse', view.otherPerson),
            row('Office', view.office ? view.office.name : null), row('Status', statusBadge(view.status)),
            row('Drop-off', view.dropOffOpen ? 'Open' : 'Closed'), row('Last sign-in', formatDateTime(view.lastSignInAt))),
        h('h4', {class: 'h6', text: 'Delivered to the portal'}),
        view.items.length ? h('ul', {}, view.items.map(i => h('li', {text: `${i.title} (${formatDateTime(i.deliveredAt)})`})))
            : h('p', {class: 'text-secondary', text: 'Nothing yet.'}),
        h('h4', {class: 'h6', text: 'Dropped off'}),
        view.uploads.length ? h('ul', {}, view.uploads.map(u => h('li', {text: `${u.fileName} (${formatDateTime(u.receivedAt)})`})))
            : h('p', {class: 'text-secondary mb-0', text: 'Nothing yet.'})));
}

async function issueCode(client) {
    const {body, footer, close} = openDialog(`Temporary access code: ${client.clientId}`, {size: 'dialog-sm'});
    footer.append(h('button', {type: 'button', class: 'btn btn-primary', text: 'Close', onclick: close}));
    const result = h('div', {'aria-live': 'polite'});
    const issue = person => async () => {
        replace(result, spinner('Issuing…'));
        try {
            const code = await api.post(`/clients/${encodeURIComponent(client.clientId)}/access-code`, undefined, {person});
            replace(result, h('div', {class: 'alert alert-info'},
                'Give this code to the client by phone or in person; it works once, until ',
                formatDateTime(code.expiresAt), ':',
                h('div', {class: 'display-6 font-monospace mt-2', id: 'access-code', text: code.code})));
        } catch (error) {
            replace(result, errorAlert(error, 'No code was issued.'));
        }
    };
    body.append(h('p', {text: 'For a client who cannot receive the code by email or SMS.'}),
        h('div', {class: 'd-flex gap-2 mb-3'},
            h('button', {type: 'button', class: 'btn btn-outline-primary', text: 'For the taxpayer', onclick: issue('TAXPAYER')}),
            client.marriedFilingJointly ? h('button', {type: 'button', class: 'btn btn-outline-primary', text: 'For the spouse',
                onclick: issue('SPOUSE')}) : null),
        result);
}

async function showDropOffs(client) {
    const {body, footer, close} = openDialog(`Drop-offs: ${client.clientId}`);
    footer.append(h('button', {type: 'button', class: 'btn btn-primary', text: 'Close', onclick: close}));
    body.append(spinner());
    try {
        const dropOffs = await api.get(`/clients/${encodeURIComponent(client.clientId)}/drop-offs`);
        replace(body, dropOffs.length === 0 ? h('p', {class: 'text-secondary m-0', text: 'This client has dropped off nothing.'})
            : h('table', {class: 'table table-sm'},
                h('thead', {}, h('tr', {}, ['File', 'Size', 'Received', 'By'].map(t => h('th', {scope: 'col', text: t})))),
                h('tbody', {}, dropOffs.map(d => h('tr', {},
                    h('td', {}, h('a', {href: apiUrl(`/clients/${encodeURIComponent(client.clientId)}/drop-offs/${encodeURIComponent(d.id)}`),
                        download: '', text: d.fileName})),
                    h('td', {text: `${Math.ceil(d.size / 1024)} KB`}), h('td', {text: formatDateTime(d.receivedAt)}),
                    h('td', {text: d.uploadedBy === 'SPOUSE' ? 'Spouse' : 'Taxpayer'}))))));
    } catch (error) {
        replace(body, errorAlert(error, 'The drop-offs could not be listed.'));
    }
}
