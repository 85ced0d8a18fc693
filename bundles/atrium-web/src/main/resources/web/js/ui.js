// Shared pieces of the screens: dialogs, messages, badges, formats.
import {h, icon, uid} from './dom.js';

/**
 * A modal dialog (the browser's own <dialog>: focus stays inside, Escape closes it). Returns
 * {dialog, body, footer, close}; the dialog is removed from the page when it closes.
 */
export function openDialog(title, {size = '', onClose} = {}) {
    const titleId = uid('dialog-title');
    const body = h('div', {class: 'dialog-body p-3'});
    const footer = h('div', {class: 'd-flex justify-content-end gap-2 p-3 border-top'});
    const dialog = h('dialog', {class: `atrium-dialog ${size}`, 'aria-labelledby': titleId},
        h('div', {class: 'd-flex align-items-center p-3 border-bottom'},
            h('h2', {class: 'h5 m-0 flex-grow-1', id: titleId, text: title}),
            h('button', {type: 'button', class: 'btn-close', 'aria-label': 'Close', onclick: () => dialog.close()})),
        body, footer);
    dialog.addEventListener('close', () => {
        dialog.remove();
        if (onClose) {
            onClose();
        }
    });
    document.body.appendChild(dialog);
    dialog.showModal();
    return {dialog, body, footer, close: () => dialog.close()};
}

/** Asks before something that cannot be undone; resolves true if the user confirmed. */
export function confirmAction(title, message, confirmLabel, {danger = true} = {}) {
    return new Promise(resolve => {
        let confirmed = false;
        const {body, footer, close} = openDialog(title, {size: 'dialog-sm', onClose: () => resolve(confirmed)});
        body.appendChild(h('p', {class: 'm-0', text: message}));
        const ok = h('button', {type: 'button', class: `btn ${danger ? 'btn-danger' : 'btn-primary'}`, text: confirmLabel,
            onclick: () => { confirmed = true; close(); }});
        footer.append(h('button', {type: 'button', class: 'btn btn-outline-secondary', text: 'Cancel', onclick: close}), ok);
        ok.focus();
    });
}

/** An alert box for an error: the server's explanation, and each field's message when it named fields. */
export function errorAlert(error, intro) {
    const problem = error && error.problem ? error.problem : {detail: String(error && error.message || error)};
    const fields = Array.isArray(problem.errors) ? problem.errors : [];
    return h('div', {class: 'alert alert-danger', role: 'alert'},
        intro ? h('strong', {class: 'd-block', text: intro}) : null,
        problem.detail || problem.title || 'Something went wrong. Try again.',
        fields.length ? h('ul', {class: 'mb-0 mt-2'}, fields.map(f => h('li', {text: fieldMessage(f)}))) : null);
}

function fieldMessage(error) {
    return error.message && error.field && !error.message.toLowerCase().includes(error.field.toLowerCase())
        ? `${error.message}` : error.message || error.field;
}

export function successAlert(...content) {
    return h('div', {class: 'alert alert-success', role: 'status'}, ...content);
}

const STATUS_LABELS = {PENDING: 'Pending', INVITED: 'Invited', REGISTERED: 'Registered'};

export function statusBadge(status) {
    const label = STATUS_LABELS[status] || status;
    return h('span', {class: `badge rounded-pill badge-status-${String(status).toLowerCase()}`, text: label});
}

export function statusLabel(status) {
    return STATUS_LABELS[status] || status;
}

export function formatDate(iso) {
    if (!iso) {
        return '';
    }
    const [year, month, day] = iso.substring(0, 10).split('-');
    return `${month}/${day}/${year}`;
}

export function formatDateTime(iso) {
    if (!iso) {
        return '';
    }
    return new Date(iso).toLocaleString('en-US', {dateStyle: 'short', timeStyle: 'short'});
}

export function formatCount(n) {
    return Number(n).toLocaleString('en-US');
}

export function plural(n, one, many = `${one}s`) {
    return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** A small spinner with a text for screen readers. */
export function spinner(label = 'Loading…') {
    return h('div', {class: 'd-flex align-items-center gap-2 text-secondary p-2', role: 'status'},
        h('span', {class: 'spinner-border spinner-border-sm', 'aria-hidden': 'true'}), label);
}

/** A labelled form field (input, select or textarea) with room for its error message. */
export function field(label, control, {help, wide = false, col = 'col-md-6'} = {}) {
    const id = control.id || uid('field');
    control.id = id;
    const feedback = h('div', {class: 'invalid-feedback', id: `${id}-error`});
    const helpText = help ? h('div', {class: 'form-text', id: `${id}-help`, text: help}) : null;
    if (help) {
        control.setAttribute('aria-describedby', `${id}-help`);
    }
    if (control.type === 'checkbox') {
        return h('div', {class: wide ? 'col-12' : col},
            h('div', {class: 'form-check mt-md-4'}, control, h('label', {class: 'form-check-label', for: id, text: label}),
                feedback, helpText));
    }
    return h('div', {class: wide ? 'col-12' : col}, h('label', {class: 'form-label', for: id, text: label}), control,
        feedback, helpText);
}

/**
 * What a form says when the server refused it: each field error at its field and a short alert pointing at
 * them; the whole problem in the alert when an error has no field of its own (or is not the server's).
 *
 * @param what what did not happen, e.g. 'The client was not saved'
 * @param errors the field errors to show, the server's by default
 */
export function formErrorAlert(form, error, what, errors = error && error.fieldErrors) {
    const fieldErrors = Array.isArray(errors) ? errors : [];
    const unshown = fieldErrors.length ? showFieldErrors(form, fieldErrors) : [error];
    if (unshown.length > 0) {
        return errorAlert(error, `${what}.`);
    }
    return h('div', {class: 'alert alert-danger', role: 'alert',
        text: `${what}: correct the ${fieldErrors.length === 1 ? 'field' : 'fields'} marked below.`});
}

/** Shows the server's field errors next to their fields (by the controls' name); returns those not shown. */
export function showFieldErrors(form, errors) {
    clearFieldErrors(form);
    const unshown = [];
    let first = null;
    for (const error of errors) {
        const control = form.querySelector(`[name="${CSS.escape(error.field || '')}"]`);
        if (!control) {
            unshown.push(error);
            continue;
        }
        control.classList.add('is-invalid');
        control.setAttribute('aria-invalid', 'true');
        const feedback = document.getElementById(`${control.id}-error`);
        if (feedback) {
            feedback.textContent = error.message;
            control.setAttribute('aria-describedby', `${control.id}-error`);
        }
        first = first || control;
    }
    if (first) {
        first.focus();
    }
    return unshown;
}

export function clearFieldErrors(form) {
    form.querySelectorAll('.is-invalid').forEach(control => {
        control.classList.remove('is-invalid');
        control.removeAttribute('aria-invalid');
    });
}

export {icon};
