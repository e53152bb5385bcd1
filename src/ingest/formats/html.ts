// HTML adapter for government web pages (the only import of cheerio): keeps the article body
// and the page's labelled document facts (文号, 发布机关, 实施日期 …), drops the site around it.
import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { AppError } from '../../domain/errors.js';
import { decodeText } from './text.js';
import type { ExtractedText, FormatAdapter } from './types.js';

type $T = cheerio.CheerioAPI;

const DROP_TAGS = 'script,style,noscript,iframe,template,svg,canvas,form,input,button,select,textarea,object,embed,link,meta,nav,header,footer,aside,map,audio,video';
// Class/id words that mark site chrome rather than the article.
const NOISE_NAME = /(^|[-_\s])(nav|navbar|menu|header|head|footer|foot|bottom|share|bdshare|fenxiang|breadcrumbs?|crumbs?|location\d*|position|curb|dqwz|search|login|toolbar|tools|print|ewm|qrcode|qr_container|fontsize|setfont|zh_click|related|xgwz|xgwz_list\d*|xgwj|sidebar|side|banner|copyright|friendlinks?|links|wza|slh|jiucuo|topbar|gbck|info_bot|content_extended|article-extended|article-btn|article-ewm|pagination|prev|next|sxp|modal)([-_\s\d]|$)/i;
const NOISE_TEXT = /浏览次数|浏览量|访问量|阅读次数|点击数|打印本页|【打印】|关闭窗口|【关闭】|返回顶部|分享到|扫一扫|字体大小|字号[:：]|版权所有|网站标识码|ICP备|公网安备|网站地图|联系我们|主办单位|承办单位|技术支持|上一篇|下一篇/;
// Words that name the article container on many CMSs (TRS, 南方网 NFCMS, 开普 …).
const CONTENT_NAME = /TRS_Editor|TRS_UEDITOR|zoom|article|content|info_cont|newsMain|news_con|detail|main-?text|wzcon|bt_content|view|正文/i;
const BLOCK = new Set(['p', 'div', 'section', 'article', 'main', 'br', 'li', 'ul', 'ol', 'tr', 'table', 'tbody', 'thead', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'dd', 'dt', 'dl', 'center', 'hr', 'td', 'th', 'caption', 'figure', 'figcaption']);
const FACT_LABEL = /^(文号|发文字号|发文号|统一编号|索引号|发布机关|发文机关|发文单位|发布机构|成文日期|发文日期|印发日期|发布日期|发布时间|发表时间|公布日期|实施日期|施行日期|生效日期|失效日期|废止日期|有效期|有效期限|文件状态|信息来源|文章来源|来源)$/;

function charsetOf(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head);
  return m ? m[1]!.toLowerCase() : null;
}

function decodeHtml(bytes: Uint8Array): { html: string; warnings: string[] } {
  const cs = charsetOf(bytes);
  if (cs && /^(gb2312|gbk|gb18030|x-gbk)$/.test(cs)) return { html: new TextDecoder('gb18030').decode(bytes), warnings: [] };
  const { text, warnings } = decodeText(bytes);
  return { html: text, warnings };
}

const compact = (s: string): string => s.replace(/[\s\u00a0\u3000]+/g, '');

function linkTextLength($: $T, el: Element): number {
  let n = 0;
  $(el).find('a').each((_, a) => {
    n += compact($(a).text()).length;
  });
  return n;
}

function nameOf(el: Element): string {
  return `${el.attribs?.class ?? ''} ${el.attribs?.id ?? ''}`;
}

function removeNoise($: $T): void {
  $(DROP_TAGS).remove();
  $('*').contents().filter((_, n) => n.type === 'comment').remove();
  $('[style]').filter((_, el) => /display\s*:\s*none/i.test((el as Element).attribs.style ?? '')).remove();
  $('body *').each((_, el) => {
    const e = el as Element;
    if (!e.parent) return;
    const name = nameOf(e);
    if (NOISE_NAME.test(name) && !CONTENT_NAME.test(e.attribs?.id ?? '')) {
      $(e).remove();
      return;
    }
  });
  // Short blocks whose words are chrome (浏览次数, 打印本页, 版权所有 …).
  $('body *').each((_, el) => {
    const e = el as Element;
    if (!e.parent) return;
    const t = compact($(e).text());
    if (t.length === 0 || t.length > 120 || !NOISE_TEXT.test(t) || /[。；]/.test(t)) return;
    // Remove the smallest element carrying the chrome words, so 发布日期 beside 浏览次数 survives.
    const childMatches = $(e).children().toArray().some((c) => NOISE_TEXT.test(compact($(c).text())));
    if (!childMatches) $(e).remove();
  });
}

/** Labelled document facts shown around the article (信息公开 panels, article attributes). */
function collectFacts($: $T, exclude: Element): string[] {
  const facts: string[] = [];
  const seen = new Set<string>();
  $('body li, body span, body p, body td, body th, body div, body dt, body dd, body label, body b, body strong').each((_, el) => {
    const e = el as Element;
    if ($(e).closest(exclude).length > 0 || $(exclude).closest(e).length > 0 && e !== exclude && $(e).find(exclude).length > 0) return;
    const raw = $(e).text().replace(/[\u00a0]/g, ' ').trim();
    if (raw.length === 0 || raw.length > 100) return;
    const m = /^([^:：]{2,12})[:：]\s*(.*)$/s.exec(raw);
    if (!m) return;
    const label = compact(m[1]!);
    if (!FACT_LABEL.test(label)) return;
    let value = m[2]!.replace(/\s+/g, ' ').trim();
    if (value === '') value = $(e).next().text().replace(/\s+/g, ' ').trim();
    if (value === '' || value.length > 60 || /：/.test(value)) return;
    const line = `${label}：${value}`;
    if (!seen.has(label)) {
      seen.add(label);
      facts.push(line);
    }
  });
  return facts;
}

function pickContent($: $T): Element {
  const body = ($('body').get(0) ?? $.root().children().get(0)) as Element | undefined;
  if (!body) throw new AppError('BAD_REQUEST', '网页中没有正文内容，请确认上传的是政策原文页面');
  const score = (el: Element): number => Math.max(0, compact($(el).text()).length - linkTextLength($, el));
  let current = body;
  for (;;) {
    const own = score(current);
    if (own === 0) break;
    const kids = $(current).children().toArray().filter((k): k is Element => k.type === 'tag');
    let best: Element | null = null;
    let bestScore = 0;
    for (const k of kids) {
      const s = score(k) * (CONTENT_NAME.test(nameOf(k)) ? 1.25 : 1);
      if (s > bestScore) {
        best = k;
        bestScore = s;
      }
    }
    if (!best) break;
    // Descend while the child keeps nearly all the reading text (what is left behind is a
    // heading or attributes), or is a named article container holding most of it.
    const kept = score(best);
    const lost = own - kept;
    const named = CONTENT_NAME.test(nameOf(best)) && !CONTENT_NAME.test(nameOf(current));
    if (!(lost <= Math.max(150, own * 0.08) || (named && kept >= own * 0.6))) break;
    current = best;
  }
  return current;
}

function pickTitle($: $T, content: Element): string | undefined {
  const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
  const named = $('h1, h2, h3')
    .toArray()
    .concat($('[class*="title"], [class*="Title"]').toArray().filter((el) => $(el).children('p, div, span').length === 0))
    .filter((el) => $(content).find(el).length === 0)
    .map((el) => clean($(el).text()))
    .filter((t) => t.length >= 4 && t.length <= 120);
  const h1 = $('h1').toArray().map((el) => clean($(el).text())).find((t) => t.length >= 4 && !/[>＞]/.test(t));
  if (h1) return h1;
  if (named[0]) return named[0];
  const t = clean($('title').first().text()).split(/\s*[-_|—]{1,2}\s*/)[0];
  return t && t.length >= 4 ? t : undefined;
}

/** Render an element as text: blocks and table cells on their own lines, inline text joined. */
function renderText($: $T, root: Element): string {
  const out: string[] = [];
  const walk = (node: AnyNode): void => {
    if (node.type === 'text') {
      out.push((node as unknown as { data: string }).data.replace(/[\t\r\n ]+/g, ' '));
      return;
    }
    if (node.type !== 'tag') return;
    const el = node as Element;
    const tag = el.name.toLowerCase();
    if (tag === 'br' || tag === 'hr') {
      out.push('\n');
      return;
    }
    const block = BLOCK.has(tag);
    if (block) out.push('\n');
    for (const c of el.children) walk(c);
    if (block) out.push('\n');
  };
  walk(root);
  return out
    .join('')
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((l) => l.replace(/^[ \u3000]+|[ \u3000]+$/g, ''))
    .filter((l, i, arr) => l !== '' || (i > 0 && arr[i - 1] !== ''))
    .join('\n')
    .trim();
}

// Link-only paragraphs that point elsewhere (政策解读, 附件下载 lists stay when they carry text).
function dropLinkOnlyBlocks($: $T, root: Element): void {
  $(root)
    .find('p, div, li')
    .each((_, el) => {
      const e = el as Element;
      const t = compact($(e).text());
      if (t.length > 0 && linkTextLength($, e) >= t.length * 0.8 && /解读|点击查看|相关链接|上一篇|下一篇/.test(t)) $(e).remove();
    });
}

export const htmlAdapter: FormatAdapter = {
  format: 'html',
  async extractText(bytes: Uint8Array, fileName: string): Promise<ExtractedText> {
    const { html, warnings } = decodeHtml(bytes);
    const $ = cheerio.load(html);
    const pageTitle = compact($('title').first().text());
    removeNoise($);
    const content = pickContent($);
    const title = pickTitle($, content);
    const facts = collectFacts($, content);
    dropLinkOnlyBlocks($, content);
    const body = renderText($, content);
    if (compact(body).length === 0) {
      throw new AppError('BAD_REQUEST', `“${fileName}”中没有找到正文文字，请确认上传的是政策原文页面而不是列表页或跳转页`);
    }
    const head: string[] = [];
    if (title && !compact(body).startsWith(compact(title))) head.push(title);
    head.push(...facts);
    const text = head.length > 0 ? `${head.join('\n')}\n\n${body}` : body;
    if (compact(body).length < 80) warnings.push('网页正文很短，可能没有找到正文区域，请核对提取结果');
    return { text, format: 'html', warnings, ...(title ? { title } : pageTitle ? { title: pageTitle } : {}) };
  },
};
