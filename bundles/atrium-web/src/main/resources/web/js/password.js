// Changing the signed-in user's password: at the first sign-in with a password that breaks the rules
// (the shipped admin/admin), or from the account page.
import {api, ApiError} from './api.js';
import {h, replace} from './dom.js';
import {clearFieldErrors, field, formErrorAlert, showFieldErrors} from './ui.js';

const RULES = 'At least 12 characters, not containing your user name, not a common password. '
    + 'A few words that belong together make a good one.';

/**
 * Shows the form in `container`; calls onDone(answer) once the password is changed.
 * @param required the sign-in waits for it: the user cannot go on without it
 */
export function showPasswordChange(container, {required, onDone, onCancel}) {
    const password = (name, autocomplete) => h('input', {class: 'form-control', type: 'password', name, autocomplete,
        id: `password-${name}`});
    const current = password('currentPassword', 'current-password');
    const chosen = password('newPassword', 'new-password');
    const repeated = password('repeatedPassword', 'new-password');
    const message = h('div', {'aria-live': 'assertive'});
    const submit = h('button', {type: 'submit', class: 'btn btn-primary', id: 'password-save', text: 'Change password'});
    const form = h('form', {class: 'row g-3', novalidate: true, id: 'password-form', onsubmit: async event => {
        event.preventDefault();
        clearFieldErrors(form);
        replace(message);
        if (chosen.value && chosen.value !== repeated.value) {
            showFieldErrors(form, [{field: 'repeatedPassword', message: 'The two new passwords differ: type the same one twice.'}]);
            return;
        }
        submit.disabled = true;
        try {
            onDone(await api.put('/me/password', {currentPassword: current.value, newPassword: chosen.value}));
        } catch (error) {
            replace(message, formErrorAlert(form, error, 'Your password is not changed',
                error instanceof ApiError ? mergedByField(error.fieldErrors) : []));
        } finally {
            submit.disabled = false;
        }
    }},
    field('Current password', current, {wide: true}),
    field('New password', chosen, {wide: true, help: RULES}),
    field('New password again', repeated, {wide: true}),
    h('div', {class: 'col-12 d-flex gap-2'}, submit,
        onCancel ? h('button', {type: 'button', class: 'btn btn-outline-secondary', text: 'Cancel', onclick: onCancel}) : null));
    replace(container,
        h('h2', {class: 'h4', text: required ? 'Choose a new password' : 'Change your password'}),
        required ? h('div', {class: 'alert alert-info', text: 'Your password does not meet the firm\'s password rules '
            + '(or is the one Atrium was shipped with). Choose a new one to go on.'})
            : h('p', {class: 'text-secondary', text: 'Your other signed-in browsers will be signed out.'}),
        message, form);
    current.focus();
}

/** One message per field: a password can break several rules at once. */
function mergedByField(errors) {
    const byField = new Map();
    for (const error of errors) {
        byField.set(error.field, byField.has(error.field) ? `${byField.get(error.field)} ${error.message}` : error.message);
    }
    return [...byField].map(([name, text]) => ({field: name, message: text}));
}
