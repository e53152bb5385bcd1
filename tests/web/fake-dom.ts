// A minimal DOM for testing the web client's rendering helpers in Node: elements, text nodes,
// attributes, listeners. Any HTML-parsing entry point (innerHTML, outerHTML, insertAdjacentHTML,
// document.write) throws, so a test passing here proves the code never parses markup.

type Listener = (e: { type: string; target: FakeNode; preventDefault(): void }) => void;

export class FakeNode {
  parentNode: FakeElement | null = null;
  readonly childNodes: FakeNode[] = [];
  get textContent(): string {
    return this.childNodes.map((c) => c.textContent).join('');
  }
  set textContent(v: string) {
    for (const c of this.childNodes) c.parentNode = null;
    this.childNodes.length = 0;
    if (v) this.appendChild(new FakeText(v));
  }
  appendChild<T extends FakeNode>(child: T): T {
    child.parentNode?.removeChild(child);
    child.parentNode = this as unknown as FakeElement;
    this.childNodes.push(child);
    return child;
  }
  append(...nodes: Array<FakeNode | string>): void {
    for (const n of nodes) this.appendChild(typeof n === 'string' ? new FakeText(n) : n);
  }
  removeChild(child: FakeNode): void {
    const i = this.childNodes.indexOf(child);
    if (i !== -1) this.childNodes.splice(i, 1);
    child.parentNode = null;
  }
  remove(): void {
    this.parentNode?.removeChild(this);
  }
}

export class FakeText extends FakeNode {
  constructor(public data: string) {
    super();
  }
  override get textContent(): string {
    return this.data;
  }
  override set textContent(v: string) {
    this.data = v;
  }
}

export class FakeElement extends FakeNode {
  readonly attributes = new Map<string, string>();
  readonly listeners = new Map<string, Listener[]>();
  readonly style = { props: new Map<string, string>(), setProperty: (k: string, v: string) => void this.style.props.set(k, v) };
  hidden = false;
  disabled = false;
  value = '';
  constructor(public readonly tagName: string) {
    super();
  }
  setAttribute(name: string, value: string): void {
    if (/^on/iu.test(name)) throw new Error(`inline handler attribute ${name} set`);
    this.attributes.set(name, String(value));
    if (name === 'hidden') this.hidden = true;
    if (name === 'disabled') this.disabled = true;
  }
  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }
  removeAttribute(name: string): void {
    this.attributes.delete(name);
  }
  hasAttribute(name: string): boolean {
    return this.attributes.has(name);
  }
  addEventListener(type: string, fn: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  dispatch(type: string): void {
    for (const fn of this.listeners.get(type) ?? []) fn({ type, target: this, preventDefault() {} });
  }
  click(): void {
    this.dispatch('click');
  }
  focus(): void {}
  get classList() {
    const get = () => (this.getAttribute('class') ?? '').split(/\s+/u).filter(Boolean);
    const set = (l: string[]) => this.attributes.set('class', l.join(' '));
    return {
      contains: (c: string) => get().includes(c),
      add: (c: string) => set([...new Set([...get(), c])]),
      remove: (c: string) => set(get().filter((x) => x !== c)),
      toggle: (c: string, on?: boolean) => {
        const has = get().includes(c);
        const want = on ?? !has;
        if (want && !has) set([...get(), c]);
        if (!want && has) set(get().filter((x) => x !== c));
        return want;
      },
    };
  }
  /** Descendant elements (depth first). */
  all(): FakeElement[] {
    return this.childNodes.flatMap((c) => (c instanceof FakeElement ? [c, ...c.all()] : []));
  }
  /** Supports "tag", ".class" and "tag.class" selectors only. */
  querySelectorAll(sel: string): FakeElement[] {
    const [tag, cls] = sel.includes('.') ? sel.split('.') : [sel, undefined];
    return this.all().filter((e) => (!tag || e.tagName === tag) && (!cls || e.classList.contains(cls)));
  }
  querySelector(sel: string): FakeElement | null {
    return this.querySelectorAll(sel)[0] ?? null;
  }
  closest(): null {
    return null;
  }
  set innerHTML(_v: string) {
    throw new Error('innerHTML used');
  }
  get innerHTML(): string {
    throw new Error('innerHTML used');
  }
  set outerHTML(_v: string) {
    throw new Error('outerHTML used');
  }
  insertAdjacentHTML(): void {
    throw new Error('insertAdjacentHTML used');
  }
}

export const fakeDocument = {
  createElement: (tag: string) => new FakeElement(tag.toLowerCase()),
  createElementNS: (_ns: string, tag: string) => new FakeElement(tag),
  createTextNode: (text: string) => new FakeText(text),
  write() {
    throw new Error('document.write used');
  },
  hidden: false,
};

/** Installs the fake as the global document for the duration of a test file. */
export function installFakeDocument(): void {
  (globalThis as { document?: unknown }).document = fakeDocument;
}

export const asFake = (n: unknown) => n as FakeElement;
