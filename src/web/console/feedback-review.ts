// Reviewing feedback on answers (staff endpoints): filter by rating (badges are an SVG thumb and
// text: emoji render as empty boxes with Debian's fonts), page through, and export the
// selection as JSONL (candidate gold cases). Asks for the staff token when the server needs it
// (kept in sessionStorage only).
import { ApiError, type ApiClient } from '../shared/api-client.js';
import { h, replaceChildren } from '../shared/dom.js';
import { isoDate } from '../shared/labels.js';
import type { FeedbackItem } from '../shared/types.js';
import { downloadText } from './download.js';
import { icon } from '../shared/icons.js';

export const TOKEN_KEY = 'zhengcetong:staff-token';
const PAGE = 20;

export function staffMessage(err: unknown): string {
  if (err instanceof ApiError && err.status === 401) {
    return err.message.includes('不正确')
      ? '工作人员令牌不正确：请检查后重新输入，再点击“保存令牌”。'
      : '需要工作人员令牌：请在上方输入访问令牌（STAFF_TOKEN）后点击“保存令牌”。';
  }
  if (err instanceof ApiError && err.status === 403) return '无权访问反馈记录：请在本机访问，或配置并输入工作人员令牌。';
  if (err instanceof ApiError && err.status === 404) return '反馈功能尚未启用（服务器没有反馈接口）。';
  return (err as Error).message || '加载失败，请稍后再试。';
}

function feedbackCard(f: FeedbackItem): HTMLElement {
  return h(
    'li',
    { class: `fb-item fb-${f.rating}` },
    h(
      'div',
      { class: 'fb-head' },
      h('span', { class: `zc-badge fb-badge ${f.rating === 'up' ? '' : 'zc-badge-not_eligible'}` }, icon(f.rating === 'up' ? 'thumbUp' : 'thumbDown'), f.rating === 'up' ? ' 有帮助' : ' 没帮助'),
      h('time', { class: 'zc-muted', datetime: f.createdAt }, f.createdAt.replace('T', ' ').slice(0, 19)),
      h('span', { class: 'zc-muted' }, `会话 ${f.sessionId.slice(0, 8)}…`),
    ),
    h('p', { class: 'fb-q' }, h('strong', null, '问题：'), f.question),
    h('details', null, h('summary', null, '回答'), h('div', { class: 'fb-answer' }, f.answer)),
    f.citations?.length ? h('p', { class: 'zc-muted' }, `引用：${f.citations.map((c) => c.label).join('、')}`) : null,
    f.comment ? h('p', { class: 'fb-comment' }, h('strong', null, '意见：'), f.comment) : null,
  );
}

export function createFeedbackReview(api: Pick<ApiClient, 'staffFeedback' | 'staffFeedbackExport'>, storage: Storage | null): { element: HTMLElement; load(): void } {
  const token = h('input', { type: 'password', class: 'zc-input', id: 'fb-token', autocomplete: 'off', placeholder: '未配置令牌时可留空（仅限本机访问）' });
  token.value = storage?.getItem(TOKEN_KEY) ?? '';
  const rating = h('select', { id: 'fb-rating' }, h('option', { value: '' }, '全部'), h('option', { value: 'up' }, '有帮助（赞）'), h('option', { value: 'down' }, '没帮助（踩）'));
  const status = h('p', { class: 'fb-status', role: 'status' });
  const list = h('ol', { class: 'fb-list' });
  const prev = h('button', { type: 'button', class: 'zc-btn zc-btn-ghost' }, '上一页');
  const next = h('button', { type: 'button', class: 'zc-btn zc-btn-ghost' }, '下一页');
  const page = h('span', { class: 'zc-muted' });
  let offset = 0;

  async function load() {
    status.textContent = '正在加载…';
    status.classList.remove('zc-error');
    try {
      const r = await api.staffFeedback({ rating: rating.value || undefined, limit: PAGE, offset });
      replaceChildren(list, r.items.map(feedbackCard));
      status.textContent = r.total ? '' : '暂无反馈记录。';
      page.textContent = `第 ${Math.floor(offset / PAGE) + 1} 页，共 ${r.total} 条`;
      prev.disabled = offset === 0;
      next.disabled = offset + PAGE >= r.total;
    } catch (err) {
      replaceChildren(list);
      status.textContent = staffMessage(err);
      status.classList.add('zc-error');
      if (err instanceof ApiError && err.status === 401) token.focus();
    }
  }

  const saveToken = h('button', { type: 'button', class: 'zc-btn zc-btn-primary' }, '保存令牌');
  saveToken.addEventListener('click', () => {
    try {
      if (token.value.trim()) storage?.setItem(TOKEN_KEY, token.value.trim());
      else storage?.removeItem(TOKEN_KEY);
    } catch {
      // ignore
    }
    offset = 0;
    void load();
  });
  rating.addEventListener('change', () => {
    offset = 0;
    void load();
  });
  prev.addEventListener('click', () => {
    offset = Math.max(0, offset - PAGE);
    void load();
  });
  next.addEventListener('click', () => {
    offset += PAGE;
    void load();
  });
  const exportBtn = h('button', { type: 'button', class: 'zc-btn zc-btn-ghost' }, '导出为候选金标准（JSONL）');
  exportBtn.addEventListener('click', async () => {
    try {
      const text = await api.staffFeedbackExport(rating.value || undefined);
      downloadText(`gold-candidates-${rating.value || 'all'}-${isoDate(new Date())}.jsonl`, text, 'application/x-ndjson;charset=utf-8');
      status.textContent = '已导出。';
    } catch (err) {
      status.textContent = staffMessage(err);
    }
  });

  const element = h(
    'div',
    { class: 'fb' },
    h(
      'div',
      { class: 'fb-toolbar' },
      h('label', { for: 'fb-token' }, '工作人员令牌'),
      token,
      saveToken,
      h('label', { for: 'fb-rating' }, '评价'),
      rating,
      h('button', { type: 'button', class: 'zc-btn zc-btn-ghost', onclick: () => void load() }, '刷新'),
      exportBtn,
    ),
    status,
    list,
    h('div', { class: 'fb-pager' }, prev, page, next),
  );
  return { element, load: () => void load() };
}
