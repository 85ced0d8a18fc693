// Building the page from code without a framework: h() makes an element, the rest are small helpers.

/**
 * h('button', {class: 'btn', onclick: fn, 'aria-label': 'Close'}, 'text', otherElement)
 * Attributes: "class", "text" (text content), "on<event>" (listener), "dataset" (object), boolean
 * attributes with true/false, any other attribute as text. Children: nodes, strings, arrays; null and
 * false are skipped. Text is always set as text, never parsed as HTML.
 */
export function h(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
        if (value === undefined || value === null || value === false) {
            continue;
        }
        if (name.startsWith('on') && typeof value === 'function') {
            element.addEventListener(name.substring(2), value);
        } else if (name === 'class') {
            element.className = value;
        } else if (name === 'text') {
            element.textContent = value;
        } else if (name === 'dataset') {
            Object.assign(element.dataset, value);
        } else if (name === 'value' || name === 'checked' || name === 'selected' || name === 'indeterminate') {
            element[name] = value;
        } else {
            element.setAttribute(name, value === true ? '' : String(value));
        }
    }
    append(element, children);
    return element;
}

function append(element, children) {
    for (const child of children) {
        if (child === null || child === undefined || child === false) {
            continue;
        }
        if (Array.isArray(child)) {
            append(element, child);
        } else if (child instanceof Node) {
            element.appendChild(child);
        } else {
            element.appendChild(document.createTextNode(String(child)));
        }
    }
}

/** Replaces an element's content. */
export function replace(element, ...children) {
    element.replaceChildren();
    append(element, children);
    return element;
}

/** An icon from Bootstrap Icons, hidden from screen readers (the control around it carries the label). */
export function icon(name, extraClass = '') {
    return h('i', {class: `bi bi-${name} ${extraClass}`.trim(), 'aria-hidden': 'true'});
}

/** Tells screen-reader users what just happened ("12 clients found"). */
export function announce(text) {
    const announcer = document.getElementById('announcer');
    announcer.textContent = '';
    // a new text node in the next frame, so that the same message twice is read twice
    requestAnimationFrame(() => { announcer.textContent = text; });
}

let nextId = 0;

/** A unique element ID, for label/for and aria-describedby pairs. */
export function uid(prefix = 'a') {
    nextId += 1;
    return `${prefix}-${nextId}`;
}

/** Calls fn at most once per `ms` of quiet: for search as you type. */
export function debounce(fn, ms) {
    let timer = null;
    return (...args) => {
        clearTimeout(timer);
        timer = setTimeout(() => fn(...args), ms);
    };
}
