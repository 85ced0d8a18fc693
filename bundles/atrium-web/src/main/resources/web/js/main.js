// The staff application: signs in, then shows the screen the address (#/...) names.
import {api, ApiError, setCsrfToken, watchIdleTimeout} from './api.js';
import {showSignIn} from './signin.js';
import {showShell} from './shell.js';
import {showEnrolment} from './mfa.js';
import {showPasswordChange} from './password.js';
import {h, replace} from './dom.js';

const app = document.getElementById('app');

async function start() {
    try {
        const session = await api.get('/session');
        if (!session.csrfToken) {
            // signed in some other way (HTTP Basic remembered by the browser): the page needs its own session
            showSignIn(app, signedIn);
            return;
        }
        signedIn(session);
    } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
            showSignIn(app, signedIn);
        } else {
            showSignIn(app, signedIn, error.message);
        }
    }
}

function signedIn(session) {
    setCsrfToken(session.csrfToken);
    watchIdleTimeout(session.idleTimeoutSeconds);
    const nextStep = async () => signedIn(await api.get('/session'));
    if (session.next === 'CHANGE_PASSWORD') {
        // the password breaks the rules (the shipped admin/admin): nothing else until it is changed
        showPasswordChange(stepArea(), {required: true, onDone: nextStep});
        return;
    }
    if (session.next === 'SET_UP_MFA') {
        // the firm requires two-factor sign-in: nothing else until the authenticator is set up
        showEnrolment(stepArea(), {required: true, onDone: nextStep});
        return;
    }
    showShell(app, session, signOut);
}

/** A card alone on the page for a step of the sign-in. */
function stepArea() {
    const area = h('div', {class: 'card-body p-4'});
    replace(app, h('main', {id: 'main', class: 'container'}, h('div', {class: 'card shadow-sm my-5 mx-auto enrol-card'}, area)));
    return area;
}

async function signOut() {
    try {
        await api.del('/session');
    } finally {
        setCsrfToken(null);
        watchIdleTimeout(0);
        showSignIn(app, signedIn, null, 'You are signed out.');
    }
}

let ended = false;
window.addEventListener('atrium:signed-out', () => {
    if (ended) {
        return;
    }
    ended = true;
    setCsrfToken(null);
    watchIdleTimeout(0);
    showSignIn(app, session => { ended = false; signedIn(session); },
        'Your session has ended (signed out, or idle too long). Sign in again to go on.');
});

start();
