// The chat area shared by the widget and the console: the message log (role="log"), the
// composer (Enter sends, Shift+Enter new line, IME-safe), starter questions, the clause panel,
// one validity line per document for the whole conversation, and open questions of matched
// measures answered in place (each answer re-runs the match).
import type { ApiClient } from '../shared/api-client.js';
import { h, replaceChildren } from '../shared/dom.js';
import type { ChatMessage, ChatSession } from './chat-session.js';
import { createCitationPanel, type CitationPanel } from './citation-panel.js';
import { messageView, clipboardText, type MessageContext, type MessageView } from './message-view.js';
import type { CompanyProfile, DocumentSummary, ProfileFormField, ProfileFormSchema } from '../shared/types.js';
import { validityLines } from '../shared/validity-lines.js';

export interface ChatUiOptions {
  root: HTMLElement;
  api: ApiClient;
  session: ChatSession;
  /** The focused element (shadowRoot.activeElement inside the widget). */
  activeElement: () => Element | null;
  welcome: string;
  starters: readonly string[];
  /** Shows 「描述我的企业」 when given. */
  onDescribe?: () => void;
  placeholder?: string;
  maxChars?: number;
  /** The documents answered from (validity lines, source links, the coverage line). */
  corpus?: Promise<{ documents: DocumentSummary[] }>;
  /** A line under the welcome saying what the assistant covers. */
  coverage?: Promise<string>;
  /** Field descriptions: open questions of matched measures become answerable in place. */
  fields?: Promise<ProfileFormSchema>;
  /** Profile facts every re-match keeps (the widget's region). */
  baseProfile?: () => Partial<CompanyProfile>;
}

export interface ChatUi {
  citation: CitationPanel;
  input: HTMLTextAreaElement;
  send(text: string): Promise<ChatMessage | null>;
  focusInput(): void;
  /** Closes the top-most overlay; false when nothing was open. */
  escape(): boolean;
}

/** Schedules at most one call per animation frame (falls back to a timer in hidden tabs). */
function frameScheduler(): (key: string, fn: () => void) => void {
  const pending = new Map<string, () => void>();
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    const fns = [...pending.values()];
    pending.clear();
    fns.forEach((f) => f());
  };
  return (key, fn) => {
    pending.set(key, fn);
    if (scheduled) return;
    scheduled = true;
    if (typeof requestAnimationFrame === 'function' && !document.hidden) requestAnimationFrame(flush);
    else setTimeout(flush, 16);
  };
}

function mark(name: string): void {
  try {
    performance.mark(name);
  } catch {
    // performance marks are diagnostics only
  }
}

export function createChatUi(opts: ChatUiOptions): ChatUi {
  const { root, api, session, activeElement, maxChars = 1000 } = opts;
  const schedule = frameScheduler();
  const views = new Map<string, MessageView>();
  const log = h('div', { class: 'zc-log', role: 'log', 'aria-live': 'polite', 'aria-label': '对话记录', tabindex: '0' });
  const live = h('div', { class: 'zc-sr', 'aria-live': 'polite', role: 'status' });
  const input = h('textarea', {
    class: 'zc-input zc-composer-input',
    rows: '1',
    maxlength: String(maxChars),
    'aria-label': '输入您的问题',
    placeholder: opts.placeholder ?? '请输入您的问题，按 Enter 发送',
    enterkeyhint: 'send',
  });
  const sendBtn = h('button', { type: 'submit', class: 'zc-btn zc-btn-primary zc-send', 'aria-label': '发送问题' }, '发送');
  const form = h('form', { class: 'zc-composer' });
  let documents: DocumentSummary[] = [];
  const citation = createCitationPanel(api, activeElement, (docId) => documents.find((d) => d.id === docId)?.sourceUrl);
  const validityBar = h('div', { class: 'zc-validity', role: 'note', 'aria-label': '有效期提示', hidden: true });
  const fieldMap = new Map<string, ProfileFormField>();

  const announce = (text: string) => {
    live.textContent = '';
    setTimeout(() => (live.textContent = text), 50);
  };

  const ctx: MessageContext = {
    openCitation: (ref, label, trigger, quote) => void citation.open(ref, label, trigger, quote),
    retry: (m) => void session.retry(m),
    async rate(m, rating, comment) {
      if (!m.turnId || !m.sessionId) throw new Error('该回答无法评价。');
      await api.feedback({
        sessionId: m.sessionId,
        turnId: m.turnId,
        rating,
        ...(comment ? { comment } : {}),
      });
      session.rate(m, rating);
    },
    async copy(m) {
      const text = clipboardText(m);
      try {
        await navigator.clipboard.writeText(text);
        return true;
      } catch {
        // Clipboard API needs a secure context; fall back to a selected textarea.
        const ta = h('textarea', { class: 'zc-offscreen', readonly: true, 'aria-hidden': 'true' });
        ta.value = text;
        root.appendChild(ta);
        ta.select();
        let ok = false;
        try {
          ok = document.execCommand('copy');
        } catch {
          ok = false;
        }
        ta.remove();
        return ok;
      }
    },
    announce,
    fieldOf: (name) => fieldMap.get(name),
    async answerFact(m, field, value) {
      const profile = { ...opts.baseProfile?.(), ...(m.profile ?? {}), [field]: value } as CompanyProfile;
      const r = await api.match({ profile });
      session.attachMeasures(m, r.measures, r.questions, r.profile);
      const n = (s: string) => r.measures.filter((x) => x.status === s).length;
      announce(`已根据您的回答重新匹配：符合 ${n('eligible')} 项，可能符合 ${n('possible')} 项。`);
    },
  };

  /** One compact line per document for the whole conversation. */
  function renderValidity(): void {
    const lines = validityLines(session.state.messages.flatMap((m) => m.validity ?? []), documents);
    validityBar.hidden = !lines.length;
    replaceChildren(
      validityBar,
      lines.map((l) =>
        h(
          'details',
          { class: `zc-vline zc-notice-${l.status}`, 'data-doc': l.docId },
          h('summary', null, h('strong', { class: 'zc-vstate' }, `${l.state}`), ' ', l.summary),
          h('ul', null, l.details.map((d) => h('li', null, d))),
        ),
      ),
    );
  }

  const toBottom = () => {
    log.scrollTop = log.scrollHeight;
  };
  // While an answer streams, keep its question at the top of the log until the user scrolls.
  let anchor: HTMLElement | null = null;
  const follow = () => {
    if (anchor) log.scrollTop = anchor.offsetTop - 8;
  };
  const release = () => (anchor = null);
  log.addEventListener('wheel', release, { passive: true });
  log.addEventListener('touchstart', release, { passive: true });
  log.addEventListener('keydown', release);

  const coverageText = h('p', { class: 'zc-coverage', hidden: true });
  opts.coverage
    ?.then((t) => {
      coverageText.textContent = t;
      coverageText.hidden = !t;
    })
    .catch(() => undefined);
  function welcome(): HTMLElement {
    return h(
      'div',
      { class: 'zc-welcome' },
      h('p', null, opts.welcome),
      coverageText,
      h(
        'div',
        { class: 'zc-starters', role: 'group', 'aria-label': '常见问题' },
        opts.starters.map((q) => h('button', { type: 'button', class: 'zc-starter', onclick: () => void send(q) }, q)),
        opts.onDescribe ? h('button', { type: 'button', class: 'zc-starter zc-starter-accent', onclick: opts.onDescribe }, '描述我的企业，看看能享受哪些政策') : null,
      ),
    );
  }

  function add(m: ChatMessage): void {
    log.querySelector('.zc-welcome')?.remove();
    const v = messageView(m, ctx);
    views.set(m.id, v);
    log.appendChild(v.element);
    // A new answer starts with its question at the top of the log, so the beginning of a long
    // answer (and its measure cards) stays in view while it streams.
    const question = v.element.previousElementSibling as HTMLElement | null;
    anchor = m.pending && question ? question : null;
    if (anchor) follow();
    else toBottom();
  }

  function rebuild(): void {
    views.clear();
    replaceChildren(log, session.state.messages.length ? null : welcome());
    for (const m of session.state.messages) add(m);
    renderValidity();
    toBottom();
  }

  session.subscribe((e) => {
    if (e.type === 'reset') return rebuild();
    if (e.type === 'added') return add(e.message);
    const v = views.get(e.message.id);
    if (!v) return;
    if (e.type === 'firstToken') {
      v.update('text');
      follow();
      mark('zc-first-token');
      return;
    }
    if (e.type === 'done') {
      v.update('all');
      follow();
      anchor = null;
      log.removeAttribute('aria-busy');
      sendBtn.disabled = false;
      renderValidity();
      if (e.message.error) announce(e.message.error);
    } else
      schedule(`${e.message.id}:${e.type}`, () => {
        v.update(e.type === 'text' ? 'text' : 'measures');
        follow();
      });
  });

  async function send(text: string): Promise<ChatMessage | null> {
    if (session.busy || !text.trim()) return null;
    mark('zc-send');
    log.setAttribute('aria-busy', 'true');
    sendBtn.disabled = true;
    return session.send(text);
  }

  const resize = () => {
    const lines = input.value.split('\n').length;
    input.rows = Math.min(5, Math.max(1, lines, Math.ceil(input.value.length / 28)));
  };
  input.addEventListener('input', resize);
  input.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || e.shiftKey || e.isComposing || e.keyCode === 229) return;
    e.preventDefault();
    form.requestSubmit();
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = input.value;
    if (!text.trim() || session.busy) return;
    input.value = '';
    resize();
    void send(text);
  });

  const tools = h(
    'div',
    { class: 'zc-tools' },
    opts.onDescribe ? h('button', { type: 'button', class: 'zc-btn zc-btn-ghost zc-describe', onclick: opts.onDescribe }, '描述我的企业') : null,
    h(
      'button',
      {
        type: 'button',
        class: 'zc-btn zc-btn-ghost',
        onclick: () => {
          if (session.busy) return;
          session.clear();
          announce('已开始新对话');
          input.focus();
        },
      },
      '新对话',
    ),
  );
  form.append(h('div', { class: 'zc-composer-row' }, input, sendBtn), tools);
  replaceChildren(root, h('div', { class: 'zc-chat' }, validityBar, log, live, form, citation.element));
  rebuild();
  opts.corpus
    ?.then((c) => {
      documents = c.documents;
      renderValidity();
    })
    .catch(() => undefined);
  opts.fields
    ?.then((schema) => {
      for (const g of schema.groups) for (const f of g.fields) fieldMap.set(f.name, f);
      // Messages already on screen get their answer controls.
      for (const m of session.state.messages) if (m.measures?.length || m.questions?.length) views.get(m.id)?.update('measures');
    })
    .catch(() => undefined);

  return {
    citation,
    input,
    send,
    focusInput: () => input.focus(),
    escape() {
      if (citation.isOpen) {
        citation.close();
        return true;
      }
      return false;
    },
  };
}
