// The client grid's columns. Their names are the export's column names, so "Export" writes what the grid shows.
import {h, icon} from '../dom.js';
import {formatDate, formatDateTime, statusBadge} from '../ui.js';

const yesNo = value => (value ? 'Yes' : 'No');

/**
 * Every column the grid can show; `sort` is the API's sort field where the column can be sorted, `short` the
 * header in the grid where the full label (in the column picker and the export) is too wide.
 */
export const COLUMNS = [
    {name: 'clientId', label: 'Client ID', sort: 'clientId', required: true, render: client => clientIdCell(client)},
    {name: 'type', label: 'Client Type', short: 'Type', sort: 'type',
        render: c => (c.type === 'ENTITY' ? 'Entity' : 'Individual')},
    {name: 'name', label: 'Name', sort: 'name', cellClass: 'name-cell', render: c => c.name},
    {name: 'email', label: 'Email Address', short: 'Email', sort: 'email', render: c => c.email},
    {name: 'taxId', label: 'SSN/EIN', render: c => c.taxId || ''},
    {name: 'officeLocation', label: 'Office Location', short: 'Office', sort: 'officeLocation',
        render: (c, context) => context.officeName(c.officeLocation)},
    {name: 'spouse.name', label: 'Spouse Name', render: c => (c.spouse ? c.spouse.name : '')},
    {name: 'spouse.email', label: 'Spouse Email Address', render: c => (c.spouse ? c.spouse.email : '')},
    {name: 'status', label: 'Status', sort: 'status', render: c => statusBadge(c.status)},
    {name: 'portalAccess', label: 'Portal Access', short: 'Portal', render: (c, context) => context.accessSwitch(c)},
    {name: 'smsOtp', label: 'SMS OTP', render: c => yesNo(c.smsOtp)},
    {name: 'dropOffAccess', label: 'Drop-off Access', render: c => yesNo(c.dropOffAccess)},
    {name: 'mobileNumber', label: 'Mobile Number',
        render: c => (c.mobileNumber ? `+${c.countryCode || ''} ${c.mobileNumber}` : '')},
    {name: 'dateOfBirth', label: 'Date of Birth', render: c => formatDate(c.dateOfBirth)},
    {name: 'invitedAt', label: 'Invited At', render: c => formatDateTime(c.invitedAt)},
    {name: 'lastSignInAt', label: 'Last Sign-in At', render: c => formatDateTime(c.lastSignInAt)},
    {name: 'createdAt', label: 'Created At', sort: 'createdAt', render: c => formatDateTime(c.createdAt)},
    {name: 'updatedAt', label: 'Updated At', sort: 'updatedAt', render: c => formatDateTime(c.updatedAt)},
];

export const DEFAULT_COLUMNS = ['clientId', 'type', 'name', 'email', 'taxId', 'officeLocation', 'status', 'portalAccess'];

/** The preference the chosen columns are kept under, on the server. */
export const COLUMNS_PREFERENCE = 'clientGrid.columns';

/** Known names only, in the grid's order, the client ID always first. */
export function normalizeColumns(names) {
    const chosen = new Set(Array.isArray(names) ? names : DEFAULT_COLUMNS);
    return COLUMNS.filter(column => column.required || chosen.has(column.name)).map(column => column.name);
}

function clientIdCell(client) {
    return h('span', {class: 'd-inline-flex align-items-center gap-1'},
        h('span', {class: 'client-id', text: client.clientId}),
        client.marriedFilingJointly
            ? h('span', {class: 'spouse-indicator', title: 'Married filing jointly'},
                icon('people-fill'), h('span', {class: 'visually-hidden', text: ' (married filing jointly)'}))
            : null);
}
