// Personal API tokens on the account page: list with last use, create (shown once), revoke.
import {api, ApiError} from './api.js';
import {h, replace} from './dom.js';
import {clearFieldErrors, confirmAction, errorAlert, field, formatDateTime, showFieldErrors, spinner, successAlert} from './ui.js';

export function tokensSection() {
    const messages = h('div', {'aria-live': 'polite'});
    const list = h('div', {}, spinner());
    const name = h('input', {class: 'form-control', name: 'name', id: 'token-name', maxlength: 100});
    const days = h('select', {class: 'form-select', name: 'expiresAt', id: 'token-days'},
        [[30, '30 days'], [90, '90 days'], [180, '180 days'], [365, 'a year']].map(([value, text]) =>
            h('option', {value, text, selected: value === 90})));
    const readOnly = h('input', {type: 'checkbox', class: 'form-check-input', name: 'readOnly', id: 'token-read-only'});
    const form = h('form', {class: 'row g-3 align-items-end', novalidate: true, onsubmit: async event => {
        event.preventDefault();
        clearFieldErrors(form);
        const expires = new Date(Date.now() + Number(days.value) * 86_400_000).toISOString();
        try {
            const created = await api.post('/me/tokens', {name: name.value, expiresAt: expires, readOnly: readOnly.checked});
            name.value = '';
            replace(messages, h('div', {class: 'alert alert-success', role: 'status'},
                h('strong', {class: 'd-block', text: `Token "${created.name}" created. Copy it now: it is not shown again.`}),
                h('code', {class: 'user-select-all d-block mt-2 fs-6', id: 'new-token', text: created.token}),
                h('span', {class: 'small', text: 'Send it as the header Authorization: Bearer <token>.'})));
            load();
        } catch (error) {
            if (error instanceof ApiError) {
                showFieldErrors(form, error.fieldErrors);
            }
            replace(messages, errorAlert(error, 'No token was created.'));
        }
    }},
    field('Token name', name, {col: 'col-md-5', help: 'What uses it, e.g. "nightly export script".'}),
    field('Valid for', days, {col: 'col-md-3'}),
    field('Read-only', readOnly, {col: 'col-md-2'}),
    h('div', {class: 'col-md-2'}, h('button', {type: 'submit', class: 'btn btn-primary w-100', id: 'create-token',
        text: 'Create token'})));

    async function load() {
        try {
            const tokens = await api.get('/me/tokens');
            replace(list, tokens.length === 0 ? h('p', {class: 'text-secondary', text: 'No API tokens.'})
                : h('table', {class: 'table table-sm', id: 'tokens-table'},
                    h('thead', {}, h('tr', {}, ['Name', 'Access', 'Created', 'Expires', 'Last used', ''].map(t =>
                        h('th', {scope: 'col'}, t || h('span', {class: 'visually-hidden', text: 'Actions'}))))),
                    h('tbody', {}, tokens.map(t => h('tr', {},
                        h('td', {text: t.name}), h('td', {text: t.readOnly ? 'Read-only' : 'Read and change'}),
                        h('td', {text: formatDateTime(t.createdAt)}), h('td', {text: formatDateTime(t.expiresAt)}),
                        h('td', {text: t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'Never'}),
                        h('td', {class: 'text-end'}, h('button', {type: 'button', class: 'btn btn-sm btn-outline-danger',
                            text: 'Revoke', 'aria-label': `Revoke the token ${t.name}`, onclick: () => revoke(t)})))))));
        } catch (error) {
            replace(list, errorAlert(error, 'Your tokens could not be listed.'));
        }
    }

    async function revoke(token) {
        if (!await confirmAction('Revoke token', `Revoke "${token.name}"? Whatever uses it stops working at once.`,
            'Revoke token')) {
            return;
        }
        try {
            await api.del(`/me/tokens/${encodeURIComponent(token.id)}`);
            replace(messages, successAlert(`"${token.name}" was revoked.`));
            load();
        } catch (error) {
            replace(messages, errorAlert(error, 'The token was not revoked.'));
        }
    }

    load();
    return h('div', {class: 'card shadow-sm mt-4'}, h('div', {class: 'card-body'},
        h('h2', {class: 'h5', text: 'API tokens'}),
        h('p', {class: 'text-secondary', text: 'For scripts and other programs that call the REST API: a token acts '
            + 'with your roles and offices, and can be limited to reading.'}),
        messages, form, h('div', {class: 'mt-3'}, list)));
}
