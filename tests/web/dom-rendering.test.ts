// HTML-free rendering: h() and the message and measure views build DOM from text only; markup in
// server or user text stays text, and no HTML parser entry point is ever touched.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { asFake, FakeText, installFakeDocument } from './fake-dom.js';
import { h, replaceChildren } from '../../src/web/shared/dom.js';
import { messageView, clipboardText, displayText, type MessageContext } from '../../src/web/chat/message-view.js';
import { measureList } from '../../src/web/chat/measure-cards.js';
import type { ChatMessage } from '../../src/web/chat/chat-session.js';
import type { MatchedMeasure } from '../../src/web/shared/types.js';

beforeAll(installFakeDocument);

const XSS = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>'];

const ctx = (): MessageContext & { opened: string[] } => {
  const opened: string[] = [];
  return {
    opened,
    openCitation: (ref) => void opened.push(ref),
    retry: vi.fn(),
    rate: vi.fn(async () => undefined),
    copy: vi.fn(async () => true),
    announce: vi.fn(),
  };
};

describe('h()', () => {
  it('puts strings in text nodes, never parsed', () => {
    for (const s of XSS) {
      const el = asFake(h('div', { class: 'x' }, s));
      expect(el.childNodes).toHaveLength(1);
      expect(el.childNodes[0]).toBeInstanceOf(FakeText);
      expect(el.textContent).toBe(s);
      expect(el.all()).toHaveLength(0);
    }
  });

  it('sets attributes, omits false/null, adds listeners for on* functions', () => {
    const onclick = vi.fn();
    const el = asFake(h('button', { type: 'button', disabled: false, hidden: true, 'aria-label': '关闭', title: null, onclick }, '×'));
    expect(el.getAttribute('type')).toBe('button');
    expect(el.hasAttribute('disabled')).toBe(false);
    expect(el.getAttribute('hidden')).toBe('');
    expect(el.getAttribute('aria-label')).toBe('关闭');
    expect(el.hasAttribute('title')).toBe(false);
    el.click();
    expect(onclick).toHaveBeenCalledOnce();
  });

  it('flattens nested children and skips empty ones', () => {
    const el = asFake(h('p', null, ['a', null, false, ['b', 1]], undefined));
    expect(el.textContent).toBe('ab1');
  });

  it('replaceChildren clears with textContent and appends', () => {
    const el = h('div', null, 'old');
    replaceChildren(el, h('span', null, 'new'), '!');
    expect(asFake(el).textContent).toBe('new!');
  });
});

describe('messageView', () => {
  it('shows a user question with markup as text', () => {
    for (const s of XSS) {
      const v = messageView({ id: 'u', role: 'user', text: s }, ctx());
      const el = asFake(v.element);
      expect(el.textContent).toContain(s);
      expect(el.all().some((e) => ['script', 'img'].includes(e.tagName))).toBe(false);
    }
  });

  it('renders answer chips as buttons that open the cited clause', () => {
    const c = ctx();
    const m: ChatMessage = {
      id: 'a',
      role: 'assistant',
      text: '研发补助<b>最高</b>300万元。〔第11条〕\n提示：文件已届满。',
      citations: [{ ref: '11', label: '第11条', quote: '最高300万元', docTitle: '若干政策' }],
      validity: [{ message: '提示：文件已届满。', status: 'expired' } as never],
      turnId: 't1',
      sessionId: 's1',
      question: '补助多少？',
    };
    const el = asFake(messageView(m, c).element);
    const chips = el.querySelectorAll('button.zc-chip');
    expect(chips.map((b) => b.textContent)).toEqual(['第11条', '第11条']); // inline + sources row
    chips[0]!.click();
    expect(c.opened).toEqual(['11']);
    expect(el.querySelector('div.zc-text')!.textContent).toBe('研发补助<b>最高</b>300万元。第11条');
    // The validity notice is left to the conversation's validity bar (one line per document).
    expect(el.querySelector('p.zc-notice')).toBeNull();
    expect(el.textContent).not.toContain('文件已届满');
    expect(el.all().some((e) => e.tagName === 'b')).toBe(false);
    expect(el.querySelectorAll('button.zc-thumb')).toHaveLength(2);
  });

  it('shows a typing indicator while empty and the error with a retry button', () => {
    const pending = asFake(messageView({ id: 'p', role: 'assistant', text: '', pending: true }, ctx()).element);
    expect(pending.querySelector('span.zc-typing')).not.toBeNull();
    const c = ctx();
    const failed = asFake(messageView({ id: 'e', role: 'assistant', text: '', error: '网络连接失败，请检查网络后重试。', question: 'q' }, c).element);
    expect(failed.querySelector('div.zc-error')!.textContent).toContain('网络连接失败');
    failed.querySelector('div.zc-error')!.querySelector('button')!.click();
    expect(c.retry).toHaveBeenCalledOnce();
  });

  it('copies the answer with its sources and shows the body without the notice', () => {
    const m: ChatMessage = {
      id: 'a',
      role: 'assistant',
      text: '答复〔第11条〕\n提示：已届满。',
      citations: [{ ref: '11', label: '第11条', quote: 'q', docTitle: '若干政策' }],
      validity: [{ message: '提示：已届满。' } as never],
    };
    expect(displayText(m)).toBe('答复〔第11条〕');
    expect(clipboardText(m)).toBe('答复〔第11条〕\n提示：已届满。\n\n依据：\n第11条（《若干政策》）');
  });
});

describe('measureList', () => {
  const base = (over: Partial<MatchedMeasure>): MatchedMeasure => ({
    ref: '11', key: '11', label: '第11条', title: '推动企业加大研发投入', status: 'eligible', actionability: 'apply', audience: '',
    reasons: ['符合“规上”'], missing: [], benefits: [{ text: '最高300万元补助', quote: 'q', conditional: false }], estimates: [],
    quotes: ['q'], responsibleUnits: ['市科技局'], value: 1, ...over,
  });

  it('renders eligible and possible cards with badges, 仅供参考 estimates and questions; counts the rest', () => {
    const c = ctx();
    const list = asFake(
      measureList(
        [
          base({ estimate: { text: '约15万元至40万元（仅供参考）' } as never }),
          base({ ref: '21', label: '第21条', title: '<script>x</script>', status: 'possible', missing: [{ field: 'sme', question: '是否属于中小企业？' }] }),
          base({ ref: '44', label: '第44条', status: 'not_eligible' }),
        ],
        c,
      ),
    );
    const cards = list.querySelectorAll('article.zc-card');
    expect(cards).toHaveLength(2);
    expect(cards.map((a) => a.querySelector('span.zc-badge')!.textContent)).toEqual(['符合', '可能符合']);
    expect(cards[0]!.querySelector('p.zc-estimate')!.textContent).toContain('仅供参考');
    expect(cards[1]!.querySelector('div.zc-missing')!.textContent).toContain('是否属于中小企业？');
    expect(cards[1]!.textContent).toContain('<script>x</script>');
    expect(list.querySelector('p.zc-cards-summary')!.textContent).toBe('匹配结果：符合 1 项，可能符合 1 项，另有 1 项暂不符合。');
    cards[1]!.querySelector('button.zc-chip')!.click();
    expect(c.opened).toEqual(['21']);
  });

  it('shows five cards and a button for the rest', () => {
    const many = Array.from({ length: 8 }, (_, i) => base({ ref: String(i + 1), label: `第${i + 1}条` }));
    const list = asFake(measureList(many, ctx()));
    expect(list.querySelectorAll('article.zc-card')).toHaveLength(5);
    const more = list.querySelector('button.zc-link')!;
    expect(more.textContent).toBe('显示其余 3 项');
    more.click();
    expect(list.querySelectorAll('article.zc-card')).toHaveLength(8);
  });

  it('renders nothing for no measures', () => {
    expect(measureList([], ctx())).toBeNull();
  });
});
