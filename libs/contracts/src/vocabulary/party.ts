import { vocabulary, type CodeOf } from './vocabulary.js';

/** 党员发展阶段, in order. */
export const PartyMemberStages = vocabulary({
  APPLICANT: '入党申请人',
  ACTIVIST: '入党积极分子',
  DEVELOPMENT_TARGET: '发展对象',
  PROBATIONARY: '预备党员',
  FULL_MEMBER: '正式党员',
});
export type PartyMemberStage = CodeOf<typeof PartyMemberStages>;

export const PartyMemberTypes = vocabulary({
  EMPLOYED_REPORTING: '在职党员（到社区报到）',
  RETIRED: '离退休党员',
  MOBILE: '流动党员',
  COMMUNITY: '社区党员（组织关系在社区）',
});
export type PartyMemberType = CodeOf<typeof PartyMemberTypes>;

export const PartyOrganizationLevels = vocabulary({
  COMMITTEE: '社区党委',
  GENERAL_BRANCH: '党总支',
  BRANCH: '党支部',
  GROUP: '党小组',
});
export type PartyOrganizationLevel = CodeOf<typeof PartyOrganizationLevels>;

/** 三会一课 及其他组织生活 */
export const PartyMeetingTypes = vocabulary({
  GENERAL_ASSEMBLY: '支部党员大会',
  COMMITTEE_MEETING: '支委会',
  GROUP_MEETING: '党小组会',
  PARTY_LECTURE: '党课',
  THEMED_PARTY_DAY: '主题党日',
  ORGANIZATIONAL_LIFE: '组织生活会',
});
export type PartyMeetingType = CodeOf<typeof PartyMeetingTypes>;
