// One chat message as DOM: answer text with citation chips, sources, closest measures when
// abstaining, open questions answerable in place, measure cards, and the action row (copy,
// thumbs up/down with a comment). Validity notices are shown once per document for the whole
// conversation (chat-ui's validity bar), not under every answer.
import { splitAnswer, stripNotices, stripValidityLines, uniqueCitations } from '../shared/answer-segments.js';
import { h, replaceChildren } from '../shared/dom.js';
import { icon } from '../shared/icons.js';
import type { ChatMessage } from './chat-session.js';
import { measureList } from './measure-cards.js';
import { factQuestion } from './fact-question.js';
import type { ProfileFormField } from '../shared/types.js';

export interface MessageContext {
  openCitation(ref: string, label: string, trigger: HTMLElement, quote?: string): void;
  retry(message: ChatMessage): void;
  /** Posts feedback; rejects with a Chinese message. */
  rate(message: ChatMessage, rating: 'up' | 'down', comment: string): Promise<void>;
  copy(message: ChatMessage): Promise<boolean>;
  announce(text: string): void;
  /** Profile field descriptions (for answering open questions in place), once loaded. */
  fieldOf?(name: string): ProfileFormField | undefined;
  /** Answers an open question of a matched message and re-runs the match. */
  answerFact?(message: ChatMessage, field: string, value: unknown): Promise<void>;
}

export interface MessageView {
  element: HTMLElement;
  /** Re-renders the parts that change while streaming. */
  update(part: 'text' | 'measures' | 'all'): void;
}

/** The answer body shown to the user (validity notices removed when shown as boxes). */
export function displayText(m: ChatMessage): string {
  if (m.pending) return m.text;
  const notices = (m.validity ?? []).map((v) => v.message);
  const text = stripNotices(m.text, notices);
  // The validity bar shows each document's standing once; the answer's own short line goes.
  return notices.length ? stripValidityLines(text) : text;
}

/** Plain text put on the clipboard: the answer and the clauses it rests on. */
export function clipboardText(m: ChatMessage): string {
  const cites = uniqueCitations(m.citations ?? []);
  const sources = cites.length ? `\n\n依据：\n${cites.map((c) => `${c.label}（《${c.docTitle}》）`).join('\n')}` : '';
  return `${m.text}${sources}`;
}

function textNodes(m: ChatMessage, ctx: MessageContext): Array<Node | string> {
  const cites = m.citations ?? [];
  return splitAnswer(displayText(m), cites).map((s) => {
    if (s.kind === 'text') return s.text;
    const ref = s.ref;
    const quote = cites.find((c) => c.ref === ref)?.quote;
    const chip: HTMLButtonElement = h(
      'button',
      {
        type: 'button',
        class: 'zc-chip',
        'aria-label': `查看${s.label}原文`,
        disabled: ref === null,
        onclick: () => ref && ctx.openCitation(ref, s.label, chip, quote),
      },
      s.label,
    );
    return chip;
  });
}

function feedbackRow(m: ChatMessage, ctx: MessageContext): HTMLElement {
  const status = h('span', { class: 'zc-muted', role: 'status' });
  const form = h('form', { class: 'zc-feedback', hidden: true });
  const comment = h('textarea', { class: 'zc-input', rows: '2', maxlength: '500', 'aria-label': '反馈意见（选填）', placeholder: '可以说说哪里有帮助或哪里不对（选填）' });
  const submit = h('button', { type: 'submit', class: 'zc-btn zc-btn-primary' }, '提交反馈');
  form.append(comment, submit);
  let chosen: 'up' | 'down' | null = null;

  const thumb = (rating: 'up' | 'down', label: string) => {
    const btn: HTMLButtonElement = h(
      'button',
      {
        type: 'button',
        class: 'zc-icon-btn zc-thumb',
        'aria-label': label,
        'aria-pressed': m.rating === rating ? 'true' : 'false',
        disabled: !!m.rating,
        'data-rating': rating,
        onclick: () => {
          chosen = rating;
          up.setAttribute('aria-pressed', String(rating === 'up'));
          down.setAttribute('aria-pressed', String(rating === 'down'));
          form.hidden = false;
          comment.placeholder = rating === 'up' ? '哪里对您有帮助？（选填）' : '哪里不准确或缺少什么？（选填）';
          comment.focus();
        },
      },
      icon(rating === 'up' ? 'thumbUp' : 'thumbDown'),
    );
    return btn;
  };
  const up = thumb('up', '有帮助');
  const down = thumb('down', '没帮助');

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!chosen) return;
    submit.disabled = true;
    ctx
      .rate(m, chosen, comment.value.trim())
      .then(() => {
        form.hidden = true;
        up.disabled = true;
        down.disabled = true;
        status.textContent = '感谢您的反馈！';
      })
      .catch((err: Error) => {
        submit.disabled = false;
        status.textContent = err.message || '反馈提交失败，请稍后再试。';
      });
  });

  const copy: HTMLButtonElement = h(
    'button',
    {
      type: 'button',
      class: 'zc-btn zc-btn-ghost',
      'aria-label': '复制回答',
      onclick: () => {
        void ctx.copy(m).then((ok) => {
          copy.textContent = ok ? '已复制' : '复制失败';
          ctx.announce(ok ? '回答已复制' : '复制失败，请手动选择文字复制');
          setTimeout(() => (copy.textContent = '复制'), 2000);
        });
      },
    },
    '复制',
  );
  if (m.rating) status.textContent = '感谢您的反馈！';
  return h('div', { class: 'zc-actions' }, h('div', { class: 'zc-actions-row' }, copy, m.turnId ? [up, down] : null, status), form);
}

export function messageView(m: ChatMessage, ctx: MessageContext): MessageView {
  if (m.role === 'user') {
    const element = h('div', { class: 'zc-msg zc-msg-user' }, h('span', { class: 'zc-sr' }, '您的问题：'), h('div', { class: 'zc-bubble' }, m.text));
    return { element, update() {} };
  }
  const text = h('div', { class: 'zc-text' });
  const extras = h('div', { class: 'zc-extras' });
  const measures = h('div');
  const bubble = h('div', { class: 'zc-bubble' }, text, extras);
  const actions = h('div');
  const element = h('div', { class: 'zc-msg zc-msg-assistant', 'data-id': m.id }, h('span', { class: 'zc-sr' }, '助手回答：'), bubble, measures, actions);

  const renderText = () => {
    if (m.pending && !m.text) replaceChildren(text, h('span', { class: 'zc-typing', 'aria-label': '正在生成回答' }, h('i'), h('i'), h('i')));
    else replaceChildren(text, textNodes(m, ctx));
    text.classList.toggle('zc-streaming', !!m.pending);
  };
  const renderMeasures = () => {
    const facts = ctx.fieldOf && ctx.answerFact ? { fieldOf: ctx.fieldOf, answer: (field: string, value: unknown) => ctx.answerFact!(m, field, value) } : undefined;
    const current = (field: string) => (m.profile as Record<string, unknown> | undefined)?.[field];
    const open = (m.questions ?? []).filter((q) => q.purpose === 'status').slice(0, 4);
    replaceChildren(
      measures,
      !m.pending && open.length && facts
        ? h(
            'section',
            { class: 'zc-questions', 'aria-label': '还需要确认的问题' },
            h('p', { class: 'zc-questions-title' }, '还需要确认（回答后自动重新匹配）：'),
            h('ul', null, open.map((q) => factQuestion(q, facts, current(q.field)))),
          )
        : null,
      measureList(m.measures ?? [], { ...ctx, ...(facts && !m.pending ? { facts, current } : {}) }),
    );
  };
  const renderExtras = () => {
    const cites = uniqueCitations(m.citations ?? []);
    replaceChildren(
      extras,
      m.error
        ? h(
            'div',
            { class: 'zc-error', role: 'alert' },
            m.error,
            ' ',
            h('button', { type: 'button', class: 'zc-btn zc-btn-ghost', onclick: () => ctx.retry(m) }, '重试'),
          )
        : null,
      !m.pending && cites.length
        ? h(
            'div',
            { class: 'zc-sources' },
            h('span', { class: 'zc-muted' }, '依据：'),
            cites.map((c) => {
              const chip: HTMLButtonElement = h(
                'button',
                { type: 'button', class: 'zc-chip', 'aria-label': `查看${c.label}原文（${c.docTitle}）`, onclick: () => ctx.openCitation(c.ref, c.label, chip, c.quote) },
                c.label,
              );
              return chip;
            }),
          )
        : null,
      m.suggestions?.length
        ? h(
            'div',
            { class: 'zc-suggest' },
            h('p', { class: 'zc-muted' }, '您可能想了解：'),
            m.suggestions.map((s) => {
              const b: HTMLButtonElement = h(
                'button',
                { type: 'button', class: 'zc-btn zc-btn-ghost', onclick: () => ctx.openCitation(s.ref, s.label, b) },
                `${s.label} ${s.title}`,
              );
              return b;
            }),
          )
        : null,
    );
    replaceChildren(actions, !m.pending && !m.error && m.text ? feedbackRow(m, ctx) : null);
  };

  const update = (part: 'text' | 'measures' | 'all') => {
    if (part === 'text' || part === 'all') renderText();
    if (part === 'measures' || part === 'all') renderMeasures();
    if (part === 'all') renderExtras();
  };
  update('all');
  return { element, update };
}
