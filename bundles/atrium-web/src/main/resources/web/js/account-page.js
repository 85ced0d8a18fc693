// The signed-in user's own settings: password, two-factor sign-in, browsers and API tokens.
import {h, replace} from './dom.js';
import {showEnrolment} from './mfa.js';
import {showPasswordChange} from './password.js';
import {successAlert} from './ui.js';
import {tokensSection} from './tokens.js';
import {sessionsSection} from './sessions.js';

export function show(main, session) {
    const area = h('div', {class: 'card shadow-sm'}, h('div', {class: 'card-body'}));
    const body = area.firstChild;
    const overview = done => {
        replace(body,
            done ? successAlert('Your new authenticator is set up.') : null,
            h('h2', {class: 'h5', text: 'Two-factor sign-in'}),
            h('p', {id: 'mfa-state', text: session.mfaEnrolled || done
                ? 'On: every sign-in asks for a code from your authenticator app.'
                : 'Off: you sign in with your password alone.'}),
            h('button', {type: 'button', class: 'btn btn-primary', id: 'set-up-mfa',
                text: session.mfaEnrolled || done ? 'Set up a new authenticator' : 'Set up an authenticator app',
                onclick: () => showEnrolment(body, {required: false, onDone: () => { session.mfaEnrolled = true; overview(true); },
                    onCancel: () => overview(false)})}));
    };
    replace(main, h('h1', {class: 'h3 mb-3', text: 'Your account'}),
        h('p', {class: 'text-secondary', text: `Signed in as ${session.username}.`}), passwordSection(), area,
        sessionsSection(), tokensSection());
    overview(false);
}

function passwordSection() {
    const body = h('div', {class: 'card-body'});
    const overview = changed => replace(body,
        changed ? successAlert(`Your password is changed. ${changed.sessionsEnded
            ? `${changed.sessionsEnded} other browser session(s) were signed out.` : ''}`) : null,
        h('h2', {class: 'h5', text: 'Password'}),
        h('button', {type: 'button', class: 'btn btn-outline-primary', id: 'change-password', text: 'Change password',
            onclick: () => showPasswordChange(body, {required: false, onDone: overview, onCancel: () => overview(null)})}));
    overview(null);
    return h('div', {class: 'card shadow-sm mb-3'}, body);
}
