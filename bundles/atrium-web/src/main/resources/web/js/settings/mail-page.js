// The mail queue (administrators): queued, sent and failed messages with their reasons.
import {api} from '../api.js';
import {h, replace} from '../dom.js';
import {errorAlert, formatDateTime, spinner} from '../ui.js';

export function show(main) {
    const state = h('select', {class: 'form-select w-auto', id: 'mail-state', onchange: () => load()},
        [['', 'Every message'], ['QUEUED', 'Queued'], ['SENT', 'Sent'], ['FAILED', 'Failed']]
            .map(([value, text]) => h('option', {value, text})));
    const results = h('div', {'aria-live': 'polite'});
    replace(main, h('h1', {class: 'h3 mb-3', text: 'Mail queue'}),
        h('div', {class: 'd-flex align-items-center gap-2 mb-3'}, h('label', {for: 'mail-state', text: 'Show'}), state),
        results);

    async function load() {
        replace(results, spinner());
        try {
            const mails = await api.get('/mail/outbox', {state: state.value, limit: 200});
            replace(results, mails.length === 0 ? h('p', {class: 'text-secondary', text: 'No messages.'})
                : h('table', {class: 'table table-sm bg-white', id: 'mail-table'},
                    h('thead', {}, h('tr', {}, ['Queued', 'To', 'Subject', 'State', 'Tries', 'Finished', 'Reason']
                        .map(t => h('th', {scope: 'col', text: t})))),
                    h('tbody', {}, mails.map(m => h('tr', {},
                        h('td', {class: 'text-nowrap', text: formatDateTime(m.queuedAt)}), h('td', {text: m.to.join(', ')}),
                        h('td', {text: m.subject}),
                        h('td', {}, h('span', {class: `badge ${m.state === 'FAILED' ? 'bg-danger' : m.state === 'SENT' ? 'bg-success' : 'bg-secondary'}`,
                            text: m.state.charAt(0) + m.state.slice(1).toLowerCase()})),
                        h('td', {text: m.attempts}), h('td', {class: 'text-nowrap', text: formatDateTime(m.finishedAt)}),
                        h('td', {class: 'small', text: m.lastError || ''}))))));
        } catch (error) {
            replace(results, errorAlert(error, 'The mail queue could not be read.'));
        }
    }
    load();
}
