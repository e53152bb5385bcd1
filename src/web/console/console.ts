// Entry of the staff console (/staff): 政策体检 (applicant with 统一社会信用代码, profile form,
// region and as-of date, checklist, print, CSV, saved applicants with the comparison to the last
// visit, a QR code opening the checklist on a phone, assistant chat sharing the profile), 政策库
// (documents, clauses, search), 文件管理 (upload, preview, publish, withdraw) and 反馈审核.
import { ApiError, createApiClient } from '../shared/api-client.js';
import { createChatSession } from '../chat/chat-session.js';
import { createChatUi } from '../chat/chat-ui.js';
import { buildCsv } from '../shared/csv.js';
import { h, replaceChildren } from '../shared/dom.js';
import { isoDate } from '../shared/labels.js';
import type { ChatMatch, CompanyProfile, CorpusSummary, DocumentSummary, MatchedMeasure, MatchResponse, ProfileFormSchema } from '../shared/types.js';
import { checklistCsvRows, compareVisits, comparisonText, docIdOf, documentLine, documentNotice, snapshotMeasures } from './checklist-model.js';
import { createApplicantPanel } from './applicant-panel.js';
import { qrSvg } from './qr.js';
import { createDocumentsAdmin } from './documents-admin.js';
import { renderChecklist } from './checklist.js';
import { createCorpusBrowser } from './corpus-browser.js';
import { downloadText } from './download.js';
import { createFeedbackReview, staffMessage, TOKEN_KEY } from './feedback-review.js';
import { createRulesReview } from './rules-review.js';
import { profileSummary } from './form-values.js';
import { createProfileForm, type ProfileForm } from './profile-form.js';

function store(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

function localStore(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const storage = store();
const api = createApiClient({ base: '' });
const staffApi = createApiClient({
  base: '',
  headers: (): Record<string, string> => {
    const t = storage?.getItem(TOKEN_KEY);
    return t ? { Authorization: `Bearer ${t}` } : {};
  },
});
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

// ---- tabs ----
function setupTabs(onShow: (id: string) => void): void {
  const tabs = [...document.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
  const select = (tab: HTMLButtonElement, focus = false) => {
    for (const t of tabs) {
      const on = t === tab;
      t.setAttribute('aria-selected', String(on));
      t.tabIndex = on ? 0 : -1;
      $(t.getAttribute('aria-controls')!).hidden = !on;
    }
    if (focus) tab.focus();
    history.replaceState(null, '', `#${tab.dataset.tab}`);
    onShow(tab.dataset.tab!);
  };
  tabs.forEach((t, i) => {
    t.addEventListener('click', () => select(t));
    t.addEventListener('keydown', (e) => {
      const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
      if (d) select(tabs[(i + d + tabs.length) % tabs.length]!, true);
    });
  });
  select(tabs.find((t) => `#${t.dataset.tab}` === location.hash) ?? tabs[0]!);
}

// ---- 政策体检 ----
function setupMatch(schema: ProfileFormSchema): void {
  // 单位名称 is asked in the applicant block; the rest of the profile in the form below it.
  const formSchema: ProfileFormSchema = { groups: schema.groups.map((g) => ({ ...g, fields: g.fields.filter((f) => f.name !== 'name') })) };
  const form: ProfileForm = createProfileForm(formSchema);
  replaceChildren($('profile-fields'), form.element);
  const results = $('results');
  const status = $('match-status');
  const desc = $<HTMLTextAreaElement>('description');
  const regionSel = $<HTMLSelectElement>('cl-region');
  const asOfInput = $<HTMLInputElement>('cl-asof');
  const compare = $('compare');
  const share = $('share-box');
  asOfInput.value = isoDate(new Date());
  let last: MatchResponse | null = null;
  let savedId: string | null = null;
  let qr: SVGSVGElement | null = null;
  let summary: CorpusSummary | null = null;
  let allDocs: DocumentSummary[] = [];

  const applicant = createApplicantPanel({
    api: staffApi,
    storage: localStore(),
    onPick(a, visit) {
      applicant.fill({ name: a.name, creditCode: a.creditCode, contact: visit?.contact ?? '' });
      if (visit?.snapshot) {
        form.clear();
        form.write(visit.snapshot.profile as CompanyProfile);
        if (visit.region && [...regionSel.options].some((o) => o.value === visit.region)) regionSel.value = visit.region;
        setStatus(`已载入“${a.name}”上次（${visit.createdAt.slice(0, 10)}）的企业信息，点击“匹配政策”生成本次体检单，保存后可与上次比较。`);
      }
    },
  });
  $('applicant-fields').replaceWith(applicant.element);

  const setStatus = (text: string, error = false) => {
    status.textContent = text;
    status.classList.toggle('zc-error', error);
  };

  // Region and date the checklist is for: the documents that apply there, their status that day.
  const loadScope = async () => {
    try {
      summary = await api.corpusSummary({ ...(regionSel.value ? { region: regionSel.value } : {}), asOf: asOfInput.value || isoDate(new Date()) });
    } catch (err) {
      setStatus((err as Error).message, true);
    }
  };
  void api
    .corpusSummary({})
    .then((all) => {
      allDocs = all.documents;
      const regions = [...new Set(all.documents.map((d) => d.region))].filter((r) => r && r !== '全国');
      // The form's counties are regions too: a county checklist keeps its city's and province's documents.
      const counties = schema.groups.flatMap((g) => g.fields).find((f) => f.name === 'region')?.options ?? [];
      const options = [...regions, ...counties.map((o) => o.label).filter((l) => !regions.some((r) => r.endsWith(l)))];
      for (const r of options) regionSel.appendChild(h('option', { value: r }, r));
      return loadScope();
    })
    .catch(() => undefined);

  const scopedDocs = () => summary?.documents ?? allDocs;
  const visible = (result: MatchResponse) => {
    const ids = new Set(scopedDocs().map((d) => d.id));
    if (!summary || !regionSel.value) return { measures: result.measures, out: 0 };
    const measures = result.measures.filter((m) => ids.has(docIdOf(m.ref)) || !docIdOf(m.ref));
    return { measures, out: result.measures.length - measures.length };
  };
  const usedDocs = (measures: MatchedMeasure[]) => {
    const ids = new Set(measures.map((m) => docIdOf(m.ref)));
    return scopedDocs().filter((d) => ids.has(d.id));
  };

  const meta = (result: MatchResponse, measures: MatchedMeasure[]) => {
    const date = asOfInput.value || isoDate(new Date());
    const docs = usedDocs(measures);
    return {
      date,
      documents: docs,
      notices: result.notices,
      profile: profileSummary(schema, result.profile),
      applicant: applicant.read().applicant,
      region: regionSel.value,
    };
  };

  function show(result: MatchResponse): void {
    last = result;
    const { measures, out } = visible(result);
    const shown = { ...result, measures };
    const m = meta(result, measures);
    replaceChildren(
      results,
      renderChecklist(
        shown,
        {
          api,
          date: m.date,
          region: m.region,
          documentLines: m.documents.map(documentLine),
          documentNotices: m.documents.map((d) => documentNotice(d, m.date)).filter((n): n is string => !!n),
          profile: m.profile,
          applicant: m.applicant,
          documents: m.documents,
          outOfRegion: out,
        },
        qr,
      ),
    );
    for (const id of ['print-btn', 'csv-btn', 'save-btn', 'qr-btn']) $<HTMLButtonElement>(id).disabled = false;
  }

  const resetSaved = () => {
    savedId = null;
    qr = null;
    replaceChildren(share);
    replaceChildren(compare);
  };

  async function run(body: { profile: CompanyProfile; description?: string }, what: string): Promise<void> {
    setStatus(`${what}…`);
    try {
      const name = applicant.read().applicant.name;
      const result = await matchScoped({ ...body, profile: { ...hiddenFacts(body.profile), ...body.profile, ...(name ? { name } : {}) } });
      const changed = form.write(result.profile);
      if (result.profile.name && !applicant.read().applicant.name) applicant.fill({ name: result.profile.name });
      resetSaved();
      show(result);
      setStatus(`${what}完成${changed.length ? `，已更新 ${changed.length} 项企业信息` : ''}。`);
    } catch (err) {
      setStatus((err as Error).message, true);
    }
  }

  // Facts the last match knew that the form does not show (e.g. a registration region code
  // derived from the county) are kept, unless the county on the form changed.
  const formFields = new Set(formSchema.groups.flatMap((g) => g.fields.map((f) => f.name as string)));
  const hiddenFacts = (profile: CompanyProfile): Record<string, unknown> => {
    if (!last) return {};
    const prev = last.profile as Record<string, unknown>;
    const out = Object.fromEntries(Object.entries(prev).filter(([k]) => !formFields.has(k) && k !== 'name'));
    if ((profile as Record<string, unknown>).region !== prev.region) delete out.registrationRegion;
    return out;
  };
  // The region and date the checklist is for go to the server when it judges them (newer
  // servers); an older server that does not know the fields is asked again without them.
  const matchScoped = async (body: { profile: Record<string, unknown>; description?: string }): Promise<MatchResponse> => {
    const scope = { ...(regionSel.value ? { region: regionSel.value } : {}), ...(asOfInput.value ? { asOf: asOfInput.value } : {}) };
    if (!Object.keys(scope).length) return api.match(body as { profile: CompanyProfile });
    try {
      return await api.match({ ...body, ...scope } as { profile: CompanyProfile });
    } catch (err) {
      if (err instanceof ApiError && err.status === 400 && /不支持的字段/u.test(err.message)) return api.match(body as { profile: CompanyProfile });
      throw err;
    }
  };

  const readOrReport = (): CompanyProfile | null => {
    const { profile, errors } = form.read();
    const who = applicant.read();
    if (errors.length || who.errors.length) {
      setStatus(`请修改后重试：${[...who.errors, ...errors].join('；')}`, true);
      return null;
    }
    return profile;
  };

  async function save(): Promise<string | null> {
    if (!last) return null;
    const who = applicant.read();
    if (who.errors.length) return (setStatus(who.errors.join('；'), true), null);
    if (!who.applicant.name) {
      $('ap-name').focus();
      return (setStatus('请先填写申请单位名称，再保存到企业档案。', true), null);
    }
    const { measures } = visible(last);
    const m = meta(last, measures);
    try {
      const r = await staffApi.staffSaveChecklist({
        applicant: { name: who.applicant.name, creditCode: who.applicant.creditCode || null },
        contact: who.applicant.contact || null,
        counter: who.applicant.counter || null,
        region: regionSel.value || null,
        asOf: m.date,
        snapshot: { measures: snapshotMeasures(measures, m.documents), profile: last.profile as Record<string, unknown>, documents: m.documents.map((d) => documentLine(d)), notices: last.notices.slice(0, 50) },
      });
      savedId = r.checklist.id;
      replaceChildren(
        compare,
        r.previous?.snapshot
          ? h('p', { class: 'cl-compare', role: 'status' }, comparisonText(compareVisits(r.previous.snapshot.measures, snapshotMeasures(measures), r.previous.createdAt.slice(0, 10))))
          : h('p', { class: 'cl-compare zc-muted', role: 'status' }, `已为“${r.applicant.name}”建立档案（第 1 次）。下次来办时查找档案即可比较变化。`),
      );
      setStatus(`已保存到“${r.applicant.name}”的企业档案（第 ${r.applicant.visits} 次）。`);
      return savedId;
    } catch (err) {
      setStatus(staffMessage(err), true);
      return null;
    }
  }

  $('profile-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const profile = readOrReport();
    if (!profile) return;
    if (!Object.keys(profile).length) return setStatus('请先填写企业信息，或在上方输入企业情况描述后点击“识别并匹配”。', true);
    void run({ profile }, '匹配');
  });
  $('describe-btn').addEventListener('click', () => {
    const profile = readOrReport();
    if (!profile) return;
    const description = desc.value.trim();
    if (!description) {
      desc.focus();
      return setStatus('请先输入企业情况描述。', true);
    }
    void run({ profile, description }, '识别并匹配');
  });
  $('reset-btn').addEventListener('click', () => {
    form.clear();
    applicant.clear();
    desc.value = '';
    last = null;
    resetSaved();
    replaceChildren(results, h('p', { class: 'zc-muted' }, '填写企业信息后点击“匹配政策”，这里将生成政策体检单。'));
    for (const id of ['print-btn', 'csv-btn', 'save-btn', 'qr-btn']) $<HTMLButtonElement>(id).disabled = true;
    setStatus('已清空。');
  });
  const rescope = async () => {
    await loadScope();
    if (!last) return;
    const { profile, errors } = form.read();
    if (errors.length) return show(last);
    await run({ profile }, '按所选地区和日期重新匹配');
  };
  regionSel.addEventListener('change', () => void rescope());
  asOfInput.addEventListener('change', () => void rescope());
  $('print-btn').addEventListener('click', () => window.print());
  $('csv-btn').addEventListener('click', () => {
    if (!last) return;
    const { measures } = visible(last);
    const m = meta(last, measures);
    downloadText(`政策体检单-${m.date}.csv`, buildCsv(checklistCsvRows(measures, m)), 'text/csv;charset=utf-8');
    setStatus('已导出 CSV。');
  });
  $('save-btn').addEventListener('click', () => void save());
  $('qr-btn').addEventListener('click', async () => {
    const id = savedId ?? (await save());
    if (!id) return;
    try {
      const link = await staffApi.staffShare(id);
      const url = new URL(link.path, location.href).href;
      qr = qrSvg(url, '手机扫码查看这份政策体检单');
      replaceChildren(
        share,
        h('figure', { class: 'share-qr' }, qr, h('figcaption', null, h('a', { href: url, target: '_blank', rel: 'noopener noreferrer', class: 'share-link' }, url), h('span', { class: 'zc-muted' }, `有效期至 ${link.expiresAt.replace('T', ' ').slice(0, 16)}（UTC），只能查看这一份体检单。`))),
      );
      if (last) show(last);
      setStatus('已生成手机查看二维码，打印时会一并印在体检单上。');
    } catch (err) {
      setStatus(staffMessage(err), true);
    }
  });

  // The assistant shares the profile: a description typed in the chat updates the form and
  // the checklist (facts already on the form are kept unless the chat says otherwise).
  const session = createChatSession({
    api,
    storage,
    storageKey: 'zhengcetong:console-chat',
    // The form is the source of truth the assistant starts from; the chat's own statements win.
    extraBody: () => {
      const { profile } = form.read();
      return profile && Object.keys(profile).length ? { profile } : {};
    },
    onResponse(response) {
      const match = response.match as ChatMatch | undefined;
      if (!match?.profile) return;
      const current = form.read().profile;
      void run({ profile: { ...current, ...match.profile } }, '根据对话更新企业画像并匹配');
    },
  });
  const chat = createChatUi({
    root: $('assistant'),
    api,
    session,
    activeElement: () => document.activeElement,
    welcome: '可以在这里向助手提问政策条款，或直接输入申请人描述的企业情况，识别出的信息会同步到左侧表单。',
    starters: ['研发费用补助怎么计算？', '规上企业有哪些支持政策？', '出口信用保险保费有补助吗？'],
    placeholder: '提问或输入企业情况，Enter 发送',
    corpus: api.corpusSummary(),
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && chat.escape()) e.preventDefault();
  });
}

async function main(): Promise<void> {
  const documents = api.documents().then((r) => r.documents);
  const review = createFeedbackReview(staffApi, storage);
  replaceChildren($('feedback-panel-body'), review.element);
  const docsAdmin = createDocumentsAdmin(staffApi, storage);
  replaceChildren($('documents-panel-body'), docsAdmin.element);
  let corpusShown = false;
  let feedbackShown = false;
  let docsShown = false;
  const rulesReview = createRulesReview((): Record<string, string> => {
    const t = storage?.getItem(TOKEN_KEY);
    return t ? { Authorization: `Bearer ${t}` } : {};
  }, storage);
  replaceChildren($('rules-panel-body'), rulesReview.element);
  let rulesShown = false;
  setupTabs((id) => {
    if (id === 'rules' && !rulesShown) {
      rulesShown = true;
      rulesReview.load();
    }
    if (id === 'documents' && !docsShown) {
      docsShown = true;
      docsAdmin.load();
    }
    if (id === 'corpus' && !corpusShown) {
      corpusShown = true;
      replaceChildren($('corpus-panel-body'), createCorpusBrowser(api, documents));
    }
    if (id === 'feedback' && !feedbackShown) {
      feedbackShown = true;
      review.load();
    }
  });
  try {
    setupMatch(await api.profileSchema());
  } catch (err) {
    replaceChildren($('profile-fields'), h('p', { class: 'zc-error', role: 'alert' }, `表单加载失败：${(err as Error).message}`));
  }
}

void main();
