// The staff application: signs in, then shows the screen the address (#/...) names.
import {api, ApiError, setCsrfToken, watchIdleTimeout} from './api.js';
import {showSignIn} from './signin.js';
import {showShell} from './shell.js';
import {showEnrolment} from './mfa.js';
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
    if (session.next === 'SET_UP_MFA') {
        // the firm requires two-factor sign-in: nothing else until the authenticator is set up
        const area = h('div', {class: 'card-body p-4'});
        replace(app, h('main', {id: 'main', class: 'container'}, h('div', {class: 'card shadow-sm my-5 mx-auto enrol-card'}, area)));
        showEnrolment(area, {required: true, onDone: async () => signedIn(await api.get('/session'))});
        return;
    }
    showShell(app, session, signOut);
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
