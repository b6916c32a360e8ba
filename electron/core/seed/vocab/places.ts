/**
 * Place vocabulary for a fictional county. County names are common real-looking ones; the
 * division codes (GB/T 2260 style, 6 digits) are made up within real provinces so a USCC built
 * from them looks right without pointing at one real office.
 */
export interface CountyName {
  /** 县名, e.g. 青山县 */
  name: string;
  /** short form used in project names, e.g. 青山 */
  short: string;
}

export const COUNTY_NAMES: readonly CountyName[] = [
  { name: '青山县', short: '青山' }, { name: '临江县', short: '临江' }, { name: '石门县', short: '石门' },
  { name: '安平县', short: '安平' }, { name: '永宁县', short: '永宁' }, { name: '清河县', short: '清河' },
  { name: '龙泉县', short: '龙泉' }, { name: '南溪县', short: '南溪' }, { name: '双峰县', short: '双峰' },
  { name: '桃源县', short: '桃源' }, { name: '长乐县', short: '长乐' }, { name: '兴安县', short: '兴安' },
];

export interface ProvinceName {
  name: string;
  /** 2-digit GB/T 2260 province code */
  code: string;
  /** the usual abbreviation, used in company names (闽, 浙, …) */
  abbr: string;
}

export const PROVINCES: readonly ProvinceName[] = [
  { name: '福建省', code: '35', abbr: '闽' }, { name: '浙江省', code: '33', abbr: '浙' },
  { name: '江西省', code: '36', abbr: '赣' }, { name: '湖南省', code: '43', abbr: '湘' },
  { name: '安徽省', code: '34', abbr: '皖' }, { name: '四川省', code: '51', abbr: '川' },
];

/** 片区 / 街道 / 乡镇 of the county. */
export const AREAS: readonly string[] = [
  '城南片区', '城北片区', '城东新区', '城西片区', '老城区', '滨江片区', '高新园区', '工业园区', '火车站片区', '开发区',
];

export const TOWNS: readonly string[] = [
  '城关镇', '石桥镇', '白沙镇', '河口镇', '大坪乡', '柳溪乡', '新塘镇', '龙门镇', '黄田镇', '东岭乡', '西溪镇', '马坑乡',
];

export const ROADS: readonly string[] = [
  '人民路', '解放路', '建设路', '中山路', '滨江路', '环城北路', '环城南路', '迎宾大道', '工业大道', '学府路', '新华街', '文昌路',
];

export const RIVERS: readonly string[] = ['青溪', '白沙河', '龙江', '柳溪', '桃花溪', '石门河', '清水河', '南河', '北溪'];

export const SCHOOLS: readonly string[] = [
  '第一中学', '第二中学', '实验小学', '第二实验小学', '城关中心小学', '职业中专', '特殊教育学校', '城南幼儿园', '第三中学', '民族中学',
];

export const BUILDINGS: readonly string[] = [
  '人民医院门诊综合楼', '中医院住院楼', '疾控中心业务用房', '图书馆新馆', '文化馆', '全民健身中心', '便民服务中心', '档案馆',
  '保障性住房', '人才公寓', '养老服务中心', '妇幼保健院',
];

export const OTHER_WORKS: readonly string[] = [
  '公厕提升改造', '老旧小区改造', '农贸市场改造', '停车场建设', '城区亮化', '垃圾中转站建设', '智慧城管平台', '公园景观提升',
];
