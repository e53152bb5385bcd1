// 「描述我的企业」: an overlay asking for a free-text description of the company; submitting it
// sends the description through the chat, whose answer carries matched measures. Closed by ×,
// 取消 or Esc.
import { h } from '../shared/dom.js';
import { trapTab } from '../chat/focus-trap.js';

export interface DescribeSheetOptions {
  active: () => Element | null;
  onSubmit(text: string): void | Promise<void>;
  onClose(): void;
}

export function createDescribeSheet({ active, onSubmit, onClose }: DescribeSheetOptions) {
  const text = h('textarea', {
    class: 'zc-input',
    rows: '6',
    maxlength: '1000',
    'aria-label': '企业情况描述',
    placeholder: '例如：我们是瑞安市的一家汽摩配制造企业，规上，去年营收1.2亿元，研发费用600万元，有出口业务，是高新技术企业。',
  });
  const error = h('p', { class: 'zc-error', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', class: 'zc-btn zc-btn-primary' }, '匹配政策');
  const cancel = h('button', { type: 'button', class: 'zc-btn zc-btn-ghost' }, '取消');
  const closeBtn = h('button', { type: 'button', class: 'zc-icon-btn zw-sheet-close', 'aria-label': '关闭“描述我的企业”' }, '×');
  const element = h(
    'form',
    { class: 'zw-sheet', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'zw-describe-h', hidden: true },
    h('div', { class: 'zw-sheet-head' }, h('h3', { id: 'zw-describe-h' }, '描述我的企业'), closeBtn),
    h('p', null, '请介绍企业所在县（市、区）、行业、规模（员工、营业收入）、研发投入、已获资质、是否有出口等情况，我们将据此匹配可享受的政策措施。'),
    text,
    error,
    h('div', { class: 'zw-sheet-actions' }, cancel, submit),
  );
  const sheet = {
    element,
    get isOpen() {
      return !element.hidden;
    },
    open() {
      element.hidden = false;
      error.hidden = true;
      text.focus();
    },
    close() {
      if (element.hidden) return;
      element.hidden = true;
      onClose();
    },
  };
  cancel.addEventListener('click', () => sheet.close());
  closeBtn.addEventListener('click', () => sheet.close());
  element.addEventListener('keydown', trapTab(element, active));
  element.addEventListener('submit', (e) => {
    e.preventDefault();
    const value = text.value.trim();
    if (value.length < 4) {
      error.textContent = '请先简单描述一下企业情况（例如所在区县、行业和规模）。';
      error.hidden = false;
      text.focus();
      return;
    }
    text.value = '';
    sheet.close();
    void onSubmit(value);
  });
  return sheet;
}
