// The account page's list of the user's signed-in browsers, each of which can be signed out from here.
import {api} from './api.js';
import {h, replace} from './dom.js';
import {errorAlert, formatDateTime, spinner, successAlert} from './ui.js';

export function sessionsSection() {
    const messages = h('div', {'aria-live': 'polite'});
    const list = h('div', {}, spinner());

    async function load() {
        try {
            const sessions = await api.get('/me/sessions');
            replace(list, h('table', {class: 'table table-sm', id: 'sessions-table'},
                h('thead', {}, h('tr', {}, ['Browser', 'Signed in', 'Last active', ''].map(t =>
                    h('th', {scope: 'col'}, t || h('span', {class: 'visually-hidden', text: 'Actions'}))))),
                h('tbody', {}, sessions.map(s => h('tr', {},
                    h('td', {class: 'small'}, s.browser || 'Unknown browser', s.current
                        ? h('span', {class: 'badge bg-success ms-2', text: 'This browser'}) : null),
                    h('td', {text: formatDateTime(s.signedInAt)}), h('td', {text: formatDateTime(s.lastSeenAt)}),
                    h('td', {class: 'text-end'}, s.current ? null : h('button', {type: 'button',
                        class: 'btn btn-sm btn-outline-danger', text: 'Sign out', 'aria-label': 'Sign out that browser',
                        onclick: () => end(s)})))))));
        } catch (error) {
            replace(list, errorAlert(error, 'Your sessions could not be listed.'));
        }
    }

    async function end(session) {
        try {
            await api.del(`/me/sessions/${encodeURIComponent(session.id)}`);
            replace(messages, successAlert('That browser is signed out.'));
            load();
        } catch (error) {
            replace(messages, errorAlert(error, 'That browser was not signed out.'));
        }
    }

    load();
    return h('div', {class: 'card shadow-sm mt-4'}, h('div', {class: 'card-body'},
        h('h2', {class: 'h5', text: 'Where you are signed in'}), messages, list));
}
