// 规则审核 (staff token): pick a document, see each clause's text beside its drafted rule, and
// accept, edit or reject each condition and each benefit (with its formula), then save the unit as
// reviewed. The server checks every quote against the clause (a quote not in it is refused with a
// message shown here) and reloads, so matching uses the rule at once; unreviewed rules stay 待核实.
import { ApiError } from '../shared/api-client.js';
import { h, replaceChildren } from '../shared/dom.js';
import css from './rules-review.css';
import { staffMessage, TOKEN_KEY } from './feedback-review.js';

interface Leaf {
  fact: string;
  op: string;
  value?: unknown;
  description: string;
  question?: string;
  quote: string;
  unknown?: unknown;
}
type Condition = Leaf | { all: Condition[]; description?: string } | { any: Condition[]; description?: string } | { not: Condition; description?: string };
interface Formula {
  kind: string;
  cap?: number;
  [k: string]: unknown;
}
interface Benefit {
  text: string;
  quote: string;
  formula?: Formula;
  when?: Condition;
}
interface Rule {
  ref: string;
  reviewed: boolean;
  audience: { text: string; tags: string[] };
  actionability: 'apply' | 'automatic' | 'indirect' | 'internal';
  conditions?: Condition;
  benefits: Benefit[];
  value: number;
  note?: string;
}
interface UnitView {
  ref: string;
  key: string;
  label: string;
  title: string;
  text: string;
  rule: Rule;
}
interface DocRules {
  id: string;
  title: string;
  docNumber: string | null;
  region: string;
  status: 'reviewed' | 'draft' | 'none';
  reviewed: number;
  draft: number;
}
type Decision = { action: 'accept' } | { action: 'reject' } | { action: 'edit'; condition?: Leaf; benefit?: Benefit };

const STATUS_LABEL: Record<DocRules['status'], string> = { reviewed: '已审核', draft: '有待审核的草稿', none: '未起草（加载时临时起草）' };
const ACTIONABILITY_LABEL: Record<Rule['actionability'], string> = { apply: '需申报', automatic: '自动享受', indirect: '间接支持', internal: '非申报事项' };
const OP_LABEL: Record<string, string> = {
  eq: '等于', neq: '不等于', in: '属于', gt: '大于', gte: '不低于', lt: '小于', lte: '不超过', truthy: '是', falsy: '否',
  includesAny: '包含其一', within: '位于', monthsSinceLte: '距今不超过（月）', monthsSinceGte: '距今满（月）',
};
const FORMULA_LABEL: Record<string, string> = { fixed: '定额', percent: '按比例', perHead: '按人头', tiers: '分档', range: '区间', stockIncrement: '存量增量' };

function leavesOf(c: Condition | undefined): Leaf[] {
  if (!c) return [];
  if ('fact' in c) return [c];
  if ('not' in c) return leavesOf(c.not);
  return ('all' in c ? c.all : c.any).flatMap(leavesOf);
}

function formulaText(f: Formula | undefined): string {
  if (!f) return '无公式（仅文字说明）';
  const yuan = (n: unknown) => (typeof n === 'number' ? (n >= 10000 ? `${n / 10000}万元` : `${n}元`) : String(n));
  const parts = [FORMULA_LABEL[f.kind] ?? f.kind];
  if (f.kind === 'fixed' || f.kind === 'perHead') parts.push(yuan(f.amount));
  if (f.kind === 'range') parts.push(`${yuan(f.min)}–${yuan(f.max)}`);
  if (f.kind === 'percent') parts.push(`${String(f.rate)}`);
  if (f.cap !== undefined) parts.push(`上限 ${yuan(f.cap)}`);
  return parts.join(' · ');
}

/** The clause text with each quote marked (first occurrence; quotes the text lacks are not marked). */
function markedText(text: string, quotes: string[]): HTMLElement {
  const spans: Array<[number, number]> = [];
  for (const q of quotes) {
    const i = text.indexOf(q);
    if (i >= 0 && !spans.some(([s, e]) => i < e && i + q.length > s)) spans.push([i, i + q.length]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  const out: Array<string | HTMLElement> = [];
  let at = 0;
  for (const [s, e] of spans) {
    out.push(text.slice(at, s), h('mark', null, text.slice(s, e)));
    at = e;
  }
  out.push(text.slice(at));
  return h('p', { class: 'rr-text' }, out);
}

function parseValue(raw: string): unknown {
  const t = raw.trim();
  if (t === '') return undefined;
  try {
    return JSON.parse(t);
  } catch {
    return t;
  }
}

export function createRulesReview(headers: () => Record<string, string>, storage: Storage | null): { element: HTMLElement; load(): void } {
  if ('adoptedStyleSheets' in Document.prototype && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }
  async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
    let res: Response;
    try {
      res = await fetch(path, { ...init, headers: { ...headers(), 'Content-Type': 'application/json', ...(init.headers as Record<string, string> | undefined) } });
    } catch {
      throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试。');
    }
    const body = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
    if (!res.ok) throw new ApiError(res.status, body.error?.code ?? `HTTP_${res.status}`, body.error?.message ?? `请求失败（${res.status}），请稍后再试。`);
    return body as T;
  }
  const message = (err: unknown) => (err instanceof ApiError && (err.status === 400 || err.status === 404 || err.status === 503) ? err.message : staffMessage(err));

  const token = h('input', { type: 'password', class: 'zc-input', id: 'rr-token', autocomplete: 'off', placeholder: '未配置令牌时可留空（仅限本机访问）' });
  token.value = storage?.getItem(TOKEN_KEY) ?? '';
  const saveToken = h('button', { type: 'button', class: 'zc-btn zc-btn-ghost' }, '保存令牌');
  const docSelect = h('select', { id: 'rr-doc', 'aria-label': '选择文件' });
  const docStatus = h('span', { class: 'rr-doc-status', id: 'rr-doc-status' });
  const draftBtn = h('button', { type: 'button', class: 'zc-btn zc-btn-ghost', id: 'rr-draft' }, '重新离线起草');
  const showInternal = h('input', { type: 'checkbox', id: 'rr-internal' });
  const status = h('p', { class: 'rr-status', role: 'status', id: 'rr-status' });
  const list = h('div', { class: 'rr-units', id: 'rr-units' });
  let docs: DocRules[] = [];
  let units: UnitView[] = [];

  const setStatus = (text: string, error = false) => {
    status.textContent = text;
    status.classList.toggle('zc-error', error);
  };

  function renderDocs(keep?: string): void {
    const current = keep ?? docSelect.value;
    replaceChildren(
      docSelect,
      docs.map((d) => h('option', { value: d.id }, `${d.title}${d.docNumber ? `（${d.docNumber}）` : ''} · ${STATUS_LABEL[d.status]}${d.status === 'draft' ? ` ${d.draft} 条` : ''}`)),
    );
    if (docs.some((d) => d.id === current)) docSelect.value = current;
  }

  function renderDocStatus(): void {
    const d = docs.find((x) => x.id === docSelect.value);
    docStatus.textContent = d ? `${STATUS_LABEL[d.status]}：已审核 ${d.reviewed} 条，待核实 ${d.status === 'none' ? '全部' : `${d.draft} 条`}` : '';
    docStatus.dataset.status = d?.status ?? '';
  }

  /** One item (condition or benefit) with 采纳 / 修改 / 驳回 and the edit fields. */
  function itemRow(kind: 'condition' | 'benefit', index: number, title: string, detail: string, quote: string, editors: HTMLElement[]): { element: HTMLElement; decision(): 'accept' | 'edit' | 'reject' } {
    const name = `rr-${kind}-${index}-${Math.random().toString(36).slice(2, 8)}`;
    let choice: 'accept' | 'edit' | 'reject' = 'accept';
    const edit = h('div', { class: 'rr-edit', hidden: true }, editors);
    const element = h('li', { class: 'rr-item', 'data-kind': kind, 'data-index': String(index), 'data-choice': 'accept' });
    const radios = (['accept', 'edit', 'reject'] as const).map((v) => {
      const input = h('input', { type: 'radio', name, value: v, checked: v === 'accept' });
      input.addEventListener('change', () => {
        choice = v;
        element.dataset.choice = v;
        edit.hidden = v !== 'edit';
      });
      return h('label', { class: `rr-choice rr-choice-${v}` }, input, { accept: '采纳', edit: '修改', reject: '驳回' }[v]);
    });
    element.append(
      h('div', { class: 'rr-item-head' }, h('strong', null, title), h('span', { class: 'rr-choices', role: 'radiogroup', 'aria-label': `${title}的审核结果` }, radios)),
      h('div', { class: 'rr-detail zc-muted' }, detail),
      h('blockquote', { class: 'rr-quote' }, `引文：${quote}`),
      edit,
    );
    return { element, decision: () => choice };
  }

  const field = (label: string, control: HTMLElement) => h('label', { class: 'rr-field' }, h('span', null, label), control);

  function renderUnit(u: UnitView): HTMLElement {
    const r = u.rule;
    const leaves = leavesOf(r.conditions);
    const quotes = [...leaves.map((l) => l.quote), ...r.benefits.map((b) => b.quote)];
    const audience = h('input', { type: 'text', class: 'zc-input', value: r.audience.text });
    const actionability = h('select', null, Object.entries(ACTIONABILITY_LABEL).map(([v, l]) => h('option', { value: v }, l)));
    actionability.value = r.actionability;
    const conditionRows = leaves.map((l, i) => {
      const description = h('input', { type: 'text', class: 'zc-input', value: l.description });
      const value = h('input', { type: 'text', class: 'zc-input', value: l.value === undefined ? '' : JSON.stringify(l.value) });
      const quote = h('textarea', { class: 'zc-input', rows: 2 }, l.quote);
      const row = itemRow('condition', i, l.description, `${l.fact} ${OP_LABEL[l.op] ?? l.op}${l.value === undefined ? '' : ` ${JSON.stringify(l.value)}`}`, l.quote, [
        field('说明', description),
        field('取值', value),
        field('引文（须为原文中逐字出现的文字）', quote),
      ]);
      return { ...row, edited: (): Leaf => ({ ...l, description: description.value.trim() || l.description, value: parseValue(value.value), quote: quote.value.trim() }) };
    });
    const benefitRows = r.benefits.map((b, i) => {
      const text = h('input', { type: 'text', class: 'zc-input', value: b.text });
      const quote = h('textarea', { class: 'zc-input', rows: 2 }, b.quote);
      const keepFormula = h('input', { type: 'checkbox', checked: !!b.formula, disabled: !b.formula });
      const row = itemRow('benefit', i, `待遇${i + 1}：${b.text}`, `公式：${formulaText(b.formula)}`, b.quote, [
        field('待遇说明', text),
        field('引文（须为原文中逐字出现的文字）', quote),
        h('label', { class: 'rr-field rr-inline' }, keepFormula, h('span', null, `保留公式（${formulaText(b.formula)}）`)),
      ]);
      return {
        ...row,
        edited: (): Benefit => {
          const { formula, ...rest } = b;
          return { ...rest, text: text.value.trim() || b.text, quote: quote.value.trim(), ...(formula && keepFormula.checked ? { formula } : {}) };
        },
      };
    });
    const badge = h('span', { class: `rr-badge ${r.reviewed ? 'rr-badge-ok' : 'rr-badge-draft'}` }, r.reviewed ? '已审核' : '待核实');
    const save = h('button', { type: 'button', class: 'zc-btn zc-btn-primary rr-save' }, r.reviewed ? '重新保存' : '保存为已审核');
    const unitStatus = h('p', { class: 'rr-unit-status', role: 'status' });
    const card = h(
      'article',
      { class: 'rr-unit', 'data-ref': u.ref, 'data-reviewed': String(r.reviewed) },
      h('div', { class: 'rr-clause' }, h('h3', null, `${u.label} ${u.title}`), markedText(u.text, quotes), h('p', { class: 'zc-muted rr-key' }, u.key)),
      h(
        'div',
        { class: 'rr-rule' },
        h('div', { class: 'rr-rule-head' }, badge, field('适用对象', audience), field('事项类型', actionability)),
        h('h4', null, leaves.length ? `条件（${leaves.length} 项；“其一”组内满足一项即可）` : '条件（无：文件适用地区内的申请人均可享受）'),
        h('ol', { class: 'rr-items' }, conditionRows.map((x) => x.element)),
        h('h4', null, `待遇（${r.benefits.length} 项）`),
        h('ol', { class: 'rr-items' }, benefitRows.map((x) => x.element)),
        h('div', { class: 'btn-row' }, save),
        unitStatus,
      ),
    );
    save.addEventListener('click', async () => {
      const body = {
        conditions: conditionRows.map((x): Decision => (x.decision() === 'edit' ? { action: 'edit', condition: x.edited() } : { action: x.decision() as 'accept' | 'reject' })),
        benefits: benefitRows.map((x): Decision => (x.decision() === 'edit' ? { action: 'edit', benefit: x.edited() } : { action: x.decision() as 'accept' | 'reject' })),
        audience: audience.value.trim() || undefined,
        actionability: actionability.value,
      };
      save.disabled = true;
      unitStatus.textContent = '正在保存并重新加载规则…';
      unitStatus.classList.remove('zc-error');
      try {
        const res = await call<{ rule: Rule; status: DocRules['status']; reviewed: number; draft: number }>(`/api/staff/rules/${encodeURIComponent(docSelect.value)}/${encodeURIComponent(u.ref)}`, { method: 'PUT', body: JSON.stringify(body) });
        const next = { ...u, rule: res.rule };
        units = units.map((x) => (x.ref === u.ref ? next : x));
        const d = docs.find((x) => x.id === docSelect.value);
        if (d) Object.assign(d, { status: res.status, reviewed: res.reviewed, draft: res.draft });
        renderDocs();
        renderDocStatus();
        const fresh = renderUnit(next);
        card.replaceWith(fresh);
        const s = fresh.querySelector<HTMLElement>('.rr-unit-status');
        if (s) s.textContent = '已保存为已审核，匹配将按此规则判断。';
      } catch (err) {
        save.disabled = false;
        unitStatus.textContent = message(err);
        unitStatus.classList.add('zc-error');
      }
    });
    return card;
  }

  function renderUnits(): void {
    const shown = units.filter((u) => showInternal.checked || u.rule.actionability !== 'internal');
    const hidden = units.length - shown.length;
    replaceChildren(list, shown.length ? shown.map(renderUnit) : h('p', { class: 'zc-muted' }, '该文件没有可申报的条款。'), hidden && !showInternal.checked ? h('p', { class: 'zc-muted' }, `另有 ${hidden} 个非申报条款未显示。`) : null);
  }

  async function loadDoc(): Promise<void> {
    const id = docSelect.value;
    if (!id) return;
    renderDocStatus();
    setStatus('正在加载条款和规则…');
    try {
      const r = await call<{ units: UnitView[] }>(`/api/staff/rules/${encodeURIComponent(id)}`);
      // Another document was chosen while this one loaded: its answer is the one to show.
      if (docSelect.value !== id) return;
      units = r.units;
      renderUnits();
      setStatus(`共 ${units.length} 个条款。逐项采纳、修改或驳回后点击“保存为已审核”。`);
    } catch (err) {
      if (docSelect.value !== id) return;
      replaceChildren(list);
      setStatus(message(err), true);
    }
  }

  async function load(): Promise<void> {
    setStatus('正在加载文件列表…');
    try {
      docs = (await call<{ documents: DocRules[] }>('/api/staff/rules')).documents;
      const first = docs.find((d) => d.status !== 'reviewed') ?? docs[0];
      renderDocs(first?.id);
      await loadDoc();
    } catch (err) {
      setStatus(message(err), true);
    }
  }

  saveToken.addEventListener('click', () => {
    try {
      if (token.value.trim()) storage?.setItem(TOKEN_KEY, token.value.trim());
      else storage?.removeItem(TOKEN_KEY);
    } catch {
      // storage unavailable: the token is used for this page only
    }
    void load();
  });
  docSelect.addEventListener('change', () => void loadDoc());
  showInternal.addEventListener('change', renderUnits);
  draftBtn.addEventListener('click', async () => {
    const d = docs.find((x) => x.id === docSelect.value);
    if (d?.status === 'reviewed' || (d && d.reviewed > 0)) {
      setStatus('该文件已有经审核的规则，重新起草不会覆盖它（草稿另存为 .draft.json）。', false);
    }
    draftBtn.disabled = true;
    setStatus('正在离线起草并重新加载…');
    try {
      const r = await call<{ report: string[] }>(`/api/staff/rules/${encodeURIComponent(docSelect.value)}/draft`, { method: 'POST', body: '{}' });
      docs = (await call<{ documents: DocRules[] }>('/api/staff/rules')).documents;
      renderDocs();
      await loadDoc();
      setStatus(r.report[0] ?? '起草完成。');
    } catch (err) {
      setStatus(message(err), true);
    } finally {
      draftBtn.disabled = false;
    }
  });

  const element = h(
    'div',
    { class: 'rr' },
    h('div', { class: 'fb-toolbar rr-toolbar' }, h('label', { for: 'rr-token' }, '访问令牌'), token, saveToken),
    h(
      'div',
      { class: 'fb-toolbar rr-toolbar' },
      h('label', { for: 'rr-doc' }, '文件'),
      docSelect,
      draftBtn,
      h('label', { class: 'rr-inline' }, showInternal, '显示非申报条款'),
    ),
    docStatus,
    status,
    list,
  );
  return { element, load: () => void load() };
}
