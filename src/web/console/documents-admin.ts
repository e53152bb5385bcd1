// 文件管理 (staff token): upload a policy file, see the metadata read from it with the text each
// field came from and the segmentation (units with refs, warnings), correct the metadata and
// publish; list the documents with their status as of a date, filtered by region, level and
// status; withdraw one. The server reloads after publish and withdraw, so the assistant answers
// from the new corpus at once.
import { ApiError, type ApiClient } from '../shared/api-client.js';
import { h, replaceChildren } from '../shared/dom.js';
import { isoDate } from '../shared/labels.js';
import type { DocumentPreview, ManagedDocument, SpanContext } from '../shared/types.js';
import { staffMessage, TOKEN_KEY } from './feedback-review.js';

type Api = Pick<ApiClient, 'staffDocuments' | 'staffPreviewDocument' | 'staffPublishDocument' | 'staffWithdrawDocument'>;

export const LEVEL_LABEL: Record<string, string> = { national: '国家', provincial: '省级', municipal: '市级', 'district-county': '区县' };
export const DOC_STATUS_LABEL: Record<string, string> = { in_force: '有效', expired: '已届满', not_yet: '尚未施行', unknown: '有效期未知', withdrawn: '已撤回' };

function docMessage(err: unknown): string {
  if (err instanceof ApiError && (err.status === 413 || err.status === 415 || err.status === 400)) return err.message;
  return staffMessage(err);
}

function source(ctx: SpanContext | null | undefined): HTMLElement {
  if (!ctx) return h('span', { class: 'zc-muted' }, '原文中未找到（请人工填写）');
  return h('span', { class: 'dm-src' }, h('span', { class: 'zc-muted' }, `…${ctx.before}`), h('mark', null, ctx.text), h('span', { class: 'zc-muted' }, `${ctx.after}…`));
}

export function createDocumentsAdmin(api: Api, storage: Storage | null): { element: HTMLElement; load(): void } {
  // ---- token (shared with 反馈审核) ----
  const token = h('input', { type: 'password', class: 'zc-input', id: 'dm-token', autocomplete: 'off', placeholder: '未配置令牌时可留空（仅限本机访问）' });
  token.value = storage?.getItem(TOKEN_KEY) ?? '';
  const saveToken = h('button', { type: 'button', class: 'zc-btn zc-btn-primary' }, '保存令牌');

  // ---- upload and preview ----
  const file = h('input', { type: 'file', id: 'dm-file', accept: '.pdf,.docx,.html,.htm,.txt,application/pdf,text/html,text/plain' });
  const uploadBtn = h('button', { type: 'button', class: 'zc-btn zc-btn-primary', id: 'dm-upload' }, '上传并预览');
  const uploadStatus = h('p', { class: 'dm-status', role: 'status' });
  const preview = h('div', { class: 'dm-preview' });

  const setStatus = (el: HTMLElement, text: string, error = false) => {
    el.textContent = text;
    el.classList.toggle('zc-error', error);
  };

  function renderPreview(p: DocumentPreview): void {
    const s = p.summary;
    const inputs: Record<string, HTMLInputElement | HTMLSelectElement> = {};
    const text = (name: string, value: string | null, attrs: Record<string, string> = {}) => (inputs[name] = h('input', { type: 'text', class: 'zc-input', id: `dm-f-${name}`, value: value ?? '', ...attrs }));
    const level = (inputs.level = h('select', { id: 'dm-f-level' }, h('option', { value: '' }, '未识别'), Object.entries(LEVEL_LABEL).map(([v, l]) => h('option', { value: v }, l))));
    level.value = s.level ?? '';
    const row = (label: string, control: HTMLElement, src: HTMLElement | null) => h('tr', null, h('th', { scope: 'row' }, h('label', { for: control.id }, label)), h('td', null, control), h('td', { class: 'dm-src-cell' }, src));
    const sources = p.sources as Record<string, SpanContext | SpanContext[] | null>;
    const one = (k: string) => sources[k] as SpanContext | null;
    const first = (k: string) => ((sources[k] as SpanContext[] | null) ?? [])[0] ?? null;
    const idInput = text('docId', p.docId, { pattern: '[a-z0-9][a-z0-9-]*' });
    const table = h(
      'table',
      { class: 'dm-meta' },
      h('thead', null, h('tr', null, h('th', null, '字段'), h('th', null, '提取结果（可修改）'), h('th', null, '取自原文'))),
      h(
        'tbody',
        null,
        row('文档编号', idInput, h('span', { class: 'zc-muted' }, p.existing ? `已有同编号文件《${p.existing.title}》${p.existing.sameFile ? '（内容相同）' : '，发布后将替换它'}` : '新文件')),
        row('标题', text('title', s.title), source(one('attachedTitle') ?? one('title'))),
        row('简称', text('shortTitle', p.record.shortTitle), source(one('shortTitle'))),
        row('文号', text('docNumber', s.docNumber), source(one('docNumber'))),
        row('发文机关', text('issuer', s.issuer), source(first('issuers'))),
        row('层级', level, source(one('level'))),
        row('地区', text('region', s.region.name), source(one('region'))),
        row('发文日期', text('issueDate', s.issueDate, { placeholder: 'YYYY-MM-DD' }), source(one('issueDate'))),
        row('施行日期', text('effectiveFrom', s.effectiveFrom, { placeholder: 'YYYY-MM-DD' }), source(one('effectiveFrom'))),
        row('有效期至', text('effectiveTo', s.effectiveTo, { placeholder: 'YYYY-MM-DD' }), source(one('effectiveTo'))),
        row('官方网址', text('sourceUrl', '', { placeholder: 'https://（可选，挂件将链接到原文）' }), null),
      ),
    );
    const units = h(
      'ol',
      { class: 'dm-units' },
      p.units.map((u) =>
        h(
          'li',
          { 'data-ref': u.ref },
          h('code', null, u.ref),
          ' ',
          h('strong', null, u.label),
          u.title && u.kind !== 'section' ? ` ${u.title}` : u.kind === 'section' ? ` ${u.title}` : '',
          h('span', { class: 'zc-muted' }, `（${u.chars} 字${u.responsibleUnits.length ? `，责任单位 ${u.responsibleUnits.join('、')}` : ''}）`),
        ),
      ),
    );
    const publishStatus = h('p', { class: 'dm-status', role: 'status' });
    const publish = h('button', { type: 'button', class: 'zc-btn zc-btn-primary', id: 'dm-publish' }, '确认并发布');
    publish.addEventListener('click', async () => {
      const corrections: Record<string, unknown> = {};
      const v = (k: string) => inputs[k]!.value.trim();
      const orNull = (k: string) => v(k) || null;
      if (v('title') && v('title') !== (s.title ?? '')) corrections.title = v('title');
      if (orNull('shortTitle') !== p.record.shortTitle) corrections.shortTitle = orNull('shortTitle');
      if (orNull('docNumber') !== s.docNumber) corrections.docNumber = orNull('docNumber');
      if (v('issuer') && v('issuer') !== (s.issuer ?? '')) corrections.issuer = v('issuer');
      if (orNull('level') !== s.level) corrections.level = orNull('level');
      if (v('region') && v('region') !== (s.region.name ?? '')) corrections.region = v('region');
      for (const k of ['issueDate', 'effectiveFrom', 'effectiveTo'] as const) if (orNull(k) !== s[k]) corrections[k] = orNull(k);
      if (v('sourceUrl')) corrections.sourceUrl = v('sourceUrl');
      publish.disabled = true;
      setStatus(publishStatus, '正在发布并更新索引…');
      try {
        const r = await api.staffPublishDocument({ draftId: p.draftId, docId: v('docId') || p.docId, corrections });
        setStatus(publishStatus, `已发布 ${r.docId}（${{ added: '新增', replaced: '替换', unchanged: '未变化' }[r.status] ?? r.status}，${r.unitCount} 个单元）。助手已可引用这份文件。`);
        void load();
      } catch (err) {
        publish.disabled = false;
        setStatus(publishStatus, docMessage(err), true);
      }
    });
    replaceChildren(
      preview,
      h('h3', null, `预览：${p.fileName}`),
      h('p', { class: 'zc-muted' }, `格式 ${p.format.toUpperCase()} · ${Math.ceil(p.size / 1024)} KB · 提取文本 ${p.textLength} 字 · ${p.units.length} 个单元 · 判断日期 ${isoDate(new Date())}：${DOC_STATUS_LABEL[s.status] ?? s.status}`),
      p.warnings.length ? h('div', { class: 'zc-notice dm-warnings', role: 'note' }, h('strong', null, `切分与提取提示（${p.warnings.length}）：`), h('ul', null, p.warnings.map((w) => h('li', null, w)))) : null,
      h('h4', null, '元数据（请核对；标出的原文即提取依据）'),
      table,
      h('h4', null, `切分预览（${p.units.length} 个单元，引用编号为 文档编号:条款）`),
      units,
      h('div', { class: 'btn-row' }, publish),
      publishStatus,
    );
  }

  uploadBtn.addEventListener('click', async () => {
    const f = file.files?.[0];
    if (!f) return setStatus(uploadStatus, '请先选择要上传的政策文件（PDF、Word .docx、网页 .html 或文本 .txt）。', true);
    setStatus(uploadStatus, `正在上传并解析“${f.name}”…`);
    replaceChildren(preview);
    try {
      renderPreview(await api.staffPreviewDocument(f, f.name));
      setStatus(uploadStatus, '解析完成，请核对下方元数据后发布。');
    } catch (err) {
      setStatus(uploadStatus, docMessage(err), true);
    }
  });

  // ---- list, filters, withdraw ----
  const region = h('select', { id: 'dm-region', 'aria-label': '地区' }, h('option', { value: '' }, '全部地区'));
  const level = h('select', { id: 'dm-level', 'aria-label': '层级' }, h('option', { value: '' }, '全部层级'), Object.entries(LEVEL_LABEL).map(([v, l]) => h('option', { value: v }, l)));
  const status = h('select', { id: 'dm-status', 'aria-label': '状态' }, h('option', { value: '' }, '全部状态'), Object.entries(DOC_STATUS_LABEL).map(([v, l]) => h('option', { value: v }, l)));
  const asOf = h('input', { type: 'date', id: 'dm-asof', 'aria-label': '判断日期', value: isoDate(new Date()) });
  const listStatus = h('p', { class: 'dm-status', role: 'status' });
  const list = h('table', { class: 'dm-list' });
  const regionsSeen = new Set<string>();

  function renderList(docs: ManagedDocument[]): void {
    replaceChildren(
      list,
      h('thead', null, h('tr', null, ['文件', '文号', '层级', '地区', '有效期', '状态', ''].map((t) => h('th', { scope: 'col' }, t)))),
      h(
        'tbody',
        null,
        docs.map((d) => {
          const withdraw: HTMLButtonElement = h('button', { type: 'button', class: 'zc-btn zc-btn-ghost dm-withdraw', disabled: !!d.withdrawnAt }, d.withdrawnAt ? '已撤回' : '撤回');
          withdraw.addEventListener('click', async () => {
            if (!confirm(`确定撤回《${d.title}》吗？撤回后助手不再引用它（文件仍保留，可重新上传发布）。`)) return;
            withdraw.disabled = true;
            try {
              await api.staffWithdrawDocument(d.id);
              await load();
              setStatus(listStatus, `已撤回《${d.title}》，助手不再引用它。${listStatus.textContent ?? ''}`);
            } catch (err) {
              withdraw.disabled = false;
              setStatus(listStatus, docMessage(err), true);
            }
          });
          return h(
            'tr',
            { 'data-doc': d.id, class: `dm-${d.status}` },
            h('td', null, h('strong', null, d.title), h('br'), h('code', { class: 'zc-muted' }, d.id), d.reviewed ? null : h('span', { class: 'zc-tag' }, '未核对')),
            h('td', null, d.docNumber ?? '—'),
            h('td', null, d.level ? LEVEL_LABEL[d.level] ?? d.level : '—'),
            h('td', null, d.region),
            h('td', null, d.validity ? `${d.validity.from} 至 ${d.validity.to}` : '—'),
            h('td', null, h('span', { class: `zc-tag dm-tag-${d.status}` }, DOC_STATUS_LABEL[d.status] ?? d.status)),
            h('td', null, withdraw),
          );
        }),
      ),
    );
  }

  async function load(): Promise<void> {
    setStatus(listStatus, '正在加载…');
    try {
      const r = await api.staffDocuments({ region: region.value, level: level.value, status: status.value, asOf: asOf.value });
      for (const g of r.regions) {
        if (regionsSeen.has(g.name)) continue;
        regionsSeen.add(g.name);
        region.appendChild(h('option', { value: g.name }, g.name));
      }
      renderList(r.documents);
      setStatus(listStatus, `共 ${r.total} 份文件（判断日期 ${r.asOf}）。`);
    } catch (err) {
      replaceChildren(list);
      setStatus(listStatus, docMessage(err), true);
      if (err instanceof ApiError && err.status === 401) token.focus();
    }
  }
  for (const el of [region, level, status, asOf]) el.addEventListener('change', () => void load());
  saveToken.addEventListener('click', () => {
    try {
      if (token.value.trim()) storage?.setItem(TOKEN_KEY, token.value.trim());
      else storage?.removeItem(TOKEN_KEY);
    } catch {
      // ignore
    }
    void load();
  });

  const element = h(
    'div',
    { class: 'dm' },
    h('div', { class: 'fb-toolbar' }, h('label', { for: 'dm-token' }, '工作人员令牌'), token, saveToken),
    h(
      'section',
      { class: 'dm-upload', 'aria-labelledby': 'dm-upload-h' },
      h('h3', { id: 'dm-upload-h' }, '上传政策文件'),
      h('p', { class: 'zc-muted' }, '支持 PDF（需有文字层）、Word（.docx）、政府网页（.html）和文本（.txt）。文件只会被解析，不会被执行；格式以文件内容为准。'),
      h('div', { class: 'btn-row' }, h('label', { for: 'dm-file' }, '选择文件：'), file, uploadBtn),
      uploadStatus,
      preview,
    ),
    h(
      'section',
      { class: 'dm-docs', 'aria-labelledby': 'dm-docs-h' },
      h('h3', { id: 'dm-docs-h' }, '已收录的文件'),
      h('div', { class: 'fb-toolbar' }, region, level, status, h('label', { for: 'dm-asof' }, '判断日期'), asOf, h('button', { type: 'button', class: 'zc-btn zc-btn-ghost', onclick: () => void load() }, '刷新')),
      listStatus,
      list,
    ),
  );
  return { element, load: () => void load() };
}
