// The bulk action menu over the selected clients (chosen rows, or every client matching the search).
import {api} from '../api.js';
import {announce, h, icon} from '../dom.js';
import {confirmAction, errorAlert, formatCount, plural} from '../ui.js';

const POLL_MS = 500;
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
            let result = await api.post('/clients/bulk', {action: a.action, ...target()});
            if (result.state) {
                // more clients than a request should wait for: a bulk job runs in the background
                result = await follow(a.label, result, done);
            }
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

/** Shows a bulk job's progress until it is done; answers its result. */
async function follow(label, job, show) {
    const text = h('p', {class: 'mb-2'});
    const bar = h('div', {class: 'progress-bar'});
    const meter = h('div', {class: 'progress', role: 'progressbar', 'aria-label': `${label} progress`,
        'aria-valuemin': 0, 'aria-valuemax': 100}, bar);
    show(h('div', {class: 'alert alert-info', role: 'status', id: 'bulk-progress'}, text, meter));
    while (job.state !== 'DONE') {
        const percent = job.requested > 0 ? Math.floor(100 * job.processed / job.requested) : 0;
        text.textContent = job.state === 'WAITING' ? `${label} is waiting: ${job.waitingFor} It goes on by itself.`
            : `${label}: ${formatCount(job.processed)} of ${plural(job.requested, 'client')} done. You may leave `
                + 'this page; the work goes on.';
        meter.setAttribute('aria-valuenow', percent);
        // width through CSSOM: the policy forbids style attributes in markup, not style properties
        bar.style.width = `${percent}%`;
        bar.textContent = `${percent}%`;
        await new Promise(resolve => setTimeout(resolve, POLL_MS));
        job = await api.get(`/bulk-jobs/${encodeURIComponent(job.id)}`);
    }
    return job;
}

function report(label, result) {
    const failed = result.failed || [];
    const failedCount = result.failedCount ?? failed.length;
    return h('div', {class: `alert ${failed.length ? 'alert-warning' : 'alert-success'}`, role: 'status', id: 'bulk-result'},
        h('strong', {text: `${label}: `}),
        `${formatCount(result.succeeded)} of ${plural(result.requested, 'client')} succeeded`,
        failedCount ? `, ${formatCount(failedCount)} failed:` : '.',
        failed.length ? h('ul', {class: 'mb-0 mt-2'}, failed.slice(0, 50).map(f =>
            h('li', {}, h('strong', {text: f.clientId}), `: ${f.reason}`))) : null,
        failedCount > 50 ? h('p', {class: 'mb-0', text: `… and ${formatCount(failedCount - 50)} more.`}) : null);
}
