// Add Client / Edit Client: one dialog; errors from the server appear next to their fields.
import {api, ApiError} from '../api.js';
import {announce, h, replace} from '../dom.js';
import {clearFieldErrors, errorAlert, field, formErrorAlert, openDialog} from '../ui.js';

/**
 * @param clientId the client to edit; none to add one
 * @param onSaved called with the saved client
 */
export function openClientForm({session, offices, clientId, onSaved}) {
    const editing = Boolean(clientId);
    const {body, footer, close} = openDialog(editing ? `Edit client ${clientId}` : 'Add Client');
    const message = h('div', {'aria-live': 'assertive'});
    const form = buildForm(session, offices);
    const save = h('button', {type: 'submit', class: 'btn btn-primary', form: form.element.id, text: editing ? 'Save changes' : 'Add client'});
    footer.append(h('button', {type: 'button', class: 'btn btn-outline-secondary', text: 'Cancel', onclick: close}), save);
    body.append(message, form.element);
    let loaded = null;

    async function load() {
        replace(message);
        try {
            loaded = await api.get(`/clients/${encodeURIComponent(clientId)}`);
            form.fill(loaded);
        } catch (error) {
            replace(message, errorAlert(error, 'The client could not be read.'));
            save.disabled = true;
        }
    }

    form.element.addEventListener('submit', async event => {
        event.preventDefault();
        clearFieldErrors(form.element);
        replace(message);
        const data = form.read(loaded);
        save.disabled = true;
        try {
            const saved = editing
                ? await api.put(`/clients/${encodeURIComponent(clientId)}`, data)
                : await api.post('/clients', data);
            close();
            onSaved(saved);
        } catch (error) {
            showError(error);
        } finally {
            save.disabled = false;
        }
    });

    function showError(error) {
        if (error instanceof ApiError && error.status === 409 && error.problem.type === 'urn:atrium:problem:stale-version') {
            replace(message, h('div', {class: 'alert alert-warning', role: 'alert'},
                h('strong', {class: 'd-block', text: 'Someone else changed this client while you were editing.'}),
                'Your changes were not saved. Reload to see the client as it is now, then make your changes again.',
                h('div', {class: 'mt-2'}, h('button', {type: 'button', class: 'btn btn-sm btn-warning', id: 'reload-client',
                    text: 'Reload the client', onclick: load}))));
            return;
        }
        replace(message, formErrorAlert(form.element, error, 'The client was not saved'));
        announce('The client was not saved.');
    }

    if (editing) {
        load();
    }
    form.focusFirst();
}

function buildForm(session, allOffices) {
    const administrator = session.roles.includes('atrium-admin');
    const offices = administrator ? allOffices : allOffices.filter(office => session.offices.includes(office.number));
    const input = (name, attributes = {}) => h('input', {class: 'form-control', name, ...attributes});
    const check = name => h('input', {type: 'checkbox', class: 'form-check-input', name});

    const c = {
        clientId: input('clientId', {required: true, maxlength: 40, autocomplete: 'off'}),
        type: h('select', {class: 'form-select', name: 'type'},
            h('option', {value: 'INDIVIDUAL', text: 'Individual'}), h('option', {value: 'ENTITY', text: 'Entity'})),
        name: input('name', {required: true, autocomplete: 'off'}),
        email: input('email', {type: 'email', required: true, autocomplete: 'off'}),
        taxId: input('taxId', {autocomplete: 'off', inputmode: 'numeric'}),
        dateOfBirth: input('dateOfBirth', {type: 'date'}),
        countryCode: input('countryCode', {inputmode: 'numeric', maxlength: 3}),
        mobileNumber: input('mobileNumber', {inputmode: 'tel', maxlength: 15}),
        officeLocation: h('select', {class: 'form-select', name: 'officeLocation'},
            offices.map(office => h('option', {value: office.number, text: `${office.number} · ${office.name}`}))),
        portalAccess: check('portalAccess'),
        marriedFilingJointly: check('marriedFilingJointly'),
        spouseName: input('spouse.name', {autocomplete: 'off'}),
        spouseEmail: input('spouse.email', {type: 'email', autocomplete: 'off'}),
        spouseTaxId: input('spouse.taxId', {autocomplete: 'off', inputmode: 'numeric'}),
        spouseDateOfBirth: input('spouse.dateOfBirth', {type: 'date'}),
        spouseCountryCode: input('spouse.countryCode', {inputmode: 'numeric', maxlength: 3}),
        spouseMobileNumber: input('spouse.mobileNumber', {inputmode: 'tel', maxlength: 15}),
        spouseSignsFirst: check('spouseSignsFirst'),
    };
    c.portalAccess.checked = true;
    const emailWarning = h('div', {class: 'alert alert-warning py-2 mt-2 d-none', id: 'email-change-warning', role: 'status',
        text: 'Changing the email: items delivered to the old address leave the client\'s portal, and the client '
            + 'becomes Pending until invited again.'});
    const spouseFields = h('fieldset', {class: 'row g-3 mt-1 border-top pt-2', id: 'spouse-fields'},
        h('legend', {class: 'fs-6 fw-semibold', text: 'Spouse'}),
        field('Spouse name', c.spouseName), field('Spouse email', c.spouseEmail),
        field('Spouse SSN', c.spouseTaxId, {help: '9 digits, dashes allowed'}),
        field('Spouse date of birth', c.spouseDateOfBirth),
        field('Spouse country code', c.spouseCountryCode, {col: 'col-md-3'}),
        field('Spouse mobile number', c.spouseMobileNumber, {col: 'col-md-5'}),
        field('Spouse to sign first by default', c.spouseSignsFirst, {wide: true}));
    const mfjField = field('Married Filing Jointly', c.marriedFilingJointly, {wide: true});
    const element = h('form', {class: 'row g-3', id: 'client-form', novalidate: true},
        field('Client ID', c.clientId), field('Client type', c.type),
        field('Name', c.name, {wide: true}),
        h('div', {class: 'col-md-6'}, field('Email', c.email, {wide: true}), emailWarning),
        field('SSN/EIN', c.taxId, {help: '9 digits, dashes allowed. A masked number left as it is keeps the stored one.'}),
        field('Date of birth', c.dateOfBirth),
        field('Country code', c.countryCode, {col: 'col-md-3'}),
        field('Mobile number', c.mobileNumber, {col: 'col-md-3'}),
        field('Office location', c.officeLocation, {help: administrator ? null : 'Only the offices granted to you'}),
        field('Portal access', c.portalAccess),
        mfjField, spouseFields);
    let originalEmail = null;
    let originalTaxId = null;

    const showSpouse = () => {
        const individual = c.type.value === 'INDIVIDUAL';
        mfjField.classList.toggle('d-none', !individual);
        spouseFields.classList.toggle('d-none', !(individual && c.marriedFilingJointly.checked));
    };
    c.type.addEventListener('change', showSpouse);
    c.marriedFilingJointly.addEventListener('change', showSpouse);
    c.email.addEventListener('input', () => emailWarning.classList.toggle('d-none',
        originalEmail === null || c.email.value.trim().toLowerCase() === originalEmail.toLowerCase()));
    showSpouse();

    const value = control => (control.value.trim() === '' ? null : control.value.trim());

    return {
        element,
        focusFirst: () => c.clientId.focus(),
        fill(client) {
            c.clientId.value = client.clientId;
            c.type.value = client.type;
            c.name.value = client.name || '';
            c.email.value = client.email || '';
            c.taxId.value = client.taxId || '';
            c.dateOfBirth.value = client.dateOfBirth || '';
            c.countryCode.value = client.countryCode || '';
            c.mobileNumber.value = client.mobileNumber || '';
            if (![...c.officeLocation.options].some(option => Number(option.value) === client.officeLocation)) {
                c.officeLocation.appendChild(h('option', {value: client.officeLocation, text: String(client.officeLocation)}));
            }
            c.officeLocation.value = client.officeLocation;
            c.portalAccess.checked = client.portalAccess;
            c.marriedFilingJointly.checked = client.marriedFilingJointly;
            const spouse = client.spouse || {};
            c.spouseName.value = spouse.name || '';
            c.spouseEmail.value = spouse.email || '';
            c.spouseTaxId.value = spouse.taxId || '';
            c.spouseDateOfBirth.value = spouse.dateOfBirth || '';
            c.spouseCountryCode.value = spouse.countryCode || '';
            c.spouseMobileNumber.value = spouse.mobileNumber || '';
            c.spouseSignsFirst.checked = client.spouseSignsFirst;
            originalEmail = client.email;
            originalTaxId = client.taxId;
            emailWarning.classList.add('d-none');
            showSpouse();
        },
        read(loaded) {
            const individual = c.type.value === 'INDIVIDUAL';
            const mfj = individual && c.marriedFilingJointly.checked;
            const data = {
                clientId: value(c.clientId), type: c.type.value, name: value(c.name), email: value(c.email),
                // the masked number, sent back unchanged, keeps the stored one
                taxId: value(c.taxId) === originalTaxId ? originalTaxId : value(c.taxId),
                dateOfBirth: value(c.dateOfBirth), countryCode: value(c.countryCode),
                mobileNumber: value(c.mobileNumber),
                officeLocation: c.officeLocation.value === '' ? null : Number(c.officeLocation.value),
                portalAccess: c.portalAccess.checked,
                marriedFilingJointly: mfj,
                spouse: mfj ? {
                    name: value(c.spouseName), email: value(c.spouseEmail), taxId: value(c.spouseTaxId),
                    dateOfBirth: value(c.spouseDateOfBirth), countryCode: value(c.spouseCountryCode),
                    mobileNumber: value(c.spouseMobileNumber),
                } : null,
                spouseSignsFirst: mfj && c.spouseSignsFirst.checked,
            };
            if (loaded) {
                data.version = loaded.version;
                data.smsOtp = loaded.smsOtp;
                data.dropOffAccess = loaded.dropOffAccess;
            }
            return data;
        },
    };
}
