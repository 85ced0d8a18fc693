// Import CSV: template, upload (or check only), the job's progress, its counts or errors, undo; and the history.
import {api, apiUrl} from '../api.js';
import {announce, h, icon, replace} from '../dom.js';
import {confirmAction, errorAlert, formatCount, formatDateTime, plural} from '../ui.js';
import {parseCsv} from './csv.js';

const POLL_MS = 500;
const ERRORS_SHOWN = 10;

export function show(main) {
    let polling = null;
    let chosen = null;
    const progressArea = h('div', {id: 'import-progress', 'aria-live': 'polite'});
    const history = h('div', {id: 'import-history'});
    const fileInput = h('input', {type: 'file', class: 'form-control', id: 'import-file', accept: '.csv,text/csv',
        onchange: () => choose(fileInput.files[0])});
    const fileName = h('p', {class: 'mb-0 mt-2 text-secondary', id: 'chosen-file', text: 'No file chosen.'});
    const dryRun = h('input', {type: 'checkbox', class: 'form-check-input', id: 'dry-run'});
    const start = h('button', {type: 'submit', class: 'btn btn-primary', id: 'start-import', disabled: true},
        icon('upload', 'me-1'), 'Import');
    const dropZone = h('div', {class: 'drop-zone mb-3'},
        icon('file-earmark-arrow-up', 'fs-2 d-block mb-2 text-secondary'),
        h('p', {class: 'mb-2', text: 'Drop the CSV file here, or choose it:'}),
        h('label', {class: 'visually-hidden', for: 'import-file', text: 'CSV file to import'}), fileInput, fileName);
    dropZone.addEventListener('dragover', event => { event.preventDefault(); dropZone.classList.add('drag-over'); });
    dropZone.addEventListener('dragleave', () => dropZone.classList.remove('drag-over'));
    dropZone.addEventListener('drop', event => {
        event.preventDefault();
        dropZone.classList.remove('drag-over');
        if (event.dataTransfer.files.length) {
            choose(event.dataTransfer.files[0]);
        }
    });

    function choose(file) {
        chosen = file || null;
        fileName.textContent = chosen ? `Chosen: ${chosen.name} (${Math.ceil(chosen.size / 1024)} KB)` : 'No file chosen.';
        start.disabled = !chosen;
    }

    const form = h('form', {class: 'card shadow-sm mb-4', onsubmit: async event => {
        event.preventDefault();
        if (!chosen) {
            return;
        }
        start.disabled = true;
        const body = new FormData();
        body.append('file', chosen, chosen.name);
        try {
            const job = await api.upload('/imports', body, {dryRun: dryRun.checked});
            follow(job);
        } catch (error) {
            replace(progressArea, errorAlert(error, 'The file was not accepted.'));
        } finally {
            start.disabled = !chosen;
        }
    }},
    h('div', {class: 'card-body'},
        h('p', {}, 'Fill in the CSV template (one client per row; a row whose client ID exists updates that client), '
            + 'then import it here. ',
        h('a', {href: apiUrl('/imports/template'), download: '', id: 'download-template'}, icon('download', 'me-1'),
            'Download Template')),
        dropZone,
        h('div', {class: 'form-check mb-3'}, dryRun,
            h('label', {class: 'form-check-label', for: 'dry-run', text: 'Check only: find the errors, change nothing'})),
        start));

    replace(main, h('h1', {class: 'h3 mb-3', text: 'Import clients'}), form, progressArea,
        h('h2', {class: 'h5 mt-4', text: 'Import history'}), history);

    function follow(job) {
        clearTimeout(polling);
        renderJob(job);
        if (!job.state || !['SUCCEEDED', 'FAILED'].includes(job.state)) {
            polling = setTimeout(async () => {
                try {
                    follow(await api.get(`/imports/${encodeURIComponent(job.id)}`));
                } catch (error) {
                    replace(progressArea, errorAlert(error, 'The import\'s progress could not be read; it goes on.'));
                }
            }, POLL_MS);
        } else {
            polling = null;
            loadHistory();
        }
    }

    function renderJob(job) {
        const percent = job.rowsTotal > 0 ? Math.floor(100 * job.rowsProcessed / job.rowsTotal) : 0;
        const what = job.dryRun ? 'Check' : 'Import';
        if (job.state === 'QUEUED' || job.state === 'RUNNING') {
            replace(progressArea, h('div', {class: 'card shadow-sm'}, h('div', {class: 'card-body'},
                h('p', {class: 'mb-2', text: job.state === 'QUEUED' ? `${what} queued: waiting for the one before it.`
                    : `${what} running${job.stage ? ` (${job.stage})` : ''}: ${formatCount(job.rowsProcessed)} of `
                    + `${formatCount(job.rowsTotal)} rows.`}),
                h('div', {class: 'progress', role: 'progressbar', 'aria-label': `${what} progress`, 'aria-valuemin': 0,
                    'aria-valuemax': 100, 'aria-valuenow': percent},
                h('div', {class: 'progress-bar', text: `${percent}%`})))));
            // width through CSSOM: the policy forbids style attributes in markup, not style properties
            progressArea.querySelector('.progress-bar').style.width = `${percent}%`;
            return;
        }
        if (job.state === 'SUCCEEDED') {
            const reverted = Boolean(job.revertedAt);
            replace(progressArea, h('div', {class: `alert ${reverted ? 'alert-secondary' : 'alert-success'}`, role: 'status',
                id: 'import-result'},
            h('strong', {class: 'd-block', text: job.dryRun ? 'Check finished: no errors. Nothing was changed.'
                : reverted ? `Import undone ${formatDateTime(job.revertedAt)}.` : 'Import finished.'}),
            job.dryRun ? `${plural(job.created, 'client')} would be created, ${formatCount(job.updated)} updated.`
                : `${plural(job.created, 'client')} created, ${formatCount(job.updated)} updated.`,
            // an empty SSN cell erases the stored number: say so, before (check) and after (import)
            job.taxIdsCleared ? h('div', {class: 'mt-2 fw-semibold', id: 'tax-ids-cleared', text: job.dryRun
                ? `Careful: this file would erase ${plural(job.taxIdsCleared, 'stored SSN/EIN', 'stored SSNs/EINs')} `
                    + '(rows of existing clients with an empty SSN cell). Leave the masked number an export wrote to keep one.'
                : `${plural(job.taxIdsCleared, 'stored SSN/EIN was', 'stored SSNs/EINs were')} erased by empty SSN cells.`})
                : null,
            !job.dryRun && !reverted ? h('div', {class: 'mt-2'}, h('button', {type: 'button', class: 'btn btn-sm btn-outline-danger',
                id: 'undo-import', onclick: () => undo(job)}, icon('arrow-counterclockwise', 'me-1'), 'Undo this import')) : null));
            announce(job.dryRun ? 'Check finished with no errors.' : `Import finished: ${job.created} created, ${job.updated} updated.`);
            return;
        }
        const errors = h('div', {}, job.errorCount > 0 ? 'Loading the errors…' : null);
        replace(progressArea, h('div', {class: 'alert alert-danger', role: 'alert', id: 'import-result'},
            h('strong', {class: 'd-block', text: `${what} failed: nothing was changed.`}),
            job.reason || '',
            job.errorCount > 0 ? h('p', {class: 'mb-1 mt-2'}, `${plural(job.errorCount, 'error')}. Correct the file and import it again. `,
                h('a', {href: apiUrl(`/imports/${encodeURIComponent(job.id)}/errors`), download: '', id: 'error-csv'},
                    'Download all errors (CSV)')) : null,
            errors));
        announce(`${what} failed with ${plural(job.errorCount, 'error')}.`);
        if (job.errorCount > 0) {
            showErrors(job, errors);
        }
    }

    async function showErrors(job, target) {
        try {
            const rows = parseCsv(await api.text(`/imports/${encodeURIComponent(job.id)}/errors`));
            const [header, ...lines] = rows;
            replace(target, h('table', {class: 'table table-sm table-bordered bg-white mb-0', id: 'import-errors'},
                h('caption', {text: lines.length > ERRORS_SHOWN ? `The first ${ERRORS_SHOWN} errors` : 'The errors'}),
                h('thead', {}, h('tr', {}, header.map(name => h('th', {scope: 'col', text: name})))),
                h('tbody', {}, lines.slice(0, ERRORS_SHOWN).map(line => h('tr', {}, line.map(cell => h('td', {text: cell})))))));
        } catch (error) {
            replace(target, errorAlert(error, 'The errors could not be loaded; download them instead.'));
        }
    }

    async function undo(job) {
        const sure = await confirmAction('Undo import', `Undo this import? The ${plural(job.created, 'client')} it created `
            + `are deleted and the ${plural(job.updated, 'client')} it updated get their previous values back.`, 'Undo import');
        if (!sure) {
            return;
        }
        try {
            follow(await api.post(`/imports/${encodeURIComponent(job.id)}/revert`));
        } catch (error) {
            replace(progressArea, errorAlert(error, 'The import was not undone.'));
        }
    }

    async function loadHistory() {
        try {
            const jobs = await api.get('/imports', {limit: 20});
            replace(history, jobs.length === 0 ? h('p', {class: 'text-secondary', text: 'No imports yet.'})
                : h('table', {class: 'table table-sm bg-white', id: 'import-history-table'},
                    h('thead', {}, h('tr', {}, ['Submitted', 'By', 'Kind', 'State', 'Rows', 'Created', 'Updated', 'Errors', '']
                        .map(t => h('th', {scope: 'col'}, t || h('span', {class: 'visually-hidden', text: 'Details'}))))),
                    h('tbody', {}, jobs.map(job => h('tr', {},
                        h('td', {text: formatDateTime(job.submittedAt)}), h('td', {text: job.submittedBy}),
                        h('td', {text: job.dryRun ? 'Check only' : 'Import'}),
                        h('td', {text: job.revertedAt ? 'Undone' : job.state.charAt(0) + job.state.slice(1).toLowerCase()}),
                        h('td', {text: formatCount(job.rowsTotal)}), h('td', {text: formatCount(job.created)}),
                        h('td', {text: formatCount(job.updated)}), h('td', {text: formatCount(job.errorCount)}),
                        h('td', {}, h('button', {type: 'button', class: 'btn btn-link btn-sm p-0', text: 'Show',
                            'aria-label': `Show the import of ${formatDateTime(job.submittedAt)}`, onclick: () => follow(job)})))))));
            const running = jobs.find(job => job.state === 'QUEUED' || job.state === 'RUNNING');
            if (running && !polling) {
                follow(running);
            }
        } catch (error) {
            replace(history, errorAlert(error, 'The import history could not be loaded.'));
        }
    }

    loadHistory();
    return {leave: () => clearTimeout(polling)};
}
