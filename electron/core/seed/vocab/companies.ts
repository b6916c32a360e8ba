/**
 * Company-name parts for payees (收款单位). A name is brand + trade + legal form, optionally
 * prefixed with a place, e.g. 闽恒通路桥建设有限公司, 青山县宏达建筑工程有限公司.
 */
export const BRANDS: readonly string[] = [
  '恒通', '宏达', '鑫盛', '中建', '华泰', '远大', '正衡', '永安', '金鼎', '瑞丰', '汇邦', '利民', '长城', '天工', '博远', '新源',
  '广厦', '隆昌', '盛和', '建恒', '东升', '锦程', '宏图', '信达', '嘉诚', '明远', '海川', '立达', '众诚', '润泽', '华信', '通达',
];

/** What a payee does; decides its contracts, its wage account and whether it is an SME. */
export type Trade = 'works' | 'supervision' | 'design' | 'audit' | 'equipment';

export const TRADE_SUFFIXES: Readonly<Record<Trade, readonly string[]>> = {
  works: ['路桥建设有限公司', '建筑工程有限公司', '市政工程有限公司', '水利水电工程有限公司', '建设集团有限公司', '园林绿化工程有限公司'],
  supervision: ['工程监理有限公司', '建设监理咨询有限公司', '工程项目管理有限公司'],
  design: ['建筑设计研究院有限公司', '勘察设计有限公司', '规划设计院有限公司'],
  audit: ['工程造价咨询有限公司', '工程咨询有限公司'],
  equipment: ['教学设备有限公司', '机电设备有限公司', '智能科技有限公司', '泵业有限公司'],
};

/** Large state-owned contractors: never SMEs (R1 does not apply to them). */
export const STATE_OWNED_WORKS: readonly string[] = [
  '中国建筑第七工程局有限公司',
  '中铁二十四局集团有限公司',
  '中国水利水电第十六工程局有限公司',
  '中交第三公路工程局有限公司',
  '中国电建市政建设集团有限公司',
  '中国化学工程第十六建设有限公司',
];

/** 开户银行 (head office names); a branch is made from them and the county. */
export const BANKS: readonly (readonly [string, string])[] = [
  ['中国工商银行', 'ICBC'],
  ['中国农业银行', 'ABC'],
  ['中国银行', 'BOC'],
  ['中国建设银行', 'CCB'],
  ['交通银行', 'BCM'],
  ['中国邮政储蓄银行', 'PSBC'],
  ['兴业银行', 'CIB'],
  ['农村商业银行', 'RCB'],
];

export const BRANCH_SUFFIXES: readonly string[] = ['支行', '城关支行', '营业部', '城南支行', '开发区支行'];
