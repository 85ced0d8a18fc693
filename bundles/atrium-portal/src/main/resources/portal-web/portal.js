// The client portal page: registration with the invitation link, sign-in with an access code, the client's
// view and drop-off. Talks only to /portal/api/v1; the session token lives in this tab's sessionStorage.
(function () {
    'use strict';
    const api = '/portal/api/v1';
    const $ = (id) => document.getElementById(id);

    function show(section) {
        ['register', 'sign-in', 'home'].forEach((id) => { $(id).hidden = id !== section; });
    }

    function say(text, isError) {
        $('message').textContent = text || '';
        $('message').className = isError ? 'error' : '';
    }

    async function call(method, path, body, isForm) {
        const headers = {};
        const token = sessionStorage.getItem('atrium.portal.session');
        if (token) { headers.Authorization = 'Bearer ' + token; }
        if (body && !isForm) { headers['Content-Type'] = 'application/json'; }
        const response = await fetch(api + path, {
            method: method, headers: headers, body: isForm ? body : body && JSON.stringify(body)
        });
        const text = await response.text();
        const data = text ? JSON.parse(text) : {};
        if (!response.ok) {
            const error = new Error(data.detail || ('HTTP ' + response.status));
            error.status = response.status;
            throw error;
        }
        return data;
    }

    async function register(token) {
        try {
            const registered = await call('POST', '/registrations', { token: token });
            history.replaceState(null, '', '/portal/');
            $('email').value = registered.email;
            say('Welcome, ' + registered.name + ': you are registered. Sign in with an access code.');
            show('sign-in');
        } catch (e) {
            say(e.message, true);
            show('sign-in');
        }
    }

    async function loadHome() {
        try {
            const me = await call('GET', '/me');
            $('welcome').textContent = 'Hello, ' + me.name;
            $('office').textContent = me.office.name || ('Office ' + me.office.number);
            $('status').textContent = me.status;
            const items = $('items');
            items.replaceChildren(...me.items.map((item) => {
                const li = document.createElement('li');
                li.textContent = item.title + ' (' + new Date(item.deliveredAt).toLocaleDateString() + ')';
                return li;
            }));
            $('drop-off').hidden = !me.dropOffOpen;
            $('uploads').replaceChildren(...me.uploads.map((upload) => {
                const li = document.createElement('li');
                li.textContent = upload.fileName + ' (' + new Date(upload.receivedAt).toLocaleString() + ')';
                return li;
            }));
            show('home');
        } catch (e) {
            sessionStorage.removeItem('atrium.portal.session');
            if (e.status !== 401) { say(e.message, true); }
            show('sign-in');
        }
    }

    document.addEventListener('DOMContentLoaded', () => {
        const token = new URLSearchParams(location.search).get('token');
        $('register-button').addEventListener('click', () => register(token));
        $('code-form').addEventListener('submit', async (event) => {
            event.preventDefault();
            try {
                const answer = await call('POST', '/access-codes', { email: $('email').value });
                say(answer.message);
                $('session-form').hidden = false;
                $('code').focus();
            } catch (e) { say(e.message, true); }
        });
        $('session-form').addEventListener('submit', async (event) => {
            event.preventDefault();
            try {
                const session = await call('POST', '/sessions', { email: $('email').value, code: $('code').value });
                sessionStorage.setItem('atrium.portal.session', session.token);
                say('');
                loadHome();
            } catch (e) { say(e.message, true); }
        });
        $('upload-form').addEventListener('submit', async (event) => {
            event.preventDefault();
            const form = new FormData();
            form.append('file', $('file').files[0]);
            try {
                const received = await call('POST', '/drop-off', form, true);
                say('Received: ' + received.fileName);
                $('file').value = '';
                loadHome();
            } catch (e) { say(e.message, true); }
        });
        $('sign-out').addEventListener('click', async () => {
            try { await call('DELETE', '/sessions/current'); } catch (e) { /* signed out either way */ }
            sessionStorage.removeItem('atrium.portal.session');
            say('You are signed out.');
            show('sign-in');
        });
        if (token) {
            show('register');
        } else if (sessionStorage.getItem('atrium.portal.session')) {
            loadHome();
        } else {
            show('sign-in');
        }
    });
}());
