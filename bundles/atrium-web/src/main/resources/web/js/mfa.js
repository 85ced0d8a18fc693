// Setting up an authenticator app for two-factor sign-in: QR code, secret, first code, recovery codes.
import {api, ApiError} from './api.js';
import {announce, h, replace} from './dom.js';
import {errorAlert, field, showFieldErrors, spinner} from './ui.js';

/**
 * Shows the steps in `container`; calls onDone() when the user has saved their recovery codes.
 * @param required the firm requires it: the user cannot go on without it
 */
export async function showEnrolment(container, {required, onDone, onCancel}) {
    replace(container, spinner('Preparing a new authenticator…'));
    let enrolment;
    try {
        enrolment = await api.post('/me/mfa');
    } catch (error) {
        replace(container, errorAlert(error, 'Two-factor sign-in cannot be set up right now.'));
        return;
    }
    const code = h('input', {class: 'form-control', name: 'code', inputmode: 'numeric', autocomplete: 'one-time-code',
        maxlength: 6, id: 'mfa-code'});
    const message = h('div', {'aria-live': 'assertive'});
    const form = h('form', {class: 'row g-3', novalidate: true, id: 'mfa-form', onsubmit: async event => {
        event.preventDefault();
        try {
            const confirmed = await api.put('/me/mfa', {code: code.value.trim()});
            showRecoveryCodes(container, confirmed.recoveryCodes, onDone);
        } catch (error) {
            if (error instanceof ApiError) {
                showFieldErrors(form, error.fieldErrors);
            }
            replace(message, errorAlert(error, 'The authenticator is not set up yet.'));
        }
    }},
    field('Code from the app', code, {wide: true, help: 'The 6 digits the app shows for Atrium now.'}),
    h('div', {class: 'col-12 d-flex gap-2'},
        h('button', {type: 'submit', class: 'btn btn-primary', id: 'mfa-confirm', text: 'Confirm'}),
        onCancel ? h('button', {type: 'button', class: 'btn btn-outline-secondary', text: 'Cancel', onclick: onCancel}) : null));
    replace(container,
        h('h2', {class: 'h4', text: 'Set up two-factor sign-in'}),
        required ? h('div', {class: 'alert alert-info', text: 'Your firm requires a code from an authenticator app at '
            + 'every sign-in. Set it up now to go on.'}) : null,
        h('ol', {class: 'ps-3'},
            h('li', {}, 'Open an authenticator app on your phone (Google Authenticator, Microsoft Authenticator, '
                + '1Password, …) and add an account by scanning this code:',
            h('img', {src: `data:image/svg+xml;base64,${btoa(enrolment.qrCodeSvg)}`, alt: 'QR code of the new '
                + 'authenticator account', width: 200, height: 200, class: 'd-block my-2 border', id: 'mfa-qr'})),
            h('li', {}, 'Or type this key into the app: ',
                h('code', {class: 'user-select-all fs-6', id: 'mfa-secret', text: enrolment.secret})),
            h('li', {text: 'Enter the code the app shows to confirm.'})),
        message, form);
    code.focus();
}

function showRecoveryCodes(container, codes, onDone) {
    replace(container,
        h('h2', {class: 'h4', text: 'Save your recovery codes'}),
        h('div', {class: 'alert alert-warning', role: 'status'}, 'Two-factor sign-in is set up. If you lose your '
            + 'phone, each of these codes signs you in once instead of the app\'s code. They are shown only now: '
            + 'print them or keep them in your password manager.'),
        h('ul', {class: 'list-unstyled font-monospace fs-5 row row-cols-2 g-1', id: 'recovery-codes'},
            codes.map(c => h('li', {class: 'col', text: c}))),
        h('button', {type: 'button', class: 'btn btn-primary', id: 'recovery-codes-saved', text: 'I have saved them',
            onclick: onDone}));
    announce('Two-factor sign-in is set up. Save your recovery codes.');
}
