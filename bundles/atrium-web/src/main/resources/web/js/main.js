// The staff application: signs in, then shows the screen the address (#/...) names.
import {api, ApiError, setCsrfToken, watchIdleTimeout} from './api.js';
import {showSignIn} from './signin.js';
import {showShell} from './shell.js';

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
