// The chat area shared by the widget and the console: the message log (role="log"), the
// composer (Enter sends, Shift+Enter new line, IME-safe), starter questions and the clause panel.
import type { ApiClient } from '../shared/api-client.js';
import { h, replaceChildren } from '../shared/dom.js';
import type { ChatMessage, ChatSession } from './chat-session.js';
import { createCitationPanel, type CitationPanel } from './citation-panel.js';
import { messageView, clipboardText, type MessageContext, type MessageView } from './message-view.js';

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
  const citation = createCitationPanel(api, activeElement);

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
  };

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

  function welcome(): HTMLElement {
    return h(
      'div',
      { class: 'zc-welcome' },
      h('p', null, opts.welcome),
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
  replaceChildren(root, h('div', { class: 'zc-chat' }, log, live, form, citation.element));
  rebuild();

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
