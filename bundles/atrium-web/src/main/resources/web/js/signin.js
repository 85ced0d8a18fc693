// The sign-in form: the same users and roles as the API (Karaf's realm).
import {api} from './api.js';
import {h, replace} from './dom.js';
import {errorAlert, field} from './ui.js';

/** The second step, for a user with an authenticator: the password is sent again with the code. */
function askForCode(app, user, password, onSignedIn) {
    const code = h('input', {class: 'form-control', name: 'code', autocomplete: 'one-time-code', id: 'sign-in-code'});
    const message = h('div', {'aria-live': 'assertive'});
    const submit = h('button', {type: 'submit', class: 'btn btn-primary w-100', text: 'Sign in'});
    const form = h('form', {class: 'row g-3', novalidate: true, onsubmit: async event => {
        event.preventDefault();
        if (!code.value.trim()) {
            replace(message, h('div', {class: 'alert alert-danger', text: 'Enter the code from your authenticator app.'}));
            code.focus();
            return;
        }
        submit.disabled = true;
        try {
            onSignedIn(await api.post('/session', {username: user, password, code: code.value.trim()}));
        } catch (error) {
            code.value = '';
            replace(message, errorAlert(error, 'You are not signed in.'));
            code.focus();
        } finally {
            submit.disabled = false;
        }
    }},
    field('Code from your authenticator app', code, {wide: true,
        help: 'The 6 digits the app shows for Atrium, or one of your recovery codes.'}),
    h('div', {class: 'col-12'}, submit));
    const card = app.querySelector('.signin-card .card-body');
    replace(card, h('h1', {class: 'h3 mb-3', text: 'Two-factor sign-in'}), message, form);
    code.focus();
}

export function showSignIn(app, onSignedIn, problemText, infoText) {
    document.title = 'Sign in · Atrium';
    const username = h('input', {class: 'form-control', name: 'username', autocomplete: 'username', required: true});
    const password = h('input', {class: 'form-control', name: 'password', type: 'password',
        autocomplete: 'current-password', required: true});
    const message = h('div', {'aria-live': 'assertive'},
        problemText ? h('div', {class: 'alert alert-warning', text: problemText}) : null,
        infoText ? h('div', {class: 'alert alert-info', text: infoText}) : null);
    const submit = h('button', {type: 'submit', class: 'btn btn-primary w-100', text: 'Sign in'});
    const form = h('form', {class: 'row g-3', novalidate: true, onsubmit: async event => {
        event.preventDefault();
        if (!username.value.trim() || !password.value) {
            replace(message, h('div', {class: 'alert alert-danger', text: 'Enter your user name and password.'}));
            (username.value.trim() ? password : username).focus();
            return;
        }
        submit.disabled = true;
        performance.mark('atrium:sign-in');
        try {
            const session = await api.post('/session', {username: username.value.trim(), password: password.value});
            if (session.next === 'CODE') {
                askForCode(app, username.value.trim(), password.value, onSignedIn);
                return;
            }
            onSignedIn(session);
        } catch (error) {
            password.value = '';
            replace(message, errorAlert(error, 'You are not signed in.'));
            password.focus();
        } finally {
            submit.disabled = false;
        }
    }},
    field('User name', username, {wide: true}), field('Password', password, {wide: true}),
    h('div', {class: 'col-12'}, submit));
    replace(app, h('main', {id: 'main', class: 'container'},
        h('div', {class: 'card shadow-sm signin-card'},
            h('div', {class: 'card-body p-4'},
                h('h1', {class: 'h3 mb-1'}, h('img', {src: 'img/atrium.svg', alt: '', width: 28, height: 28, class: 'me-2'}),
                    'Atrium'),
                h('p', {class: 'text-secondary', text: 'Sign in to manage your clients and their portal.'}),
                message, form))));
    username.focus();
}
