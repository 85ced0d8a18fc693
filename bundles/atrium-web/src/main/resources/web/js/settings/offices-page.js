// Offices and users (administrators): office locations, and each user's email and granted offices.
import {api, ApiError} from '../api.js';
import {announce, h, icon, replace} from '../dom.js';
import {clearFieldErrors, confirmAction, errorAlert, field, openDialog, showFieldErrors, spinner, successAlert} from '../ui.js';

export function show(main) {
    const messages = h('div', {'aria-live': 'polite'});
    const officesArea = h('div', {}, spinner());
    const usersArea = h('div', {}, spinner());
    let offices = [];
    replace(main, h('h1', {class: 'h3 mb-3', text: 'Offices and users'}), messages,
        h('div', {class: 'row g-4'},
            h('section', {class: 'col-lg-5', 'aria-labelledby': 'offices-heading'},
                h('div', {class: 'd-flex align-items-center mb-2'},
                    h('h2', {class: 'h5 m-0 me-auto', id: 'offices-heading', text: 'Office locations'}),
                    h('button', {type: 'button', class: 'btn btn-sm btn-primary', id: 'add-office', onclick: addOffice},
                        icon('plus-lg', 'me-1'), 'Add office')),
                officesArea),
            h('section', {class: 'col-lg-7', 'aria-labelledby': 'users-heading'},
                h('h2', {class: 'h5 mb-2', id: 'users-heading', text: 'Users'}),
                h('p', {class: 'text-secondary small', text: 'Users and passwords live in Karaf\'s realm (jaas:* console '
                    + 'commands). Staff reach only the clients of the offices granted to them.'}),
                usersArea)));

    async function load() {
        try {
            const [officeList, users] = await Promise.all([api.get('/offices'), api.get('/users')]);
            offices = officeList;
            replace(officesArea, h('table', {class: 'table table-sm bg-white', id: 'offices-table'},
                h('thead', {}, h('tr', {}, h('th', {scope: 'col', text: 'Number'}), h('th', {scope: 'col', text: 'Name'}))),
                h('tbody', {}, offices.map(o => h('tr', {}, h('td', {text: o.number}), h('td', {text: o.name}))))));
            replace(usersArea, h('table', {class: 'table table-sm bg-white', id: 'users-table'},
                h('thead', {}, h('tr', {}, ['User', 'Role', 'Email', 'Offices', ''].map(t => h('th', {scope: 'col'},
                    t || h('span', {class: 'visually-hidden', text: 'Actions'}))))),
                h('tbody', {}, users.map(u => h('tr', {},
                    h('td', {text: u.username}),
                    h('td', {text: u.roles.includes('atrium-admin') ? 'Administrator' : u.roles.length ? 'Staff' : 'No role'}),
                    h('td', {text: u.email || ''}),
                    h('td', {text: u.allOffices ? 'All' : u.offices.join(', ') || 'None'}),
                    h('td', {class: 'text-end'}, h('div', {class: 'd-inline-flex gap-1'},
                        h('button', {type: 'button', class: 'btn btn-sm btn-outline-secondary', text: 'Edit',
                            'aria-label': `Edit ${u.username}`, onclick: () => editUser(u)}),
                        h('button', {type: 'button', class: 'btn btn-sm btn-outline-danger', text: 'Reset two-factor',
                            'aria-label': `Reset the two-factor sign-in of ${u.username}`, dataset: {resetMfa: u.username},
                            onclick: () => resetMfa(u)}))))))));
        } catch (error) {
            replace(officesArea, errorAlert(error, 'Offices and users could not be loaded.'));
            replace(usersArea);
        }
    }

    async function resetMfa(user) {
        const sure = await confirmAction('Reset two-factor sign-in', `Remove the authenticator and recovery codes of `
            + `${user.username}? Their sessions end, and they set up a new authenticator at their next sign-in.`,
            'Reset two-factor sign-in');
        if (!sure) {
            return;
        }
        try {
            await api.del(`/users/${encodeURIComponent(user.username)}/mfa`);
            replace(messages, successAlert(`The two-factor sign-in of ${user.username} was reset.`));
        } catch (error) {
            replace(messages, errorAlert(error, 'Two-factor sign-in was not reset.'));
        }
    }

    function addOffice() {
        const {body, footer, close} = openDialog('Add office', {size: 'dialog-sm'});
        const message = h('div', {'aria-live': 'assertive'});
        const number = h('input', {class: 'form-control', name: 'number', type: 'number', min: 1});
        const name = h('input', {class: 'form-control', name: 'name'});
        const form = h('form', {class: 'row g-3', id: 'office-form', novalidate: true, onsubmit: async event => {
            event.preventDefault();
            clearFieldErrors(form);
            try {
                const office = await api.post('/offices', {number: number.value === '' ? null : Number(number.value),
                    name: name.value});
                close();
                replace(messages, successAlert(`Office ${office.number} (${office.name}) was added.`));
                announce(`Office ${office.number} added.`);
                load();
            } catch (error) {
                if (error instanceof ApiError) {
                    showFieldErrors(form, error.fieldErrors);
                }
                replace(message, errorAlert(error, 'The office was not added.'));
            }
        }}, field('Number', number, {wide: true}), field('Name', name, {wide: true}));
        footer.append(h('button', {type: 'button', class: 'btn btn-outline-secondary', text: 'Cancel', onclick: close}),
            h('button', {type: 'submit', class: 'btn btn-primary', form: 'office-form', text: 'Add office'}));
        body.append(message, form);
        number.focus();
    }

    function editUser(user) {
        const {body, footer, close} = openDialog(`User ${user.username}`);
        const message = h('div', {'aria-live': 'assertive'});
        const email = h('input', {class: 'form-control', name: 'email', type: 'email', value: user.email || ''});
        const boxes = offices.map(o => h('div', {class: 'form-check'},
            h('input', {type: 'checkbox', class: 'form-check-input', id: `grant-${o.number}`, value: o.number,
                checked: user.offices.includes(o.number)}),
            h('label', {class: 'form-check-label', for: `grant-${o.number}`, text: `${o.number} · ${o.name}`})));
        const form = h('form', {class: 'row g-3', id: 'user-form', novalidate: true, onsubmit: async event => {
            event.preventDefault();
            clearFieldErrors(form);
            const granted = [...form.querySelectorAll('input[type=checkbox]:checked')].map(b => Number(b.value));
            try {
                await api.put(`/users/${encodeURIComponent(user.username)}`, {email: email.value.trim() || null, offices: granted});
                close();
                replace(messages, successAlert(`The grant of ${user.username} was saved.`));
                load();
            } catch (error) {
                if (error instanceof ApiError) {
                    showFieldErrors(form, error.fieldErrors);
                }
                replace(message, errorAlert(error, 'The grant was not saved.'));
            }
        }}, field('Email', email, {wide: true}),
        h('fieldset', {class: 'col-12', name: 'offices'}, h('legend', {class: 'fs-6', text: user.allOffices
            ? 'Offices (an administrator reaches every office anyway)' : 'Offices granted'}), boxes));
        footer.append(h('button', {type: 'button', class: 'btn btn-outline-secondary', text: 'Cancel', onclick: close}),
            h('button', {type: 'submit', class: 'btn btn-primary', form: 'user-form', text: 'Save'}));
        body.append(message, form);
        email.focus();
    }

    load();
}
