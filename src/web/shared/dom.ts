// The only way the web client builds DOM: createElement + textContent + setAttribute. Server and
// user text never passes through an HTML parser (no innerHTML anywhere), so <script> or
// <img onerror> typed as a question shows as text.

export type Child = Node | string | number | null | undefined | false | Child[];

export interface Attrs {
  [name: string]: string | number | boolean | null | undefined | EventListener;
}

function append(parent: Node, child: Child): void {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) {
    for (const c of child) append(parent, c);
    return;
  }
  parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
}

/**
 * Creates an element. `on*` function attributes become event listeners; `class` and other
 * attributes are set with setAttribute; booleans add or omit the attribute. Attribute names are
 * always our own literals; only values come from data.
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') {
      el.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (value === true) {
      el.setAttribute(name, '');
    } else {
      el.setAttribute(name, String(value));
    }
  }
  append(el, children);
  return el;
}

/** Replaces all children of `el` (textContent = '' clears without parsing anything). */
export function replaceChildren(el: Node, ...children: Child[]): void {
  el.textContent = '';
  append(el, children);
}

export { append as appendChild };
