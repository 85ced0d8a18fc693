// The one way the page talks to the server: /api/v1, with the session cookie and its CSRF token.

const BASE = '/api/v1';
let csrfToken = null;
let idleMillis = 0;
let idleTimer = null;

/** A refused or failed request, with the server's problem (RFC 9457) when it sent one. */
export class ApiError extends Error {
    constructor(status, problem) {
        super(problem.detail || problem.title || `The server answered ${status}.`);
        this.status = status;
        this.problem = problem;
    }

    /** The field errors of a validation or conflict problem: [{field, message}]. */
    get fieldErrors() {
        return Array.isArray(this.problem.errors) ? this.problem.errors : [];
    }
}

export function setCsrfToken(token) {
    csrfToken = token;
}

/**
 * The server ends a session after this long without a request. The page then asks once more, just after
 * that time (a question that cannot keep an ended session alive), and shows the sign-in form if it has ended:
 * nobody finds out only when their next change fails.
 */
export function watchIdleTimeout(seconds) {
    idleMillis = seconds > 0 ? seconds * 1000 : 0;
    stillActive();
}

function stillActive() {
    clearTimeout(idleTimer);
    if (idleMillis > 0 && csrfToken) {
        idleTimer = setTimeout(async () => {
            try {
                await request('GET', '/session');
            } catch (error) {
                if (error.status === 401) {
                    window.dispatchEvent(new CustomEvent('atrium:signed-out'));
                }
            }
        }, idleMillis + 1000);
    }
}

/** The address of an API path with its query parameters (empty values left out), for links and fetches. */
export function apiUrl(path, params = {}) {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) {
        if (value !== undefined && value !== null && value !== '') {
            query.append(name, value);
        }
    }
    const text = query.toString();
    return BASE + path + (text ? `?${text}` : '');
}

async function request(method, path, {params, body, contentType, accept = 'application/json'} = {}) {
    const headers = {'Accept': accept, 'X-Requested-With': 'atrium-web'};
    let payload;
    if (body instanceof FormData || body instanceof Blob) {
        payload = body;
        if (contentType) {
            headers['Content-Type'] = contentType;
        }
    } else if (body !== undefined) {
        payload = JSON.stringify(body);
        headers['Content-Type'] = 'application/json';
    }
    if (method !== 'GET' && csrfToken) {
        headers['X-CSRF-Token'] = csrfToken;
    }
    let response;
    try {
        response = await fetch(apiUrl(path, params), {method, headers, body: payload, credentials: 'same-origin'});
    } catch (offline) {
        throw new ApiError(0, {detail: 'Atrium cannot be reached. Check your network connection and try again.'});
    }
    if (response.status === 401 && path !== '/session') {
        window.dispatchEvent(new CustomEvent('atrium:signed-out'));
    }
    if (!response.ok) {
        throw new ApiError(response.status, await problemOf(response));
    }
    stillActive();
    if (response.status === 204) {
        return null;
    }
    if (accept !== 'application/json') {
        return response.text();
    }
    return response.json();
}

async function problemOf(response) {
    const type = response.headers.get('Content-Type') || '';
    if (type.includes('json')) {
        try {
            return await response.json();
        } catch (notJson) {
            // fall through to the generic message
        }
    }
    if (response.status === 503) {
        return {detail: 'Atrium is starting or a part of it is being updated. Try again in a few seconds.'};
    }
    return {detail: `Atrium answered ${response.status} ${response.statusText}. Try again; if it keeps happening, `
        + 'tell your administrator.'};
}

export const api = {
    get: (path, params) => request('GET', path, {params}),
    text: (path, params, accept = 'text/csv') => request('GET', path, {params, accept}),
    post: (path, body, params) => request('POST', path, {body, params}),
    put: (path, body) => request('PUT', path, {body}),
    del: (path, params) => request('DELETE', path, {params}),
    upload: (path, body, params, contentType) => request('POST', path, {body, params, contentType}),
};
