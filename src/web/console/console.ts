// Entry of the staff console (/staff): 政策体检 (profile form, checklist, print, CSV, assistant
// chat sharing the profile), 政策库 (documents, clauses, search) and 反馈审核 (feedback review).
import { createApiClient } from '../shared/api-client.js';
import { createChatSession } from '../chat/chat-session.js';
import { createChatUi } from '../chat/chat-ui.js';
import { buildCsv } from '../shared/csv.js';
import { h, replaceChildren } from '../shared/dom.js';
import { isoDate } from '../shared/labels.js';
import type { ChatMatch, CompanyProfile, DocumentView, MatchResponse, ProfileFormSchema } from '../shared/types.js';
import { checklistCsvRows, documentLine, documentNotice } from './checklist-model.js';
import { renderChecklist } from './checklist.js';
import { createCorpusBrowser } from './corpus-browser.js';
import { downloadText } from './download.js';
import { createFeedbackReview, TOKEN_KEY } from './feedback-review.js';
import { profileSummary } from './form-values.js';
import { createProfileForm, type ProfileForm } from './profile-form.js';

function store(): Storage | null {
  try {
    return window.sessionStorage;
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
function setupMatch(schema: ProfileFormSchema, documents: Promise<DocumentView[]>): void {
  const form: ProfileForm = createProfileForm(schema);
  replaceChildren($('profile-fields'), form.element);
  const results = $('results');
  const status = $('match-status');
  const desc = $<HTMLTextAreaElement>('description');
  let last: MatchResponse | null = null;
  let docs: DocumentView[] = [];
  documents.then((d) => (docs = d)).catch(() => undefined);

  const setStatus = (text: string, error = false) => {
    status.textContent = text;
    status.classList.toggle('zc-error', error);
  };

  const meta = (result: MatchResponse) => {
    const date = isoDate(new Date());
    return {
      date,
      documents: docs,
      notices: result.notices,
      profile: profileSummary(schema, result.profile),
    };
  };

  function show(result: MatchResponse): void {
    last = result;
    const m = meta(result);
    replaceChildren(
      results,
      renderChecklist(result, {
        api,
        date: m.date,
        documentLines: docs.map(documentLine),
        documentNotices: docs.map((d) => documentNotice(d, m.date)).filter((n): n is string => !!n),
        profile: m.profile,
      }),
    );
    $<HTMLButtonElement>('print-btn').disabled = false;
    $<HTMLButtonElement>('csv-btn').disabled = false;
  }

  async function run(body: { profile: CompanyProfile; description?: string }, what: string): Promise<void> {
    setStatus(`${what}…`);
    try {
      const result = await api.match(body);
      const changed = form.write(result.profile);
      show(result);
      setStatus(`${what}完成${changed.length ? `，已更新 ${changed.length} 项企业信息` : ''}。`);
    } catch (err) {
      setStatus((err as Error).message, true);
    }
  }

  const readOrReport = (): CompanyProfile | null => {
    const { profile, errors } = form.read();
    if (errors.length) {
      setStatus(`请修改后重试：${errors.join('；')}`, true);
      return null;
    }
    return profile;
  };

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
    desc.value = '';
    last = null;
    replaceChildren(results, h('p', { class: 'zc-muted' }, '填写企业信息后点击“匹配政策”，这里将生成政策体检单。'));
    $<HTMLButtonElement>('print-btn').disabled = true;
    $<HTMLButtonElement>('csv-btn').disabled = true;
    setStatus('已清空。');
  });
  $('print-btn').addEventListener('click', () => window.print());
  $('csv-btn').addEventListener('click', () => {
    if (!last) return;
    const m = meta(last);
    downloadText(`政策体检单-${m.date}.csv`, buildCsv(checklistCsvRows(last.measures, m)), 'text/csv;charset=utf-8');
    setStatus('已导出 CSV。');
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
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && chat.escape()) e.preventDefault();
  });
}

async function main(): Promise<void> {
  const documents = api.documents().then((r) => r.documents);
  const review = createFeedbackReview(staffApi, storage);
  replaceChildren($('feedback-panel-body'), review.element);
  let corpusShown = false;
  let feedbackShown = false;
  setupTabs((id) => {
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
    setupMatch(await api.profileSchema(), documents);
  } catch (err) {
    replaceChildren($('profile-fields'), h('p', { class: 'zc-error', role: 'alert' }, `表单加载失败：${(err as Error).message}`));
  }
}

void main();
