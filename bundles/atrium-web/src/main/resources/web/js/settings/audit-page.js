// The audit trail (administrators): searchable by client, user, action and date, paged.
import {api} from '../api.js';
import {h, icon, replace} from '../dom.js';
import {errorAlert, formatCount, formatDateTime, spinner} from '../ui.js';

const ACTIONS = ['CLIENT_CREATED', 'CLIENT_UPDATED', 'CLIENT_DELETED', 'TAX_ID_READ', 'INVITATION_SENT',
    'INVITATION_FAILED', 'OFFICE_CREATED', 'GRANT_CHANGED', 'SIGN_IN_FAILED', 'IMPORT_APPLIED', 'IMPORT_REVERTED',
    'IMPORT_TAKEN_BACK', 'CLIENTS_EXPORTED', 'CLIENT_REGISTERED', 'CLIENT_SIGNED_IN', 'ACCESS_CODE_ISSUED', 'SIGN_IN_UNLOCKED',
    'DROP_OFF_RECEIVED', 'DROP_OFF_READ', 'DROP_OFF_REMOVED'];
const SIZE = 50;

export function show(main) {
    let page = 0;
    const input = (id, label, type = 'text') => {
        const control = h('input', {class: 'form-control', id, type});
        return [control, h('div', {class: 'col-sm-6 col-lg'}, h('label', {class: 'form-label', for: id, text: label}), control)];
    };
    const [clientId, clientField] = input('audit-client', 'Client ID');
    const [user, userField] = input('audit-user', 'User');
    const [from, fromField] = input('audit-from', 'From', 'date');
    const [to, toField] = input('audit-to', 'To', 'date');
    const action = h('select', {class: 'form-select', id: 'audit-action'}, h('option', {value: '', text: 'Any action'}),
        ACTIONS.map(a => h('option', {value: a, text: a.replaceAll('_', ' ').toLowerCase()})));
    const results = h('div', {'aria-live': 'polite'});
    replace(main, h('h1', {class: 'h3 mb-3', text: 'Audit trail'}),
        h('form', {class: 'row g-2 align-items-end mb-3', role: 'search', onsubmit: event => { event.preventDefault(); page = 0; load(); }},
            clientField, userField,
            h('div', {class: 'col-sm-6 col-lg'}, h('label', {class: 'form-label', for: 'audit-action', text: 'Action'}), action),
            fromField, toField,
            h('div', {class: 'col-auto'}, h('button', {type: 'submit', class: 'btn btn-primary', id: 'audit-search'},
                icon('search', 'me-1'), 'Search'))),
        results);

    async function load() {
        replace(results, spinner());
        try {
            const found = await api.get('/audit', {clientId: clientId.value.trim(), user: user.value.trim(),
                action: action.value, from: from.value, to: to.value, page, size: SIZE});
            const pages = Math.max(1, Math.ceil(found.total / SIZE));
            replace(results,
                h('p', {class: 'text-secondary', text: `${formatCount(found.total)} entries, newest first.`}),
                h('table', {class: 'table table-sm bg-white', id: 'audit-table'},
                    h('thead', {}, h('tr', {}, ['When', 'User', 'Action', 'Client', 'Details'].map(t => h('th', {scope: 'col', text: t})))),
                    h('tbody', {}, found.items.map(e => h('tr', {},
                        h('td', {class: 'text-nowrap', text: formatDateTime(e.at)}), h('td', {text: e.user}),
                        h('td', {text: e.action}), h('td', {text: e.clientId || ''}),
                        h('td', {}, e.subject || '', changes(e.changes)))))),
                h('nav', {class: 'd-flex gap-2 align-items-center', 'aria-label': 'Pages of the audit trail'},
                    h('button', {type: 'button', class: 'btn btn-sm btn-outline-secondary', text: 'Previous', disabled: page === 0,
                        onclick: () => { page -= 1; load(); }}),
                    h('span', {text: `Page ${page + 1} of ${pages}`}),
                    h('button', {type: 'button', class: 'btn btn-sm btn-outline-secondary', text: 'Next', disabled: page >= pages - 1,
                        onclick: () => { page += 1; load(); }})));
        } catch (error) {
            replace(results, errorAlert(error, 'The audit trail could not be searched.'));
        }
    }
    load();
}

/** The changed fields; more than three fold away behind their count. */
function changes(list) {
    if (!list || list.length === 0) {
        return null;
    }
    const items = h('ul', {class: 'mb-0 small'}, list.map(c => h('li', {text: `${c.field}: ${c.from ?? '—'} → ${c.to ?? '—'}`})));
    return list.length <= 3 ? items : h('details', {}, h('summary', {class: 'small', text: `${list.length} fields`}), items);
}
