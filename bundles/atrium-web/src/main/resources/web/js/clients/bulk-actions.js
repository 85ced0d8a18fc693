// The bulk action menu over the selected clients (chosen rows, or every client matching the search).
import {api} from '../api.js';
import {announce, h, icon} from '../dom.js';
import {confirmAction, errorAlert, formatCount, plural} from '../ui.js';

const ACTIONS = [
    {action: 'SEND_ONBOARDING_EMAIL', label: 'Send Onboarding Email', icon: 'envelope'},
    {action: 'ENABLE_PORTAL_ACCESS', label: 'Enable Portal Access', icon: 'toggle-on'},
    {action: 'DISABLE_PORTAL_ACCESS', label: 'Disable Portal Access', icon: 'toggle-off'},
    {action: 'DELETE', label: 'Delete', icon: 'trash', danger: true},
];

/**
 * @param count how many clients are selected
 * @param target () => {clientIds} or {filter}
 * @param done called with the element that reports the outcome
 */
export function bulkMenu({count, target, done}) {
    const menu = h('ul', {class: 'dropdown-menu'}, ACTIONS.map(a => h('li', {},
        h('button', {type: 'button', class: `dropdown-item${a.danger ? ' text-danger' : ''}`, dataset: {bulk: a.action},
            onclick: () => runBulk(a)}, icon(a.icon, 'me-2'), a.label))));

    async function runBulk(a) {
        if (a.danger) {
            const sure = await confirmAction('Delete clients', `Delete ${plural(count, 'client')}? Their portal access `
                + 'and dropped-off documents go with them. This cannot be undone.', `Delete ${plural(count, 'client')}`);
            if (!sure) {
                return;
            }
        }
        toggle.disabled = true;
        toggle.textContent = 'Working…';
        try {
            const result = await api.post('/clients/bulk', {action: a.action, ...target()});
            done(report(a.label, result));
            announce(`${a.label}: ${formatCount(result.succeeded)} of ${formatCount(result.requested)} succeeded.`);
        } catch (error) {
            done(errorAlert(error, `${a.label} was not done.`));
        }
    }

    const toggle = h('button', {type: 'button', class: 'btn btn-sm btn-primary dropdown-toggle', 'data-bs-toggle': 'dropdown',
        'aria-expanded': 'false', id: 'bulk-actions'}, 'Bulk actions');
    return h('div', {class: 'dropdown'}, toggle, menu);
}

function report(label, result) {
    const failed = result.failed || [];
    return h('div', {class: `alert ${failed.length ? 'alert-warning' : 'alert-success'}`, role: 'status', id: 'bulk-result'},
        h('strong', {text: `${label}: `}),
        `${formatCount(result.succeeded)} of ${plural(result.requested, 'client')} succeeded`,
        failed.length ? `, ${formatCount(failed.length)} failed:` : '.',
        failed.length ? h('ul', {class: 'mb-0 mt-2'}, failed.slice(0, 50).map(f =>
            h('li', {}, h('strong', {text: f.clientId}), `: ${f.reason}`))) : null,
        failed.length > 50 ? h('p', {class: 'mb-0', text: `… and ${formatCount(failed.length - 50)} more.`}) : null);
}
