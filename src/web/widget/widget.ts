// Entry of widget.js: one <script src="https://HOST/widget.js" data-title data-accent
// data-region async> adds the consultation widget to any page. The API base comes from the
// script's own src; the UI lives in a shadow root with constructable stylesheets (no inline
// <style>, so host pages with a strict CSP work). data-mode="inline" fills the page (used by
// /widget/frame, which takes title, accent and region from its URL). data-region scopes the
// widget to a region: the welcome line lists the documents that apply there and matching
// assumes the company is registered there. An elder-friendly mode (适老化: larger type and
// buttons, higher contrast) is switchable in the header and remembered in localStorage.
import chatCss from '../chat/chat.css';
import { createApiClient } from '../shared/api-client.js';
import { createChatSession, type KeyValueStore } from '../chat/chat-session.js';
import { createChatUi } from '../chat/chat-ui.js';
import { h } from '../shared/dom.js';
import { icon } from '../shared/icons.js';
import shellCss from './widget.css';
import { accentSoft, apiBaseFromScript, regionProfile, safeAccent, safeRegion } from './widget-config.js';
import type { CompanyProfile } from '../shared/types.js';
import { createDescribeSheet } from './describe-sheet.js';
import { coverageLine } from '../shared/validity-lines.js';

const STARTERS = ['研发费用补助有哪些条件？', '高新技术企业能享受哪些政策？', '出口信用保险保费有补助吗？', '个体工商户转为企业有什么支持？'];
const WELCOME = '您好！我是惠企政策咨询助手，可以解答政策条款问题，回答会标注依据的条款〔第N条〕，点击即可查看原文。';
const ELDER_KEY = 'zhengcetong:elder';

declare global {
  interface Window {
    __zhengcetongWidget?: boolean;
  }
}

function sessionStore(): KeyValueStore | null {
  try {
    const s = window.sessionStorage;
    s.getItem('zc');
    return s;
  } catch {
    return null;
  }
}

function localStore(): KeyValueStore | null {
  try {
    const s = window.localStorage;
    s.getItem(ELDER_KEY);
    return s;
  } catch {
    return null;
  }
}

function addStyles(shadow: ShadowRoot, base: string): void {
  const css = `${chatCss}\n${shellCss}`;
  if ('adoptedStyleSheets' in Document.prototype && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    shadow.adoptedStyleSheets = [sheet];
  } else {
    shadow.appendChild(h('link', { rel: 'stylesheet', href: `${base}/widget.css` }));
  }
}

function mount(script: HTMLScriptElement | null): void {
  const data = script?.dataset ?? {};
  const base = data.api || apiBaseFromScript(script?.src || '', location.href);
  const inline = data.mode === 'inline';
  const params = inline ? new URLSearchParams(location.search) : null;
  const title = (params?.get('title') || data.title || '政策通 · 惠企政策咨询').slice(0, 40);
  const accent = safeAccent(params?.get('accent') || data.accent);
  const region = safeRegion(params?.get('region') || data.region);

  const host = h('div', { id: 'zhengcetong-widget', 'data-mode': inline ? 'inline' : 'float' });
  if (accent) {
    host.style.setProperty('--zc-accent', accent);
    const soft = accentSoft(accent);
    if (soft) host.style.setProperty('--zc-accent-soft', soft);
  }
  const shadow = host.attachShadow({ mode: 'open' });
  addStyles(shadow, base);

  const storage = sessionStore();
  const storageKey = `zhengcetong:chat:${base}`;
  const openKey = `${storageKey}:open`;
  const api = createApiClient({ base });
  const session = createChatSession({
    api,
    storage,
    storageKey,
    extraBody: () => ({ ...(region ? { region } : {}), ...(Object.keys(scoped).length ? { profile: { ...scoped } } : {}) }),
  });
  const active = () => shadow.activeElement;

  const launcher = h(
    'button',
    { type: 'button', class: 'zw-launcher', 'aria-label': `打开${title}`, 'aria-expanded': 'false', 'aria-controls': 'zw-panel', hidden: inline },
    icon('chat'),
    '政策咨询',
  );
  const closeBtn = h('button', { type: 'button', class: 'zc-icon-btn', 'aria-label': '关闭咨询窗口', hidden: inline }, '×');
  const prefs = localStore();
  const elderBtn = h('button', { type: 'button', class: 'zw-elder-btn', 'aria-pressed': 'false', title: '适老化模式：更大的字和按钮，更高的对比度' }, '大字');
  const body = h('div', { class: 'zw-body' });
  const panel = h(
    'section',
    { id: 'zw-panel', class: 'zw-panel', role: inline ? 'region' : 'dialog', 'aria-label': title, hidden: !inline },
    h('header', { class: 'zw-head' }, h('h2', { class: 'zw-title' }, title), elderBtn, closeBtn),
    body,
    h('p', { class: 'zw-foot' }, '答复依据政策原文自动生成，仅供参考，以主管部门解释为准。'),
  );

  const setElder = (on: boolean) => {
    panel.classList.toggle('zw-elder', on);
    launcher.classList.toggle('zw-elder', on);
    elderBtn.setAttribute('aria-pressed', String(on));
    elderBtn.textContent = on ? '标准字' : '大字';
    elderBtn.setAttribute('aria-label', on ? '关闭大字模式' : '开启大字模式（适老化）');
  };
  setElder(prefs?.getItem(ELDER_KEY) === '1');
  elderBtn.addEventListener('click', () => {
    const on = !panel.classList.contains('zw-elder');
    setElder(on);
    try {
      prefs?.setItem(ELDER_KEY, on ? '1' : '0');
    } catch {
      // not remembered in private mode
    }
  });

  const corpus = api.corpusSummary(region ? { region } : {});
  const fields = api.profileSchema();
  // The region as a profile fact, when the form knows it (the counties of the seed's city).
  let scoped: Partial<CompanyProfile> = {};
  void Promise.all([corpus, fields])
    .then(([c, f]) => (scoped = regionProfile(c.region?.name ?? region ?? '', f)))
    .catch(() => undefined);

  let ui: ReturnType<typeof createChatUi>;
  const sheet = createDescribeSheet({
    active,
    onSubmit: async (text) => {
      const reply = await ui.send(text);
      // The chat answers descriptions with measure events; if it took the text as a question,
      // match it directly so the user still gets measure cards.
      if (reply && !reply.error && !reply.measures?.length) {
        try {
          const r = await api.match({ description: text, ...(Object.keys(scoped).length ? { profile: scoped as CompanyProfile } : {}) });
          if (r.measures.some((m) => m.status !== 'not_eligible')) session.attachMeasures(reply, r.measures, r.questions, r.profile);
        } catch {
          // The chat answer stands on its own.
        }
      }
    },
    onClose: () => ui.focusInput(),
  });
  panel.appendChild(sheet.element);
  ui = createChatUi({
    root: body,
    api,
    session,
    activeElement: active,
    welcome: WELCOME,
    starters: STARTERS,
    onDescribe: () => sheet.open(),
    corpus,
    coverage: corpus.then(coverageLine),
    fields,
    baseProfile: () => scoped,
  });

  const setOpen = (open: boolean, focus = true) => {
    panel.hidden = !open;
    launcher.setAttribute('aria-expanded', String(open));
    try {
      storage?.setItem(openKey, open ? '1' : '0');
    } catch {
      // ignore
    }
    if (!focus) return;
    if (open) ui.focusInput();
    else launcher.focus();
  };
  launcher.addEventListener('click', () => setOpen(panel.hidden));
  closeBtn.addEventListener('click', () => setOpen(false));
  panel.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    if (sheet.isOpen) sheet.close();
    else if (!ui.escape() && !inline) setOpen(false);
  });

  shadow.append(launcher, panel);
  document.body.appendChild(host);
  if (!inline && storage?.getItem(openKey) === '1') setOpen(true, false);
}

(function boot() {
  if (window.__zhengcetongWidget) return;
  window.__zhengcetongWidget = true;
  const script =
    (document.currentScript as HTMLScriptElement | null) ??
    document.querySelector<HTMLScriptElement>('script[src*="widget.js"]');
  if (document.body) mount(script);
  else document.addEventListener('DOMContentLoaded', () => mount(script), { once: true });
})();
