// Portal Management: the client grid with search, filters, paging, sorting, columns, selection and actions.
import {api, apiUrl} from '../api.js';
import {announce, debounce, h, icon, replace, uid} from '../dom.js';
import {errorAlert, formatCount, plural} from '../ui.js';
import {COLUMNS, COLUMNS_PREFERENCE, DEFAULT_COLUMNS, normalizeColumns} from './columns.js';
import {openClientForm} from './client-form.js';
import {rowActions} from './row-actions.js';
import {bulkMenu} from './bulk-actions.js';

const PAGE_SIZES = [10, 25, 50, 100];

export function show(main, session) {
    const state = {
        q: '', status: '', portalAccess: '', office: '', sort: 'clientId,asc', page: 0, size: 25,
        columns: DEFAULT_COLUMNS, items: [], total: 0, totalExact: true, offices: [],
        selected: new Set(), allMatching: false, loading: false, requestNumber: 0,
    };
    const messages = h('div', {'aria-live': 'polite'});
    const table = h('table', {class: 'table table-hover client-grid mb-0', id: 'client-grid'});
    const summary = h('div', {class: 'text-secondary', id: 'grid-summary', 'aria-live': 'polite'});
    const pager = h('nav', {'aria-label': 'Pages of clients', class: 'd-flex align-items-center gap-2'});
    const bulkBar = h('div', {class: 'd-flex flex-wrap align-items-center gap-2 mb-2', id: 'bulk-bar'});
    const columnsMenu = h('div', {class: 'dropdown-menu dropdown-menu-end p-3', id: 'columns-menu'});

    const context = {
        officeName: number => {
            const office = state.offices.find(o => o.number === number);
            return office ? office.name : String(number);
        },
        accessSwitch: client => accessSwitch(client),
    };

    // --- toolbar
    const search = h('input', {type: 'search', class: 'form-control', id: 'client-search', name: 'q',
        placeholder: 'Client ID, name, SSN/EIN or email', autocomplete: 'off',
        oninput: typed});
    const searchTyped = debounce(() => { state.q = search.value.trim(); state.page = 0; clearSelection(); load(); }, 200);
    function typed() {
        // marks for the browser's performance timeline (the web benchmark reads them; so can a profiler)
        performance.mark('atrium:search-typed');
        searchTyped();
    }
    const statusFilter = select('status-filter', [['', 'Any status'], ['PENDING', 'Pending'], ['INVITED', 'Invited'],
        ['REGISTERED', 'Registered']], value => { state.status = value; });
    const accessFilter = select('access-filter', [['', 'Any portal access'], ['true', 'Portal access on'],
        ['false', 'Portal access off']], value => { state.portalAccess = value; });
    const officeFilter = select('office-filter', [['', 'All offices']], value => { state.office = value; });

    function select(id, options, apply) {
        return h('select', {class: 'form-select', id, onchange: event => {
            apply(event.target.value);
            state.page = 0;
            clearSelection();
            load();
        }}, options.map(([value, label]) => h('option', {value, text: label})));
    }

    const exportMenu = h('div', {class: 'dropdown'},
        h('button', {type: 'button', class: 'btn btn-outline-secondary dropdown-toggle', 'data-bs-toggle': 'dropdown',
            'aria-expanded': 'false', id: 'export-button'}, icon('download', 'me-1'), 'Export'),
        h('ul', {class: 'dropdown-menu dropdown-menu-end'},
            h('li', {}, h('a', {class: 'dropdown-item', id: 'export-xlsx', href: '#', onclick: event => exportTo(event, 'xlsx')},
                icon('file-earmark-excel', 'me-2'), 'Excel workbook (.xlsx)')),
            h('li', {}, h('a', {class: 'dropdown-item', id: 'export-csv', href: '#', onclick: event => exportTo(event, 'csv')},
                icon('filetype-csv', 'me-2'), 'CSV file'))));

    const columnsDropdown = h('div', {class: 'dropdown'},
        h('button', {type: 'button', class: 'btn btn-outline-secondary dropdown-toggle', 'data-bs-toggle': 'dropdown',
            'data-bs-auto-close': 'outside', 'aria-expanded': 'false', id: 'columns-button'},
        icon('layout-three-columns', 'me-1'), 'Customize columns'), columnsMenu);

    replace(main,
        h('div', {class: 'd-flex flex-wrap align-items-center gap-2 mb-3'},
            h('h1', {class: 'h3 m-0 me-auto', text: 'Portal Management'}),
            h('button', {type: 'button', class: 'btn btn-primary', id: 'add-client',
                onclick: () => openClientForm({session, offices: state.offices, onSaved: saved => {
                    announce(`Client ${saved.clientId} added.`);
                    showMessage(h('div', {class: 'alert alert-success', role: 'status',
                        text: `Client ${saved.clientId} (${saved.name}) was added.`}));
                    load();
                }})}, icon('person-plus', 'me-1'), 'Add Client'),
            h('a', {class: 'btn btn-outline-secondary', href: '#/import', id: 'import-link'}, icon('upload', 'me-1'),
                'Import CSV'),
            exportMenu, columnsDropdown),
        h('form', {class: 'row g-2 mb-2', role: 'search', onsubmit: event => event.preventDefault()},
            h('div', {class: 'col-lg-5'}, h('label', {class: 'visually-hidden', for: 'client-search',
                text: 'Search clients by client ID, name, SSN/EIN or email'}), search),
            h('div', {class: 'col-sm-4 col-lg-2'}, h('label', {class: 'visually-hidden', for: 'status-filter',
                text: 'Registration status'}), statusFilter),
            h('div', {class: 'col-sm-4 col-lg-2'}, h('label', {class: 'visually-hidden', for: 'access-filter',
                text: 'Portal access'}), accessFilter),
            h('div', {class: 'col-sm-4 col-lg-3'}, h('label', {class: 'visually-hidden', for: 'office-filter',
                text: 'Office location'}), officeFilter)),
        messages, bulkBar,
        h('div', {class: 'card shadow-sm'},
            h('div', {class: 'grid-wrapper'}, table),
            h('div', {class: 'card-footer d-flex flex-wrap align-items-center gap-3'}, summary,
                h('div', {class: 'ms-auto d-flex align-items-center gap-2'},
                    h('label', {for: 'page-size', class: 'text-secondary text-nowrap', text: 'Rows per page'}),
                    h('select', {class: 'form-select form-select-sm w-auto', id: 'page-size', onchange: event => {
                        state.size = Number(event.target.value);
                        state.page = 0;
                        load();
                    }}, PAGE_SIZES.map(size => h('option', {value: size, text: size, selected: size === state.size}))),
                    pager))));

    function showMessage(element) {
        replace(messages, element);
    }

    // --- loading
    function params() {
        return {q: state.q, status: state.status, portalAccess: state.portalAccess, office: state.office};
    }

    // paging: true when only the page changed (the pager), so a count made for this search still holds
    async function load({paging = false} = {}) {
        const number = ++state.requestNumber;
        if (!paging) {
            state.counted = null; // anything else may have added or removed clients
        }
        table.setAttribute('aria-busy', 'true');
        try {
            const page = await api.get('/clients', {...params(), sort: state.sort, page: state.page, size: state.size});
            if (number !== state.requestNumber) {
                return; // a newer search is under way
            }
            if (page.items.length === 0 && state.page > 0 && page.total > 0) {
                // the last page emptied (clients deleted): show the new last page
                state.page = Math.ceil(page.total / state.size) - 1;
                load();
                return;
            }
            state.items = page.items;
            const counted = state.counted && state.counted.search === JSON.stringify(params()) ? state.counted : null;
            state.total = page.totalExact || !counted ? page.total : counted.total;
            state.totalExact = page.totalExact || counted !== null;
            render();
            announce(state.total === 0 ? 'No clients found.' : `${totalText()} found.`);
            if (!state.totalExact) {
                countAll(number);
            }
        } catch (error) {
            if (number === state.requestNumber) {
                showMessage(errorAlert(error, 'The client list could not be loaded.'));
            }
        } finally {
            if (number === state.requestNumber) {
                table.removeAttribute('aria-busy');
            }
        }
    }

    // A broad search's page says "more than 1,000" at once; the exact number follows when counted.
    async function countAll(number) {
        try {
            const search = JSON.stringify(params());
            const counted = await api.get('/clients', {...params(), page: 0, size: 1, exactTotal: true});
            if (number === state.requestNumber) {
                state.counted = {search, total: counted.total};
                state.total = counted.total;
                state.totalExact = true;
                renderSummary();
                renderBulkBar();
            }
        } catch (error) {
            // the page is shown; its "more than" stays
        }
    }

    function totalText() {
        return state.totalExact ? plural(state.total, 'client') : `More than ${formatCount(state.total)} clients`;
    }

    // --- rendering
    function render() {
        const visible = state.columns.map(name => COLUMNS.find(column => column.name === name));
        const allOnPage = state.items.length > 0 && state.items.every(c => state.selected.has(c.clientId));
        const someOnPage = state.items.some(c => state.selected.has(c.clientId));
        const headerBox = h('input', {type: 'checkbox', class: 'form-check-input', id: 'select-page',
            'aria-label': 'Select every client on this page', checked: allOnPage || state.allMatching,
            indeterminate: !allOnPage && someOnPage && !state.allMatching,
            onchange: event => {
                state.allMatching = false;
                state.items.forEach(c => (event.target.checked ? state.selected.add(c.clientId)
                    : state.selected.delete(c.clientId)));
                render();
            }});
        const head = h('thead', {class: 'table-light'}, h('tr', {},
            h('th', {scope: 'col', class: 'ps-3'}, headerBox),
            visible.map(column => headerCell(column)),
            h('th', {scope: 'col', class: 'text-end pe-3'}, h('span', {class: 'visually-hidden', text: 'Actions'}))));
        const rows = state.items.length === 0
            ? [h('tr', {}, h('td', {colspan: visible.length + 2, class: 'text-center text-secondary p-4',
                text: state.q || state.status || state.portalAccess || state.office
                    ? 'No client matches this search.' : 'No clients yet. Add one, or import the CSV template.'}))]
            : state.items.map(client => h('tr', {dataset: {clientId: client.clientId}},
                h('td', {class: 'ps-3'}, h('input', {type: 'checkbox', class: 'form-check-input row-select',
                    'aria-label': `Select client ${client.clientId}`,
                    checked: state.allMatching || state.selected.has(client.clientId),
                    onchange: event => {
                        if (state.allMatching) {
                            // leaving "all matching" for a choice of rows: start from this page's rows
                            state.allMatching = false;
                            state.items.forEach(c => state.selected.add(c.clientId));
                        }
                        if (event.target.checked) {
                            state.selected.add(client.clientId);
                        } else {
                            state.selected.delete(client.clientId);
                        }
                        render();
                    }})),
                visible.map(column => h('td', {class: column.cellClass || null}, column.render(client, context))),
                h('td', {class: 'text-end pe-3'}, rowActions(client, {session, offices: state.offices,
                    reload: load, showMessage}))));
        const focused = focusKey(document.activeElement);
        replace(table, h('caption', {class: 'visually-hidden', text: 'Clients'}), head, h('tbody', {}, rows));
        restoreFocus(focused);
        // what the rows are the answer to, for anyone (a test, say) who must know the grid caught up
        table.dataset.query = state.q;
        performance.mark('atrium:grid-shown');
        renderSummary();
        renderBulkBar();
    }

    // A re-drawn grid keeps the keyboard where it was: the same control of the same row.
    function focusKey(element) {
        if (!element || !table.contains(element)) {
            return null;
        }
        const row = element.closest('tr');
        const control = element.dataset.action || element.dataset.sort || (element.classList.contains('row-select') ? 'select'
            : element.getAttribute('role') === 'switch' ? 'switch' : element.id);
        return {clientId: row && row.dataset.clientId, control};
    }

    function restoreFocus(key) {
        if (!key) {
            return;
        }
        const scope = key.clientId ? table.querySelector(`tr[data-client-id="${CSS.escape(key.clientId)}"]`) : table;
        if (!scope) {
            return;
        }
        const target = [...scope.querySelectorAll('button, input')].find(element => focusKey(element)?.control === key.control);
        if (target) {
            target.focus();
        }
    }

    function headerCell(column) {
        const [field, direction] = state.sort.split(',');
        const sorted = column.sort && column.sort === field;
        const label = column.short || column.label;
        if (!column.sort) {
            return h('th', {scope: 'col', title: column.label, text: label});
        }
        return h('th', {scope: 'col', 'aria-sort': sorted ? (direction === 'desc' ? 'descending' : 'ascending') : null},
            h('button', {type: 'button', class: 'sort', dataset: {sort: column.sort}, title: `Sort by ${column.label}`,
                onclick: () => {
                    state.sort = `${column.sort},${sorted && direction !== 'desc' ? 'desc' : 'asc'}`;
                    state.page = 0;
                    load();
                }}, label, sorted ? [' ', icon(direction === 'desc' ? 'caret-down-fill' : 'caret-up-fill')] : null));
    }

    function renderSummary() {
        const first = state.total === 0 ? 0 : state.page * state.size + 1;
        const last = Math.min(state.total, (state.page + 1) * state.size);
        const of = state.totalExact ? formatCount(state.total) : `more than ${formatCount(state.total)}`;
        summary.textContent = state.total === 0 ? 'No clients'
            : `Showing ${formatCount(first)}–${formatCount(last)} of ${of} clients`;
        const pages = Math.max(1, Math.ceil(state.total / state.size));
        const ofPages = state.totalExact ? formatCount(pages) : `more than ${formatCount(pages)}`;
        const go = page => () => { state.page = page; load({paging: true}); };
        replace(pager,
            h('button', {type: 'button', class: 'btn btn-sm btn-outline-secondary', 'aria-label': 'First page',
                disabled: state.page === 0, onclick: go(0)}, icon('chevron-double-left')),
            h('button', {type: 'button', class: 'btn btn-sm btn-outline-secondary', 'aria-label': 'Previous page',
                id: 'previous-page', disabled: state.page === 0, onclick: go(state.page - 1)}, icon('chevron-left')),
            h('span', {class: 'text-nowrap', id: 'page-number', text: `Page ${formatCount(state.page + 1)} of ${ofPages}`}),
            h('button', {type: 'button', class: 'btn btn-sm btn-outline-secondary', 'aria-label': 'Next page',
                id: 'next-page', disabled: state.totalExact && state.page >= pages - 1, onclick: go(state.page + 1)},
                icon('chevron-right')),
            // the last page is known once the matches are counted
            h('button', {type: 'button', class: 'btn btn-sm btn-outline-secondary', 'aria-label': 'Last page',
                id: 'last-page', disabled: !state.totalExact || state.page >= pages - 1, onclick: go(pages - 1)},
                icon('chevron-double-right')));
    }

    function renderBulkBar() {
        const count = state.allMatching ? state.total : state.selected.size;
        if (count === 0) {
            replace(bulkBar);
            return;
        }
        const allOnPage = state.items.length > 0 && state.items.every(c => state.selected.has(c.clientId));
        replace(bulkBar,
            h('span', {class: 'fw-semibold', id: 'selection-count', text: state.allMatching
                ? `All ${plural(state.total, 'client')} matching this search are selected.`
                : `${plural(count, 'client')} selected.`}),
            // offered once the matches are counted: the user acts on a number they saw
            !state.allMatching && allOnPage && state.totalExact && state.total > state.selected.size
                ? h('button', {type: 'button', class: 'btn btn-link p-0', id: 'select-all-matching', onclick: () => {
                    state.allMatching = true;
                    state.selected.clear();
                    render();
                    announce(`All ${plural(state.total, 'client')} matching this search are selected.`);
                }}, `Select all ${formatCount(state.total)} records matching this search`) : null,
            bulkMenu({
                count,
                // with the number the user saw: the server refuses if the search now selects others
                target: () => (state.allMatching ? {filter: filterBody(), expectedCount: state.total}
                    : {clientIds: [...state.selected]}),
                done: result => {
                    clearSelection();
                    showMessage(result);
                    load();
                },
            }),
            h('button', {type: 'button', class: 'btn btn-sm btn-outline-secondary', id: 'clear-selection',
                onclick: () => { clearSelection(); render(); }}, 'Clear selection'));
    }

    function filterBody() {
        const filter = {};
        if (state.q) filter.q = state.q;
        if (state.status) filter.status = state.status;
        if (state.portalAccess) filter.portalAccess = state.portalAccess === 'true';
        if (state.office) filter.office = Number(state.office);
        return filter;
    }

    function clearSelection() {
        state.selected.clear();
        state.allMatching = false;
    }

    // --- portal access, a switch on each row
    function accessSwitch(client) {
        const id = uid('access');
        const input = h('input', {type: 'checkbox', role: 'switch', class: 'form-check-input', id,
            checked: client.portalAccess, 'aria-label': `Portal access for client ${client.clientId}`,
            onchange: async () => {
                input.disabled = true;
                try {
                    const updated = await api.put(`/clients/${encodeURIComponent(client.clientId)}/portal-access`,
                        {enabled: input.checked});
                    client.portalAccess = updated.portalAccess;
                    announce(`Portal access ${updated.portalAccess ? 'on' : 'off'} for client ${client.clientId}.`);
                } catch (error) {
                    input.checked = !input.checked;
                    showMessage(errorAlert(error, `Portal access of client ${client.clientId} was not changed.`));
                } finally {
                    input.disabled = false;
                }
            }});
        return h('div', {class: 'form-check form-switch m-0'}, input);
    }

    // --- columns, remembered on the server per user
    function renderColumnsMenu() {
        replace(columnsMenu,
            h('fieldset', {},
                h('legend', {class: 'fs-6 fw-semibold', text: 'Columns shown'}),
                COLUMNS.map(column => {
                    const id = `column-${column.name.replace('.', '-')}`;
                    return h('div', {class: 'form-check text-nowrap'},
                        h('input', {type: 'checkbox', class: 'form-check-input', id, name: column.name,
                            checked: state.columns.includes(column.name), disabled: column.required,
                            onchange: event => chooseColumn(column.name, event.target.checked)}),
                        h('label', {class: 'form-check-label', for: id, text: column.label}));
                })),
            h('button', {type: 'button', class: 'btn btn-link btn-sm p-0 mt-2', text: 'Restore the default columns',
                onclick: () => { state.columns = DEFAULT_COLUMNS; saveColumns(); renderColumnsMenu(); render(); }}));
    }

    async function chooseColumn(name, shown) {
        const chosen = new Set(state.columns);
        if (shown) {
            chosen.add(name);
        } else {
            chosen.delete(name);
        }
        state.columns = normalizeColumns([...chosen]);
        render();
        saveColumns();
    }

    async function saveColumns() {
        try {
            await api.put(`/me/preferences/${COLUMNS_PREFERENCE}`, state.columns);
        } catch (error) {
            showMessage(errorAlert(error, 'Your choice of columns could not be saved; it applies until you leave.'));
        }
    }

    // --- export: what the grid shows, every page
    function exportTo(event, format) {
        event.preventDefault();
        const href = apiUrl(`/exports/clients.${format}`, {...params(), sort: state.sort,
            columns: state.columns.join(',')});
        // a plain download: the browser sends the session cookie with it, and saves the file
        const link = h('a', {href, download: '', class: 'd-none'});
        document.body.appendChild(link);
        link.click();
        link.remove();
        announce(`Export to ${format === 'xlsx' ? 'Excel' : 'CSV'} started.`);
    }

    // --- start
    (async () => {
        const [offices, preferences] = await Promise.all([
            api.get('/offices').catch(() => []),
            api.get('/me/preferences').catch(() => ({})),
        ]);
        state.offices = offices;
        const administrator = session.roles.includes('atrium-admin');
        offices.filter(office => administrator || session.offices.includes(office.number))
            .forEach(office => officeFilter.appendChild(h('option', {value: office.number,
                text: `${office.number} · ${office.name}`})));
        state.columns = normalizeColumns(preferences[COLUMNS_PREFERENCE]);
        renderColumnsMenu();
        await load();
        search.focus();
    })();

    return {};
}
