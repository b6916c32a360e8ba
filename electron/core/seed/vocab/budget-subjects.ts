import type { FundSource } from '../../../../shared/domain/fund-source';
import type { ProjectType } from '../../../../shared/domain/project';

/**
 * 预算科目: 7-digit codes of the government functional classification (支出功能分类, 类-款-项),
 * with the names the budget uses. General-budget money (财政资金) and fund-budget money
 * (专项债, land revenue) are booked under different codes for the same kind of work.
 */
export const SUBJECT_NAMES: Readonly<Record<string, string>> = {
  '2120303': '城乡社区支出—城乡社区公共设施—小城镇基础设施建设',
  '2120399': '城乡社区支出—城乡社区公共设施—其他城乡社区公共设施支出',
  '2120803': '城乡社区支出—国有土地使用权出让收入安排的支出—城市建设支出',
  '2140104': '交通运输支出—公路水路运输—公路建设',
  '2050202': '教育支出—普通教育—小学教育',
  '2050203': '教育支出—普通教育—初中教育',
  '2050204': '教育支出—普通教育—高中教育',
  '2130305': '农林水支出—水利—水利工程建设',
  '2130314': '农林水支出—水利—防汛',
  '2100201': '卫生健康支出—公立医院—综合医院',
  '2070109': '文化旅游体育与传媒支出—文化和旅游—群众文化',
  '2210103': '住房保障支出—保障性安居工程—棚户区改造',
  '2290402': '其他支出—其他政府性基金及对应专项债务收入安排的支出—其他地方自行试点项目收益专项债券收入安排的支出',
  '2296002': '其他支出—彩票公益金安排的支出—用于社会福利的彩票公益金支出',
  '2120501': '城乡社区支出—城乡社区环境卫生—城乡社区环境卫生',
};

const GENERAL: Readonly<Record<ProjectType, readonly string[]>> = {
  municipalRoad: ['2120303', '2140104'],
  schoolExpansion: ['2050202', '2050203', '2050204'],
  waterConservancy: ['2130305', '2130314'],
  building: ['2100201', '2070109', '2210103'],
  other: ['2120399', '2120501'],
};

const FUND_BUDGET: Readonly<Record<ProjectType, readonly string[]>> = {
  municipalRoad: ['2120803', '2290402'],
  schoolExpansion: ['2290402'],
  waterConservancy: ['2290402'],
  building: ['2290402', '2210103'],
  other: ['2120803'],
};

/** The codes a project of `type` may book `fundSource` money under. */
export function subjectCodesFor(type: ProjectType, fundSource: FundSource): readonly string[] {
  return fundSource === 'fiscal' || fundSource === 'other' ? GENERAL[type] : FUND_BUDGET[type];
}
