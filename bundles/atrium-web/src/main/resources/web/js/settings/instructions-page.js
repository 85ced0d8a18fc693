// Client Instructions (administrators): the onboarding email templates, with a sandboxed preview.
import {api, ApiError} from '../api.js';
import {announce, h, icon, replace} from '../dom.js';
import {clearFieldErrors, confirmAction, errorAlert, field, openDialog, showFieldErrors, spinner, successAlert} from '../ui.js';

const PLACEHOLDERS = ['clientName', 'spouseName', 'firmName', 'registrationLink', 'officeName', 'linkExpiresOn'];

export function show(main) {
    const messages = h('div', {'aria-live': 'polite'});
    const list = h('div', {}, spinner());
    replace(main,
        h('div', {class: 'd-flex align-items-center mb-3'},
            h('h1', {class: 'h3 m-0 me-auto', text: 'Client Instructions'}),
            h('button', {type: 'button', class: 'btn btn-primary', id: 'add-instruction', onclick: () => edit(null)},
                icon('plus-lg', 'me-1'), 'Add template')),
        h('p', {class: 'text-secondary'}, 'The onboarding email is rendered from the default template. Placeholders: ',
            PLACEHOLDERS.map((p, i) => [i ? ', ' : '', h('code', {text: `{{${p}}}`})]), '.'),
        messages, list);

    async function load() {
        try {
            const templates = await api.get('/instructions');
            replace(list, h('table', {class: 'table bg-white', id: 'instructions-table'},
                h('thead', {}, h('tr', {}, ['Name', 'Subject', 'Default', ''].map(t => h('th', {scope: 'col'},
                    t || h('span', {class: 'visually-hidden', text: 'Actions'}))))),
                h('tbody', {}, templates.map(t => h('tr', {},
                    h('td', {text: t.name}), h('td', {text: t.subject}),
                    h('td', {}, t.default ? h('span', {class: 'badge bg-success', text: 'Default'}) : null),
                    h('td', {class: 'text-end'},
                        h('div', {class: 'd-inline-flex gap-1'},
                            h('button', {type: 'button', class: 'btn btn-sm btn-outline-secondary', text: 'Preview',
                                'aria-label': `Preview ${t.name}`, onclick: () => preview(t)}),
                            h('button', {type: 'button', class: 'btn btn-sm btn-outline-secondary', text: 'Edit',
                                'aria-label': `Edit ${t.name}`, onclick: () => edit(t)}),
                            t.default ? null : h('button', {type: 'button', class: 'btn btn-sm btn-outline-primary',
                                text: 'Make default', 'aria-label': `Make ${t.name} the default`, onclick: () => makeDefault(t)}),
                            t.default ? null : h('button', {type: 'button', class: 'btn btn-sm btn-outline-danger',
                                text: 'Delete', 'aria-label': `Delete ${t.name}`, onclick: () => remove(t)}))))))));
        } catch (error) {
            replace(list, errorAlert(error, 'The templates could not be loaded.'));
        }
    }

    async function makeDefault(template) {
        try {
            await api.put(`/instructions/${encodeURIComponent(template.id)}/default`);
            replace(messages, successAlert(`"${template.name}" is now sent to every client.`));
            load();
        } catch (error) {
            replace(messages, errorAlert(error, 'The default was not changed.'));
        }
    }

    async function remove(template) {
        if (!await confirmAction('Delete template', `Delete the template "${template.name}"?`, 'Delete template')) {
            return;
        }
        try {
            await api.del(`/instructions/${encodeURIComponent(template.id)}`);
            replace(messages, successAlert(`"${template.name}" was deleted.`));
            load();
        } catch (error) {
            replace(messages, errorAlert(error, 'The template was not deleted.'));
        }
    }

    function edit(template) {
        const {body, footer, close} = openDialog(template ? `Edit "${template.name}"` : 'Add template');
        const message = h('div', {'aria-live': 'assertive'});
        const name = h('input', {class: 'form-control', name: 'name', value: template ? template.name : ''});
        const subject = h('input', {class: 'form-control', name: 'subject', value: template ? template.subject : ''});
        const html = h('textarea', {class: 'form-control font-monospace', name: 'body', rows: 10,
            value: template ? template.body : ''});
        const form = h('form', {class: 'row g-3', id: 'instruction-form', novalidate: true},
            field('Name', name, {wide: true}), field('Subject', subject, {wide: true}),
            field('Body (HTML)', html, {wide: true, help: 'Placeholders in double braces, e.g. {{clientName}}.'}));
        let saved = template;
        const submit = async andPreview => {
            clearFieldErrors(form);
            replace(message);
            const data = {name: name.value, subject: subject.value, body: html.value};
            try {
                saved = saved ? await api.put(`/instructions/${encodeURIComponent(saved.id)}`, data)
                    : await api.post('/instructions', data);
                announce(`Template "${saved.name}" saved.`);
                load();
                if (andPreview) {
                    preview(saved);
                } else {
                    close();
                }
            } catch (error) {
                const unshown = error instanceof ApiError ? showFieldErrors(form, error.fieldErrors) : [error];
                replace(message, errorAlert(error, 'The template was not saved.'));
                if (unshown.length === 0) {
                    announce('The template was not saved.');
                }
            }
        };
        form.addEventListener('submit', event => { event.preventDefault(); submit(false); });
        footer.append(h('button', {type: 'button', class: 'btn btn-outline-secondary', text: 'Cancel', onclick: close}),
            h('button', {type: 'button', class: 'btn btn-outline-primary', text: 'Save and preview', onclick: () => submit(true)}),
            h('button', {type: 'submit', class: 'btn btn-primary', form: 'instruction-form', text: 'Save'}));
        body.append(message, form);
        name.focus();
    }

    load();
}

/** The rendered email in a sandboxed frame: the template's HTML can run no script and reach nothing of this page. */
async function preview(template) {
    const {body, footer, close} = openDialog(`Preview: ${template.name}`);
    footer.append(h('button', {type: 'button', class: 'btn btn-primary', text: 'Close', onclick: close}));
    const clientId = h('input', {class: 'form-control', id: 'preview-client', placeholder: 'Sample data'});
    const result = h('div', {}, spinner());
    body.append(h('form', {class: 'row g-2 align-items-end mb-3', onsubmit: event => { event.preventDefault(); render(); }},
        h('div', {class: 'col'}, h('label', {class: 'form-label', for: 'preview-client', text: 'For client ID (optional)'}), clientId),
        h('div', {class: 'col-auto'}, h('button', {type: 'submit', class: 'btn btn-outline-primary', text: 'Render'}))), result);

    async function render() {
        replace(result, spinner('Rendering…'));
        try {
            const mail = await api.post(`/instructions/${encodeURIComponent(template.id)}/preview`,
                clientId.value.trim() ? {clientId: clientId.value.trim()} : {});
            const frame = h('iframe', {class: 'mail-preview', sandbox: '', title: 'The rendered email', id: 'mail-preview'});
            frame.srcdoc = mail.html;
            replace(result, h('p', {}, h('strong', {text: 'Subject: '}), mail.subject), frame);
        } catch (error) {
            replace(result, errorAlert(error, 'The template could not be rendered.'));
        }
    }
    render();
}
