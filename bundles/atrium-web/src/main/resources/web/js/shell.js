// The frame around every screen: navigation, who is signed in, sign-out; and the router (#/clients ...).
import {h, icon, replace} from './dom.js';
import * as clients from './clients/clients-page.js';
import * as imports from './imports/import-page.js';
import * as instructions from './settings/instructions-page.js';
import * as people from './settings/offices-page.js';
import * as audit from './settings/audit-page.js';
import * as mail from './settings/mail-page.js';
import * as account from './account-page.js';

const ROUTES = {
    '#/clients': {page: clients, title: 'Portal Management'},
    '#/import': {page: imports, title: 'Import clients'},
    '#/settings/instructions': {page: instructions, title: 'Client Instructions', admin: true},
    '#/settings/offices': {page: people, title: 'Offices and users', admin: true},
    '#/settings/audit': {page: audit, title: 'Audit trail', admin: true},
    '#/settings/mail': {page: mail, title: 'Mail queue', admin: true},
    '#/account': {page: account, title: 'Your account'},
};

let current = null;

export function showShell(app, session, signOut) {
    const administrator = session.roles.includes('atrium-admin');
    const main = h('main', {id: 'main', class: 'container-fluid px-4 py-3', tabindex: '-1'});
    const nav = h('nav', {class: 'navbar navbar-expand navbar-dark navbar-atrium px-3', 'aria-label': 'Main'},
        h('a', {class: 'navbar-brand d-flex align-items-center gap-2', href: '#/clients'},
            h('img', {src: 'img/atrium.svg', alt: '', width: 26, height: 26}), 'Atrium'),
        h('ul', {class: 'navbar-nav me-auto'},
            navLink('#/clients', 'Portal Management'),
            navLink('#/import', 'Import'),
            administrator ? h('li', {class: 'nav-item dropdown'},
                h('button', {type: 'button', class: 'nav-link dropdown-toggle btn btn-link', 'data-bs-toggle': 'dropdown',
                    'aria-expanded': 'false', id: 'settings-menu'}, 'Settings'),
                h('ul', {class: 'dropdown-menu'},
                    menuLink('#/settings/instructions', 'Client Instructions'),
                    menuLink('#/settings/offices', 'Offices and users'),
                    menuLink('#/settings/audit', 'Audit trail'),
                    menuLink('#/settings/mail', 'Mail queue'))) : null),
        h('div', {class: 'd-flex align-items-center gap-3 text-white'},
            h('a', {id: 'signed-in-user', class: 'text-white text-decoration-none', href: '#/account',
                title: 'Your account: two-factor sign-in'}, icon('person-circle', 'me-1'), session.username,
                h('span', {class: 'badge bg-light text-dark ms-2', id: 'signed-in-role',
                    text: administrator ? 'Administrator' : 'Staff'})),
            h('button', {type: 'button', class: 'btn btn-outline-light btn-sm', id: 'sign-out', onclick: signOut},
                icon('box-arrow-right', 'me-1'), 'Sign out')));
    replace(app, h('header', {}, nav), main);

    const route = () => {
        const hash = ROUTES[location.hash] ? location.hash : '#/clients';
        const target = ROUTES[hash];
        if (target.admin && !administrator) {
            location.hash = '#/clients';
            return;
        }
        if (current && current.leave) {
            current.leave();
        }
        nav.querySelectorAll('.nav-link, .dropdown-item').forEach(link => {
            const active = link.getAttribute('href') === hash;
            link.classList.toggle('active', active);
            if (active) {
                link.setAttribute('aria-current', 'page');
            } else {
                link.removeAttribute('aria-current');
            }
        });
        document.title = `${target.title} · Atrium`;
        replace(main);
        current = target.page.show(main, session) || null;
    };
    window.onhashchange = route;
    route();
}

function navLink(href, label) {
    return h('li', {class: 'nav-item'}, h('a', {class: 'nav-link', href, text: label}));
}

function menuLink(href, label) {
    return h('li', {}, h('a', {class: 'dropdown-item', href, text: label}));
}
