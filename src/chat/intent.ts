// What kind of answer a question wants (pure): amounts, departments, validity, lists.

export interface Intent {
  department: boolean;
  amount: boolean;
  validity: boolean;
  list: boolean;
  /** Several measures asked at once (和、分别、都…). */
  multiple: boolean;
  /** The question is about the document itself: its basis and purpose, or its validity and totals. */
  documentPart: 'preamble' | 'closing' | null;
}

const DEPARTMENT = /(负责单位|负责部门|谁负责|哪个部门|哪些部门|什么部门|哪个单位|什么单位|找谁|找哪|谁负责|谁来管|谁管|归谁|责任单位|牵头|主管部门|归口|向谁|哪里申请|去哪|到哪|联系谁|谁出|电话|联系方式|怎么联系|咨询热线)/u;
// "有奖吗", "出不出钱", "有笔开业钱", "能补点不": whoever asks whether there is money wants to know how much.
const AMOUNT = /(多少|几多|几个|几家|几成|比例|上限|最高|封顶|标准|额度|金额|怎么算|咋算|如何计算|怎么补|咋补|怎么给钱|百分之|几折|折扣|补多少|奖多少|给多少|多大|有奖|奖不奖|有没有奖|出不出钱|给不给钱|出钱吗|给钱吗|补钱|有钱拿|能拿钱|有一?笔[^，。？?！!]{0,6}钱|(补|给|奖|返|贴)一?(点|些)钱?(不|吗|没|么|呗)|(啥|什么|哪些|哪种|哪几种)(样的)?(补贴|补助|奖励|资助|奖补))/u;
const VALIDITY = /(有效期|期限|到期|截止|什么时候|何时|多久|还有效|还能用|过期|失效|明年|今年还)/u;
const LIST = /(哪些|有什么|有啥|什么政策|能享受|可以享受|都有|包括)/u;

// "还有没有", "还有戏吗": whether something still is, not a further measure.
const MULTIPLE = /(分别|各自|以及|还有(?!没有|没|吗|么|不|戏|机会|希望|[？?。！!]|$)|两块|两个|几项|都有|和|与|及|、)/u;
const DOC_BASIS = /(根据什么|依据什么|依据是|制定依据|(照着|按照|依照|根据|依据|参照).{0,6}(哪个|什么|哪份|哪一个).{0,4}(文件|政策)|为什么出台|为啥出台|出台.{0,4}(目的|背景)|(目的|初衷)是|哪个.{0,8}文件的配套|上位文件|配套文件|(哪天|哪年|什么时候|啥时候|何时|几号|几月|哪一天|日期|时间).{0,4}(发布|印发|出台|发的|下发)|(发布|印发|出台|下发)(的)?(日期|时间|于哪|是哪|是什么时候|在哪天))/u;
const DOC_CLOSING = /(有效期|实施期限|政策期限|执行期限|(管|适用|执行)哪几年|(什么时候|啥时候|何时|哪天|哪年)(到期|截止|结束|失效|作废)|管到(哪|什么时候)|还有效|还能用|执行到|有效到|(一共|总共|合计)(支持|安排)?了?多少|支持总额|(这套|一揽子|整套|整个|全部|所有|这些)[^，。？?]{0,10}(政策|措施)[^。？?]{0,16}(一共|总共|合计|总计)[^，。？?]{0,6}多少|财政[^，。？?]{0,6}(一共|总共|合计|总计)[^，。？?]{0,8}多少|(冲突|不一致|矛盾).{0,6}(咋办|怎么办|以谁为准|听谁的)|国家和省.{0,8}(政策|规定))/u;

export function detectIntent(question: string): Intent {
  return {
    department: DEPARTMENT.test(question),
    amount: AMOUNT.test(question),
    validity: VALIDITY.test(question),
    list: LIST.test(question),
    multiple: MULTIPLE.test(question),
    documentPart: DOC_BASIS.test(question) ? 'preamble' : DOC_CLOSING.test(question) ? 'closing' : null,
  };
}
