/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string };
  String: { input: string; output: string };
  Boolean: { input: boolean; output: boolean };
  Int: { input: number; output: number };
  Float: { input: number; output: number };
  /** 日期（YYYY-MM-DD，不含时间） */
  Date: { input: string; output: string };
  /** 日期时间（ISO 8601，带时区，如 2026-03-08T09:30:00+08:00） */
  DateTime: { input: string; output: string };
};

/** 新增关爱对象 */
export type AddCareCategoryInput = {
  /** 类别（高龄自动认定，不能手工添加） */
  category: CareCategory;
  /** 等级（如残疾等级 一级） */
  grade?: InputMaybe<Scalars['String']['input']>;
  /** 居民编号 */
  residentId: Scalars['ID']['input'];
  /** 认定来源，如 民政局审批、入户走访 */
  source: Scalars['String']['input'];
  /** 起始日期 */
  startedOn: Scalars['Date']['input'];
};

/** 登记活动赞助 */
export type AddEventSponsorInput = {
  /** 赞助金额（分） */
  amountFen?: InputMaybe<Scalars['Int']['input']>;
  /** 赞助内容 */
  contribution: Scalars['String']['input'];
  /** 活动编号 */
  eventId: Scalars['ID']['input'];
  /** 赞助单位编号（辖区单位 / 共建单位） */
  organizationId: Scalars['ID']['input'];
};

/** 为晚会添加节目 */
export type AddGalaProgrammeItemInput = {
  /** 时长（分钟） */
  durationMinutes: Scalars['Int']['input'];
  /** 晚会编号 */
  eventId: Scalars['ID']['input'];
  /** 节目形式，如 秧歌、合唱、小品 */
  form: Scalars['String']['input'];
  /** 表演者（群体描述） */
  performers?: InputMaybe<Scalars['String']['input']>;
  /** 表演团队编号 */
  teamId?: InputMaybe<Scalars['ID']['input']>;
  /** 节目名称 */
  title: Scalars['String']['input'];
};

/** 团队吸收成员 */
export type AddTeamMemberInput = {
  /** 入团日期 */
  joinedOn: Scalars['Date']['input'];
  /** 居民编号 */
  residentId: Scalars['ID']['input'];
  /** 团队编号 */
  teamId: Scalars['ID']['input'];
};

/** 标准地址导入的行结果 */
export type AddressImportOutcome =
  /** 新登记了楼栋或住户 */
  | 'CREATED'
  /** 拒绝（见原因） */
  | 'REJECTED'
  /** 已登记，无变化 */
  | 'UNCHANGED';

/** 标准地址导入的逐行结果 */
export type AddressRowResult = {
  __typename?: 'AddressRowResult';
  /** 楼栋编号 */
  buildingId?: Maybe<Scalars['ID']['output']>;
  /** 出错的列 */
  field?: Maybe<Scalars['String']['output']>;
  /** 住户编号（登记到室的行） */
  householdId?: Maybe<Scalars['ID']['output']>;
  /** 结果 */
  outcome: AddressImportOutcome;
  /** 拒绝原因 */
  reason?: Maybe<Scalars['String']['output']>;
  /** 行号（CSV 不含表头，从 1 起；JSON 为数组序号加 1） */
  row: Scalars['Int']['output'];
};

/** 发展阶段推进（须依次进行） */
export type AdvancePartyMemberStageInput = {
  /** 党员编号 */
  memberId: Scalars['ID']['input'];
  /** 说明 */
  note?: InputMaybe<Scalars['String']['input']>;
  /** 日期（如 支部大会讨论通过日期） */
  on: Scalars['Date']['input'];
  /** 新阶段 */
  to: PartyMemberStage;
};

/** 推进组织关系转接（依次：介绍信开出→接收→办结） */
export type AdvancePartyTransferInput = {
  /** 转入：接收党支部编号 */
  branchId?: InputMaybe<Scalars['ID']['input']>;
  /** 对方党组织名称 */
  externalOrganization?: InputMaybe<Scalars['String']['input']>;
  /** 介绍信编号（开出介绍信时必填） */
  letterNumber?: InputMaybe<Scalars['String']['input']>;
  /** 转入：党员类型（默认社区党员） */
  memberType?: InputMaybe<PartyMemberType>;
  /** 日期 */
  on: Scalars['Date']['input'];
  /** 转入预备党员：接收为预备党员的日期（必填，预备期自此起算一年） */
  probationaryOn?: InputMaybe<Scalars['Date']['input']>;
  /** 转入：居民编号（申请时未指明的，如匿名事项） */
  residentId?: InputMaybe<Scalars['ID']['input']>;
  /** 转入：到达时的阶段（正式党员或预备党员，默认正式党员） */
  stage?: InputMaybe<PartyMemberStage>;
  /** 新状态 */
  to: PartyTransferStatus;
  /** 转接编号 */
  transferId: Scalars['ID']['input'];
};

/** 区级平台 API 密钥（不含密钥本身，仅在签发时显示一次） */
export type ApiKey = {
  __typename?: 'ApiKey';
  /** 签发给哪个社区（12 位社区编码）：密钥只在该社区内有效 */
  communityId: Scalars['String']['output'];
  /** 失效时间 */
  expiresAt: Scalars['DateTime']['output'];
  /** 密钥编号（密钥 shq_<编号>_<秘密> 中的编号部分） */
  id: Scalars['ID']['output'];
  /** 签发时间 */
  issuedAt: Scalars['DateTime']['output'];
  /** 签发人（用户编号） */
  issuedBy: Scalars['String']['output'];
  /** 用途名称（哪个区级平台） */
  name: Scalars['String']['output'];
  /** 吊销时间 */
  revokedAt?: Maybe<Scalars['DateTime']['output']>;
  /** 权限范围，如 residents:import、cases:escalation、events:read */
  scopes: Array<Scalars['String']['output']>;
  /** 状态 */
  status: ApiKeyStatus;
};

/** API 密钥状态 */
export type ApiKeyStatus =
  /** 有效 */
  | 'ACTIVE'
  /** 已过期 */
  | 'EXPIRED'
  /** 已吊销 */
  | 'REVOKED';

/** 为居民提出资助或救助申请 */
export type ApplyToFundProgrammeInput = {
  /** 申请日期 */
  appliedOn: Scalars['Date']['input'];
  /** 外部机构受理编号 */
  externalReference?: InputMaybe<Scalars['String']['input']>;
  /** 项目编号 */
  programmeId: Scalars['ID']['input'];
  /** 居民编号 */
  residentId: Scalars['ID']['input'];
  /** 申请情况说明 */
  statement: Scalars['String']['input'];
};

/** 任命队长 */
export type AppointTeamLeaderInput = {
  /** 队长（须为现有成员）的居民编号 */
  residentId: Scalars['ID']['input'];
  /** 团队编号 */
  teamId: Scalars['ID']['input'];
};

/** 两委审批救助 */
export type ApproveFundDisbursementInput = {
  /** 两委会议决定日期 */
  approvedOn: Scalars['Date']['input'];
  /** 参会审批人姓名（至少两名） */
  approvers: Array<Scalars['String']['input']>;
  /** 会议纪要编号 */
  decisionReference?: InputMaybe<Scalars['String']['input']>;
  /** 救助编号 */
  disbursementId: Scalars['ID']['input'];
};

/** 设定楼栋长 */
export type AssignBuildingLeaderInput = {
  /** 楼栋编号 */
  buildingId: Scalars['ID']['input'];
  /** 楼栋长（本楼栋在册居民编号） */
  residentId: Scalars['ID']['input'];
};

/** 分派事项 */
export type AssignCaseInput = {
  /** 承办人（社区工作者编号） */
  assigneeStaffId: Scalars['ID']['input'];
  /** 事项编号 */
  caseId: Scalars['ID']['input'];
  /** 说明 */
  note?: InputMaybe<Scalars['String']['input']>;
};

/** 设定网格员 */
export type AssignGridWorkerInput = {
  /** 网格编号 */
  gridId: Scalars['ID']['input'];
  /** 社区工作者编号 */
  staffId: Scalars['ID']['input'];
};

/** 楼栋：属于一个网格，设楼栋长 */
export type Building = {
  __typename?: 'Building';
  /** 标准地址 */
  address: Scalars['String']['output'];
  /** 所属网格 */
  grid: Grid;
  /** 网格边界调整历史（新到旧） */
  gridHistory: Array<BuildingGridChange>;
  /** 楼栋编号 */
  id: Scalars['ID']['output'];
  /** 楼栋长 */
  leader?: Maybe<Resident>;
  /** 楼栋名称，如 香秀里12号楼 */
  name: Scalars['String']['output'];
};

/** 楼栋：属于一个网格，设楼栋长 */
export type BuildingGridHistoryArgs = {
  first?: Scalars['Int']['input'];
};

/** 楼栋列表（Relay 游标分页） */
export type BuildingConnection = {
  __typename?: 'BuildingConnection';
  /** 本页数据 */
  edges: Array<BuildingEdge>;
  /** 分页信息 */
  pageInfo: PageInfo;
  /** 符合条件的总条数 */
  totalCount: Scalars['Int']['output'];
};

/** 楼栋（分页中的一条） */
export type BuildingEdge = {
  __typename?: 'BuildingEdge';
  /** 这一条的游标 */
  cursor: Scalars['String']['output'];
  /** 楼栋 */
  node: Building;
};

/** 网格边界调整记录：楼栋从一个网格划入另一网格 */
export type BuildingGridChange = {
  __typename?: 'BuildingGridChange';
  /** 原网格编号 */
  fromGridId: Scalars['ID']['output'];
  /** 记录编号 */
  id: Scalars['ID']['output'];
  /** 生效日期（YYYY-MM-DD） */
  movedOn: Scalars['String']['output'];
  /** 调整原因 */
  reason?: Maybe<Scalars['String']['output']>;
  /** 新网格编号 */
  toGridId: Scalars['ID']['output'];
};

/** 楼栋变更的结果 */
export type BuildingPayload = {
  __typename?: 'BuildingPayload';
  /** 楼栋 */
  building: Building;
};

/** 取消活动 */
export type CancelCommunityEventInput = {
  /** 活动编号 */
  eventId: Scalars['ID']['input'];
  /** 取消原因 */
  reason: Scalars['String']['input'];
};

/** 取消报名 */
export type CancelEventRegistrationInput = {
  /** 取消原因（默认：本人取消） */
  reason?: InputMaybe<Scalars['String']['input']>;
  /** 报名编号 */
  registrationId: Scalars['ID']['input'];
};

/** 取消报名的结果 */
export type CancelEventRegistrationPayload = {
  __typename?: 'CancelEventRegistrationPayload';
  /** 因此递补成功的候补报名（如有） */
  promoted?: Maybe<EventRegistration>;
  /** 已取消的报名 */
  registration: EventRegistration;
};

/** 取消预备党员资格 */
export type CancelPartyProbationInput = {
  /** 党员编号 */
  memberId: Scalars['ID']['input'];
  /** 日期 */
  on: Scalars['Date']['input'];
  /** 理由 */
  reason: Scalars['String']['input'];
};

/** 关爱对象类别 */
export type CareCategory =
  /** 高龄老人（80 周岁及以上，按出生日期自动认定） */
  | 'ADVANCED_AGE'
  /** 残疾人 */
  | 'DISABILITY'
  /** 独居/空巢老人 */
  | 'ELDERLY_LIVING_ALONE'
  /** 特困人员 */
  | 'EXTREME_POVERTY'
  /** 重点人员（敏感） */
  | 'KEY_PERSON'
  /** 留守儿童 */
  | 'LEFT_BEHIND_CHILD'
  /** 外来务工人员子女 */
  | 'MIGRANT_WORKER_CHILD'
  /** 低保（城乡居民最低生活保障） */
  | 'MINIMUM_LIVING_ALLOWANCE'
  /** 离退休干部 */
  | 'RETIRED_CADRE'
  /** 失业人员 */
  | 'UNEMPLOYED'
  /** 退役军人/军属 */
  | 'VETERAN';

/** 关爱对象变更的结果 */
export type CareRecordPayload = {
  __typename?: 'CareRecordPayload';
  /** 关爱记录 */
  careRecord: ResidentCareRecord;
  /** 所属居民 */
  resident: Resident;
};

/** 关爱对象复核结论 */
export type CareReviewOutcome =
  /** 调整（如调整等级或复核周期） */
  | 'ADJUST'
  /** 继续（维持） */
  | 'CONTINUE'
  /** 终止（该终止的终止） */
  | 'TERMINATE';

/** 事项：社情民意或服务事项，从登记到反馈的全过程。救助申请（关爱/救助事项）对无权查看关爱对象的调用方只给出类别、状态、时限等，不给出反映人、事项内容、办理说明、办理记录说明和调解记录：知道某居民申请了救助即知道其困难情况 */
export type Case = {
  __typename?: 'Case';
  /** 响应时限 */
  acknowledgeDueAt: Scalars['DateTime']['output'];
  /** 开始办理时间 */
  acknowledgedAt?: Maybe<Scalars['DateTime']['output']>;
  /** 所属网格（根据反映人住址自动分派） */
  assignedGrid?: Maybe<Grid>;
  /** 承办人（默认为网格员） */
  assignee?: Maybe<Staff>;
  /** 事项类别 */
  category: CaseCategory;
  /** 受理渠道 */
  channel: CaseChannel;
  /** 结案时间 */
  closedAt?: Maybe<Scalars['DateTime']['output']>;
  /** 不予受理、重复或重新办理的理由（救助申请等涉及关爱/救助的事项：无权查看关爱对象的调用方为空，因其会把居民与救助联系起来；可查看者的读取记入审计） */
  closingReason?: Maybe<Scalars['String']['output']>;
  /** 承办部门（由事项类别决定） */
  department: Department;
  /** 事项内容（救助申请等涉及关爱/救助的事项：无权查看关爱对象的调用方为空，因其会把居民与救助联系起来；可查看者的读取记入审计） */
  description?: Maybe<Scalars['String']['output']>;
  /** 与之重复的事项编号 */
  duplicateOfId?: Maybe<Scalars['ID']['output']>;
  /** 上报时间 */
  escalatedAt?: Maybe<Scalars['DateTime']['output']>;
  /** 上级签收时间 */
  escalationAcknowledgedAt?: Maybe<Scalars['DateTime']['output']>;
  /** 上报层级 */
  escalationLevel?: Maybe<CaseEscalationLevel>;
  /** 上报原因（救助申请等涉及关爱/救助的事项：无权查看关爱对象的调用方为空，因其会把居民与救助联系起来；可查看者的读取记入审计） */
  escalationReason?: Maybe<Scalars['String']['output']>;
  /** 居民评议（需 cases:appraisal；无权限时为空） */
  evaluations: Array<CaseEvaluation>;
  /** 反馈时间 */
  feedbackAt?: Maybe<Scalars['DateTime']['output']>;
  /** 反馈方式 */
  feedbackMethod?: Maybe<Scalars['String']['output']>;
  /** 阳光爱心基金救助（救助申请事项；需可查看关爱对象，否则为空） */
  fundDisbursements: Array<CaseFundDisbursement>;
  /** 事项编号 */
  id: Scalars['ID']['output'];
  /** 调解记录（纠纷类事项；救助申请等关爱/救助事项的调解对无权查看关爱对象的调用方不列出：其当事人即与救助相联系的居民） */
  mediations: Array<CaseMediation>;
  /** 受理号，如 SQ-2026-000123 */
  number: Scalars['String']['output'];
  /** 受理时间 */
  openedAt: Scalars['DateTime']['output'];
  /** 是否已超过响应或办结时限 */
  overdue: Scalars['Boolean']['output'];
  /** 优先级 */
  priority: CasePriority;
  /** 反映人（匿名时为空）（救助申请等涉及关爱/救助的事项：无权查看关爱对象的调用方为空，因其会把居民与救助联系起来；可查看者的读取记入审计） */
  reporter?: Maybe<Resident>;
  /** 办结说明（办理结果）（救助申请等涉及关爱/救助的事项：无权查看关爱对象的调用方为空，因其会把居民与救助联系起来；可查看者的读取记入审计） */
  resolutionNote?: Maybe<Scalars['String']['output']>;
  /** 办结时限 */
  resolveDueAt: Scalars['DateTime']['output'];
  /** 办结时间 */
  resolvedAt?: Maybe<Scalars['DateTime']['output']>;
  /** 办理状态 */
  status: CaseStatus;
  /** 办理记录（按时间先后；救助申请等关爱/救助事项的说明对无权查看关爱对象的调用方为空） */
  timeline: Array<CaseTimelineEntry>;
  /** 工作类型：日常工作或临时任务 */
  workType: CaseWorkType;
};

/** 事项办理动作 */
export type CaseAction =
  /** 上级签收 */
  | 'ACKNOWLEDGE_ESCALATION'
  /** 分派 */
  | 'ASSIGN'
  /** 结案 */
  | 'CLOSE'
  /** 上报街道/区 */
  | 'ESCALATE'
  /** 反馈居民 */
  | 'GIVE_FEEDBACK'
  /** 作废不实评议 */
  | 'INVALIDATE_EVALUATION'
  /** 标记重复 */
  | 'MARK_DUPLICATE'
  /** 调解 */
  | 'MEDIATION'
  /** 登记 */
  | 'OPEN'
  /** 超时提醒 */
  | 'OVERDUE'
  /** 不予受理 */
  | 'REJECT'
  /** 重新办理 */
  | 'REOPEN'
  /** 办结 */
  | 'RESOLVE'
  /** 上级退回 */
  | 'RETURN_ESCALATION'
  /** 开始办理 */
  | 'START'
  /** 走访 */
  | 'VISIT';

/** 事项类别 */
export type CaseCategory =
  /** 救助申请 */
  | 'ASSISTANCE_APPLICATION'
  /** 证明开具 */
  | 'CERTIFICATE'
  /** 房屋渗水/维修 */
  | 'HOUSING_REPAIR'
  /** 邻里纠纷 */
  | 'NEIGHBOUR_DISPUTE'
  /** 其他 */
  | 'OTHER'
  /** 组织关系转接 */
  | 'PARTY_MEMBERSHIP_TRANSFER'
  /** 治安 */
  | 'PUBLIC_SECURITY'
  /** 环境卫生 */
  | 'SANITATION'
  /** 意见建议 */
  | 'SUGGESTION';

/** 受理渠道 */
export type CaseChannel =
  /** 区级平台（12345 热线、区社会治理平台经 Open311 接口转来） */
  | 'DISTRICT_PLATFORM'
  /** 网格巡查 */
  | 'GRID_PATROL'
  /** 热线（如 96319319 服务热线） */
  | 'HOTLINE'
  /** 线上（社情民意在线） */
  | 'ONLINE'
  /** 主动发现 */
  | 'PROACTIVE'
  /** 上级转办（街道/区） */
  | 'REFERRED'
  /** 居民恳谈会 */
  | 'RESIDENT_DIALOGUE'
  /** 来访 */
  | 'WALK_IN';

/** 事项列表（Relay 游标分页） */
export type CaseConnection = {
  __typename?: 'CaseConnection';
  /** 本页数据 */
  edges: Array<CaseEdge>;
  /** 分页信息 */
  pageInfo: PageInfo;
  /** 符合条件的总条数 */
  totalCount: Scalars['Int']['output'];
};

/** 事项（分页中的一条） */
export type CaseEdge = {
  __typename?: 'CaseEdge';
  /** 这一条的游标 */
  cursor: Scalars['String']['output'];
  /** 事项 */
  node: Case;
};

/** 上报层级 */
export type CaseEscalationLevel =
  /** 区 */
  | 'DISTRICT'
  /** 街道 */
  | 'STREET';

/** 居民评议（优/良/中/差） */
export type CaseEvaluation = {
  __typename?: 'CaseEvaluation';
  /** 评议时间 */
  evaluatedAt: Scalars['DateTime']['output'];
  /** 评议等级 */
  grade: CaseEvaluationGrade;
  /** 评议编号 */
  id: Scalars['ID']['output'];
  /** 无效原因 */
  invalidReason?: Maybe<Scalars['String']['output']>;
  /** 评议人类型 */
  raterKind: CaseRaterKind;
  /** 评议理由 */
  reason?: Maybe<Scalars['String']['output']>;
  /** 是否有效（优、差未写理由的无效） */
  valid: Scalars['Boolean']['output'];
};

/** 居民评议等级 */
export type CaseEvaluationGrade =
  /** 优 */
  | 'EXCELLENT'
  /** 中 */
  | 'FAIR'
  /** 良 */
  | 'GOOD'
  /** 差 */
  | 'POOR';

/** 事项筛选条件 */
export type CaseFilter = {
  /** 事项类别 */
  category?: InputMaybe<CaseCategory>;
  /** 网格编号 */
  gridId?: InputMaybe<Scalars['ID']['input']>;
  /** 只看超时事项 */
  overdue?: InputMaybe<Scalars['Boolean']['input']>;
  /** 办理状态 */
  status?: InputMaybe<CaseStatus>;
};

/** 事项对应的阳光爱心基金救助（来自居民服务的事件） */
export type CaseFundDisbursement = {
  __typename?: 'CaseFundDisbursement';
  /** 金额（分） */
  amountFen: Scalars['Int']['output'];
  /** 救助编号（居民服务） */
  disbursementId: Scalars['ID']['output'];
  /** 发放日期 */
  paidOn?: Maybe<Scalars['Date']['output']>;
  /** 提议日期 */
  proposedOn: Scalars['Date']['output'];
  /** 状态 */
  status: CaseFundDisbursementStatus;
  /** 撤回日期 */
  withdrawnOn?: Maybe<Scalars['Date']['output']>;
};

/** 阳光爱心基金救助状态（来自居民服务） */
export type CaseFundDisbursementStatus =
  /** 两委已审批 */
  | 'APPROVED'
  /** 公示有异议（待两委处理） */
  | 'CHALLENGED'
  /** 已发放 */
  | 'PAID'
  /** 已提议（保障站） */
  | 'PROPOSED'
  /** 公示中 */
  | 'PUBLISHED'
  /** 已撤回 */
  | 'WITHDRAWN';

/** 调解（纠纷类事项） */
export type CaseMediation = {
  __typename?: 'CaseMediation';
  /** 调解协议内容 */
  agreement?: Maybe<Scalars['String']['output']>;
  /** 结束时间 */
  concludedAt?: Maybe<Scalars['DateTime']['output']>;
  /** 调解编号 */
  id: Scalars['ID']['output'];
  /** 调解员（社区工作者编号） */
  mediatorStaffId: Scalars['ID']['output'];
  /** 调解结果 */
  outcome: MediationOutcome;
  /** 当事人 */
  parties: Array<CaseMediationParty>;
  /** 调解会记录 */
  sessions: Array<CaseMediationSession>;
  /** 开始时间 */
  startedAt: Scalars['DateTime']['output'];
};

/** 调解当事人 */
export type CaseMediationParty = {
  __typename?: 'CaseMediationParty';
  /** 当事方说明（非本社区居民或单位） */
  description?: Maybe<Scalars['String']['output']>;
  /** 当事居民（社区居民时） */
  resident?: Maybe<Resident>;
};

/** 调解会 */
export type CaseMediationSession = {
  __typename?: 'CaseMediationSession';
  /** 召开时间 */
  heldAt: Scalars['DateTime']['output'];
  /** 调解情况 */
  notes: Scalars['String']['output'];
};

/** 办理一步（开始办理、结案、上级签收） */
export type CaseNoteInput = {
  /** 事项编号 */
  caseId: Scalars['ID']['input'];
  /** 说明 */
  note?: InputMaybe<Scalars['String']['input']>;
};

/** 优先级 */
export type CasePriority =
  /** 高 */
  | 'HIGH'
  /** 低 */
  | 'LOW'
  /** 一般 */
  | 'NORMAL'
  /** 紧急 */
  | 'URGENT';

/** 评议人类型 */
export type CaseRaterKind =
  /** 反映人本人 */
  | 'REPORTER'
  /** 随机抽取的服务对象 */
  | 'SAMPLED';

/** 需说明理由的一步（不予受理、重新办理、上级退回） */
export type CaseReasonInput = {
  /** 事项编号 */
  caseId: Scalars['ID']['input'];
  /** 理由 */
  reason: Scalars['String']['input'];
};

/** 事项统计分组维度 */
export type CaseStatisticsDimension =
  /** 事项类别 */
  | 'CATEGORY'
  /** 受理渠道 */
  | 'CHANNEL'
  /** 承办部门 */
  | 'DEPARTMENT'
  /** 网格 */
  | 'GRID'
  /** 受理月份 */
  | 'MONTH'
  /** 办理状态 */
  | 'STATUS';

/** 事项统计筛选条件 */
export type CaseStatisticsFilter = {
  /** 事项类别 */
  category?: InputMaybe<CaseCategory>;
  /** 受理渠道 */
  channel?: InputMaybe<CaseChannel>;
  /** 承办部门 */
  department?: InputMaybe<Department>;
  /** 网格编号 */
  gridId?: InputMaybe<Scalars['ID']['input']>;
  /** 受理时间起（含） */
  openedFrom?: InputMaybe<Scalars['DateTime']['input']>;
  /** 受理时间止（不含） */
  openedTo?: InputMaybe<Scalars['DateTime']['input']>;
};

/** 事项统计的一组（不含个人信息） */
export type CaseStatisticsGroup = {
  __typename?: 'CaseStatisticsGroup';
  /** 平均办结时长（小时）；已办结数少于披露阈值或已抑制时为空 */
  averageResolutionHours?: Maybe<Scalars['Float']['output']>;
  /**
   * 事项类别（按类别分组时）
   * @deprecated 请改用 keys：各维度的取值（代码或编号）与中文名称，顺序同 groupBy
   */
  category?: Maybe<CaseCategory>;
  /**
   * 受理渠道（按渠道分组时）
   * @deprecated 请改用 keys：各维度的取值（代码或编号）与中文名称，顺序同 groupBy
   */
  channel?: Maybe<CaseChannel>;
  /** 事项数；为空表示已按统计披露控制抑制（见 suppressed） */
  count?: Maybe<Scalars['Int']['output']>;
  /**
   * 承办部门（按部门分组时）
   * @deprecated 请改用 keys：各维度的取值（代码或编号）与中文名称，顺序同 groupBy
   */
  department?: Maybe<Department>;
  /**
   * 网格编号（按网格分组时）
   * @deprecated 请改用 keys：各维度的取值（代码或编号）与中文名称，顺序同 groupBy
   */
  gridId?: Maybe<Scalars['String']['output']>;
  /** 各维度的取值与中文名称（顺序同 groupBy；网格为编号与名称，月份如 2026-03 与 2026年3月） */
  keys: Array<CaseStatisticsKey>;
  /**
   * 受理月份 YYYY-MM（按月份分组时）
   * @deprecated 请改用 keys：各维度的取值（代码或编号）与中文名称，顺序同 groupBy
   */
  month?: Maybe<Scalars['String']['output']>;
  /** 按时办结率（0-1）；已办结数少于披露阈值或已抑制时为空 */
  onTimeRate?: Maybe<Scalars['Float']['output']>;
  /** 有效评议按等级计数 */
  ratings: CaseStatisticsRatings;
  /** 已办结数；为空表示已按统计披露控制抑制（见 suppressed） */
  resolved?: Maybe<Scalars['Int']['output']>;
  /**
   * 办理状态（按状态分组时）
   * @deprecated 请改用 keys：各维度的取值（代码或编号）与中文名称，顺序同 groupBy
   */
  status?: Maybe<CaseStatus>;
  /** 为何有数值为空（统计披露控制：逐项说明抑制原因）；全部显示时为空 */
  suppressed?: Maybe<Scalars['String']['output']>;
};

/** 分组的一个维度取值 */
export type CaseStatisticsKey = {
  __typename?: 'CaseStatisticsKey';
  /** 维度 */
  dimension: CaseStatisticsDimension;
  /** 中文名称 */
  label: Scalars['String']['output'];
  /** 取值（网格为编号，月份为 YYYY-MM，其余为枚举代码；未知为 UNKNOWN） */
  value: Scalars['String']['output'];
};

/** 事项统计的有效评议按等级计数；为空表示已按统计披露控制抑制（见所在组的 suppressed） */
export type CaseStatisticsRatings = {
  __typename?: 'CaseStatisticsRatings';
  /** 优 */
  excellent?: Maybe<Scalars['Int']['output']>;
  /** 中 */
  fair?: Maybe<Scalars['Int']['output']>;
  /** 良 */
  good?: Maybe<Scalars['Int']['output']>;
  /** 差 */
  poor?: Maybe<Scalars['Int']['output']>;
};

/** 事项办理状态 */
export type CaseStatus =
  /** 分派 */
  | 'ASSIGNED'
  /** 结案 */
  | 'CLOSED'
  /** 重复事项 */
  | 'DUPLICATE'
  /** 已上报（街道/区） */
  | 'ESCALATED'
  /** 已反馈 */
  | 'FEEDBACK_GIVEN'
  /** 办理中 */
  | 'IN_PROGRESS'
  /** 登记（已受理） */
  | 'RECEIVED'
  /** 不予受理 */
  | 'REJECTED'
  /** 重新办理 */
  | 'REOPENED'
  /** 办结 */
  | 'RESOLVED';

/** 事项办理一步的结果 */
export type CaseStepPayload = {
  __typename?: 'CaseStepPayload';
  /** 办理后的事项 */
  case: Case;
};

/** 事项办理记录（每一步：谁、何时、状态变化、说明） */
export type CaseTimelineEntry = {
  __typename?: 'CaseTimelineEntry';
  /** 办理动作 */
  action: CaseAction;
  /** 操作者编号 */
  actorId: Scalars['String']['output'];
  /** 操作者类型：user 工作人员，machine 区级平台，system 系统 */
  actorKind: Scalars['String']['output'];
  /** 时间 */
  at: Scalars['DateTime']['output'];
  /** 原状态（登记时为空） */
  fromStatus?: Maybe<CaseStatus>;
  /** 说明 */
  note?: Maybe<Scalars['String']['output']>;
  /** 新状态 */
  toStatus: CaseStatus;
};

/** 工作类型（日常工作/临时任务） */
export type CaseWorkType =
  /** 临时任务（上级交办等） */
  | 'AD_HOC'
  /** 日常工作 */
  | 'DAILY';

/** 登记公示期内的异议 */
export type ChallengeFundDisbursementInput = {
  /** 救助编号 */
  disbursementId: Scalars['ID']['input'];
  /** 异议内容 */
  note: Scalars['String']['input'];
};

/** 变更楼栋名称或标准地址 */
export type ChangeBuildingInput = {
  /** 新标准地址 */
  address?: InputMaybe<Scalars['String']['input']>;
  /** 楼栋编号 */
  buildingId: Scalars['ID']['input'];
  /** 新名称 */
  name?: InputMaybe<Scalars['String']['input']>;
};

/** 党组织调整（升格/降格、更名、书记变更），记入变更历史 */
export type ChangePartyOrganizationInput = {
  /** 变更日期 */
  changedOn: Scalars['Date']['input'];
  /** 新层级（如 党总支升格为党委） */
  level?: InputMaybe<PartyOrganizationLevel>;
  /** 新名称 */
  name?: InputMaybe<Scalars['String']['input']>;
  /** 依据，如 批复文号 */
  note?: InputMaybe<Scalars['String']['input']>;
  /** 党组织编号 */
  organizationId: Scalars['ID']['input'];
  /** 新书记（居民编号） */
  secretaryResidentId?: InputMaybe<Scalars['ID']['input']>;
};

/** 变更团队登记或监管状态 */
export type ChangeTeamStatusInput = {
  /** 新的登记状态 */
  registrationStatus?: InputMaybe<TeamRegistrationStatus>;
  /** 新的监管状态 */
  supervisionStatus?: InputMaybe<TeamSupervisionStatus>;
  /** 团队编号 */
  teamId: Scalars['ID']['input'];
};

/** 活动签到 */
export type CheckInEventRegistrationInput = {
  /** 报名编号 */
  registrationId: Scalars['ID']['input'];
};

/** 签到结果 */
export type CheckInEventRegistrationPayload = {
  __typename?: 'CheckInEventRegistrationPayload';
  /** 已签到的报名 */
  registration: EventRegistration;
};

/** 社区活动：晚会、讲座、老少学堂、夏令营、志愿服务等 */
export type CommunityEvent = {
  __typename?: 'CommunityEvent';
  /** 签到人数 */
  attended: Scalars['Int']['output'];
  /** 面向人群（报名时按居民年龄核对） */
  audience: EventAudience;
  /** 取消原因 */
  cancelReason?: Maybe<Scalars['String']['output']>;
  /** 名额（为空表示不限） */
  capacity?: Maybe<Scalars['Int']['output']>;
  /** 活动简介 */
  description?: Maybe<Scalars['String']['output']>;
  /** 结束时间 */
  endsAt: Scalars['DateTime']['output'];
  /** 活动编号 */
  id: Scalars['ID']['output'];
  /** 主办部门（部门主办时） */
  organiserDepartment?: Maybe<EventOrganiserDepartment>;
  /** 主办方类别 */
  organiserKind: EventOrganiserKind;
  /** 主办单位（共建单位主办时） */
  organiserOrganization?: Maybe<Organization>;
  /** 主办团队（团队主办时） */
  organiserTeam?: Maybe<Team>;
  /** 节目单（按顺序） */
  programme: Array<GalaProgrammeItem>;
  /** 报名名单（按报名时间，即候补顺序；网格员只见本人网格居民的报名） */
  registrations: EventRegistrationConnection;
  /** 排练所属的晚会 */
  rehearsalFor?: Maybe<CommunityEvent>;
  /** 晚会的排练（按时间） */
  rehearsals: Array<CommunityEvent>;
  /** 已占名额（已报名、已签到、未到场） */
  seatsTaken: Scalars['Int']['output'];
  /** 赞助 */
  sponsors: Array<EventSponsorship>;
  /** 开始时间 */
  startsAt: Scalars['DateTime']['output'];
  /** 状态 */
  status: CommunityEventStatus;
  /** 活动名称 */
  title: Scalars['String']['output'];
  /** 活动类型 */
  type: CommunityEventType;
  /** 场地 */
  venue?: Maybe<Venue>;
  /** 志愿服务班次 */
  volunteerShifts: Array<VolunteerShift>;
  /** 候补人数 */
  waitlisted: Scalars['Int']['output'];
};

/** 社区活动：晚会、讲座、老少学堂、夏令营、志愿服务等 */
export type CommunityEventRegistrationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** 对活动执行一个状态操作 */
export type CommunityEventActionInput = {
  /** 活动编号 */
  eventId: Scalars['ID']['input'];
};

/** 社区活动列表（Relay 游标分页） */
export type CommunityEventConnection = {
  __typename?: 'CommunityEventConnection';
  /** 本页数据 */
  edges: Array<CommunityEventEdge>;
  /** 分页信息 */
  pageInfo: PageInfo;
  /** 符合条件的总条数 */
  totalCount: Scalars['Int']['output'];
};

/** 社区活动（分页中的一条） */
export type CommunityEventEdge = {
  __typename?: 'CommunityEventEdge';
  /** 这一条的游标 */
  cursor: Scalars['String']['output'];
  /** 社区活动 */
  node: CommunityEvent;
};

/** 活动列表筛选 */
export type CommunityEventFilter = {
  /** 开始时间不早于 */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** 活动状态 */
  statuses?: InputMaybe<Array<CommunityEventStatus>>;
  /** 开始时间早于 */
  to?: InputMaybe<Scalars['DateTime']['input']>;
  /** 活动类型 */
  types?: InputMaybe<Array<CommunityEventType>>;
};

/** 活动操作结果 */
export type CommunityEventPayload = {
  __typename?: 'CommunityEventPayload';
  /** 活动 */
  event: CommunityEvent;
};

/** 活动状态 */
export type CommunityEventStatus =
  /** 已取消 */
  | 'CANCELLED'
  /** 已结束 */
  | 'COMPLETED'
  /** 名额已满 */
  | 'FULL'
  /** 进行中 */
  | 'ONGOING'
  /** 报名中 */
  | 'OPEN'
  /** 筹备中 */
  | 'PLANNED';

/** 活动类型 */
export type CommunityEventType =
  /** 老少学堂 */
  | 'ELDER_YOUTH_CLASS'
  /** 晚会（每月一台晚会） */
  | 'GALA'
  /** 讲座 */
  | 'LECTURE'
  /** 党日活动 */
  | 'PARTY_DAY'
  /** 排练 */
  | 'REHEARSAL'
  /** 体育活动 */
  | 'SPORTS'
  /** 夏令营 */
  | 'SUMMER_CAMP'
  /** 培训 */
  | 'TRAINING'
  /** 志愿服务 */
  | 'VOLUNTEER_SERVICE';

/** 社区登记（入驻）或变更的结果 */
export type CommunityPayload = {
  __typename?: 'CommunityPayload';
  /** 社区 */
  community: ResidentsCommunity;
};

/** 结束调解 */
export type ConcludeMediationInput = {
  /** 协议内容（达成协议时必填） */
  agreement?: InputMaybe<Scalars['String']['input']>;
  /** 是否达成协议 */
  agreementReached: Scalars['Boolean']['input'];
  /** 调解编号 */
  mediationId: Scalars['ID']['input'];
};

/** 身份证号更正（户籍信息更正）：性别和出生日期随更正后的身份证号重新推出 */
export type CorrectResidentIdNumberInput = {
  /** 更正后的 18 位居民身份证号（校验码、出生日期、地区码按登记规则校验） */
  idNumber: Scalars['String']['input'];
  /** 更正原因（必填，2–200 字，如 登记时录入错误，以户籍证明为准） */
  reason: Scalars['String']['input'];
  /** 居民编号 */
  residentId: Scalars['ID']['input'];
};

/** 设立资助项目 */
export type CreateFundProgrammeInput = {
  /** 资助条件 */
  eligibility?: InputMaybe<Scalars['String']['input']>;
  /** 类别 */
  kind: FundProgrammeKind;
  /** 名称 */
  name: Scalars['String']['input'];
  /** 资助方或受理机构名称 */
  sponsorName?: InputMaybe<Scalars['String']['input']>;
  /** 资助单位（组织编号） */
  sponsorOrganizationId?: InputMaybe<Scalars['ID']['input']>;
};

/** 成立党组织 */
export type CreatePartyOrganizationInput = {
  /** 成立日期 */
  establishedOn: Scalars['Date']['input'];
  /** 层级 */
  level: PartyOrganizationLevel;
  /** 名称 */
  name: Scalars['String']['input'];
  /** 上级党组织编号（社区党委可空） */
  parentId?: InputMaybe<Scalars['ID']['input']>;
  /** 书记（居民编号） */
  secretaryResidentId?: InputMaybe<Scalars['ID']['input']>;
};

/** 登记文艺团队 */
export type CreateTeamInput = {
  /** 成立日期 */
  foundedOn?: InputMaybe<Scalars['Date']['input']>;
  /** 团队类型 */
  kind: TeamKind;
  /** 团队名称 */
  name: Scalars['String']['input'];
  /** 所属艺术团编号 */
  parentTeamId?: InputMaybe<Scalars['ID']['input']>;
  /** 登记状态（默认未登记） */
  registrationStatus?: InputMaybe<TeamRegistrationStatus>;
};

/** 安排志愿服务班次 */
export type CreateVolunteerShiftInput = {
  /** 结束时间 */
  endsAt: Scalars['DateTime']['input'];
  /** 所属活动编号 */
  eventId?: InputMaybe<Scalars['ID']['input']>;
  /** 岗位 */
  role: Scalars['String']['input'];
  /** 开始时间 */
  startsAt: Scalars['DateTime']['input'];
};

/** 登记申请结果 */
export type DecideFundApplicationInput = {
  /** 申请编号 */
  applicationId: Scalars['ID']['input'];
  /** 是否获批 */
  awarded: Scalars['Boolean']['input'];
  /** 资助/救助金额（分，获批时必填） */
  awardedFen?: InputMaybe<Scalars['Int']['input']>;
  /** 结果日期 */
  decidedOn: Scalars['Date']['input'];
  /** 结果说明（未获批时必填） */
  note?: InputMaybe<Scalars['String']['input']>;
};

/** 评议小组评定本期流动红旗岗 */
export type DecideRedFlagInput = {
  /** 评选日期 */
  decidedOn: Scalars['Date']['input'];
  /** 评议小组 */
  panel?: InputMaybe<Scalars['String']['input']>;
  /** 评选期 YYYY-MM */
  period: Scalars['String']['input'];
  /** 获评社区工作者编号（须为本期提名人） */
  winnerStaffId: Scalars['ID']['input'];
};

/** 社区工作部门 */
export type Department =
  /** 综治城管（综合治理与城市管理） */
  | 'COMPREHENSIVE_GOVERNANCE'
  /** 文化 */
  | 'CULTURE'
  /** 计生（计划生育） */
  | 'FAMILY_PLANNING'
  /** 网格（网格员） */
  | 'GRID'
  /** 社区办公室（综合） */
  | 'OFFICE'
  /** 党建 */
  | 'PARTY_AFFAIRS'
  /** 保障站（社会保障与民政） */
  | 'SOCIAL_SECURITY';

/** 终止关爱对象 */
export type EndCareCategoryInput = {
  /** 关爱记录编号 */
  careRecordId: Scalars['ID']['input'];
  /** 终止日期 */
  endedOn: Scalars['Date']['input'];
  /** 终止原因 */
  reason: Scalars['String']['input'];
};

/** 党员建档：新的入党申请人，或连同以往各阶段日期登记的党员 */
export type EnrolPartyMemberInput = {
  /** 确定为入党积极分子日期 */
  activistOn?: InputMaybe<Scalars['Date']['input']>;
  /** 递交入党申请日期 */
  appliedOn?: InputMaybe<Scalars['Date']['input']>;
  /**
   * 不再使用：出生日期取自居民档案（居民服务的登记信息）；填写的值须与居民档案一致，否则拒绝
   * @deprecated 出生日期取自居民档案（居民服务的登记信息），无需填写；与档案不一致的值被拒绝；不能查看出生日期原值的调用方（如党建）填写即被拒绝
   */
  birthDate?: InputMaybe<Scalars['Date']['input']>;
  /** 所在党支部编号 */
  branchId: Scalars['ID']['input'];
  /** 列为发展对象日期 */
  developmentTargetOn?: InputMaybe<Scalars['Date']['input']>;
  /** 转为正式党员日期 */
  fullMemberOn?: InputMaybe<Scalars['Date']['input']>;
  /**
   * 不再使用：性别取自居民档案（居民服务的登记信息）；填写的值须与居民档案一致，否则拒绝
   * @deprecated 性别取自居民档案（居民服务的登记信息），无需填写；与档案不一致的值被拒绝
   */
  gender?: InputMaybe<Gender>;
  /** 所在党小组编号 */
  groupId?: InputMaybe<Scalars['ID']['input']>;
  /** 党员类型（默认社区党员） */
  memberType?: InputMaybe<PartyMemberType>;
  /** 接收为预备党员日期 */
  probationaryOn?: InputMaybe<Scalars['Date']['input']>;
  /** 居民编号 */
  residentId: Scalars['ID']['input'];
  /** 当前阶段（默认入党申请人） */
  stage?: InputMaybe<PartyMemberStage>;
};

/** 上报街道或区 */
export type EscalateCaseInput = {
  /** 事项编号 */
  caseId: Scalars['ID']['input'];
  /** 上报层级 */
  level: CaseEscalationLevel;
  /** 上报原因 */
  reason: Scalars['String']['input'];
};

/** 居民评议 */
export type EvaluateCaseInput = {
  /** 事项编号 */
  caseId: Scalars['ID']['input'];
  /** 评议等级（优、差须写明理由，否则无效） */
  grade: CaseEvaluationGrade;
  /** 评议人类型 */
  raterKind: CaseRaterKind;
  /** 评议居民编号（反映人本人或抽取的评议人） */
  raterResidentId?: InputMaybe<Scalars['ID']['input']>;
  /** 理由 */
  reason?: InputMaybe<Scalars['String']['input']>;
};

/** 居民评议的结果 */
export type EvaluateCasePayload = {
  __typename?: 'EvaluateCasePayload';
  /** 评议（含是否有效及原因） */
  evaluation: CaseEvaluation;
};

/** 活动面向人群（报名时按年龄核对） */
export type EventAudience =
  /** 成年人（18 周岁以上） */
  | 'ADULTS'
  /** 全体居民 */
  | 'ALL'
  /** 少年儿童（6–14 周岁） */
  | 'CHILDREN'
  /** 老年人（60 周岁以上） */
  | 'ELDERLY'
  /** 老少（60 周岁以上老人与 6–14 周岁儿童，如老少学堂） */
  | 'ELDERS_AND_CHILDREN';

/** 主办活动的社区部门 */
export type EventOrganiserDepartment =
  /** 综治城管（综合治理与城市管理） */
  | 'COMPREHENSIVE_GOVERNANCE'
  /** 文化 */
  | 'CULTURE'
  /** 计生（计划生育） */
  | 'FAMILY_PLANNING'
  /** 网格（网格员） */
  | 'GRID'
  /** 社区办公室（综合） */
  | 'OFFICE'
  /** 党建 */
  | 'PARTY_AFFAIRS'
  /** 保障站（社会保障与民政） */
  | 'SOCIAL_SECURITY';

/** 活动主办方类别 */
export type EventOrganiserKind =
  /** 社区部门 */
  | 'DEPARTMENT'
  /** 共建单位 / 社会组织 */
  | 'ORGANIZATION'
  /** 文艺团队 */
  | 'TEAM';

/** 活动报名 */
export type EventRegistration = {
  __typename?: 'EventRegistration';
  /** 签到时间 */
  attendedAt?: Maybe<Scalars['DateTime']['output']>;
  /** 取消原因 */
  cancelReason?: Maybe<Scalars['String']['output']>;
  /** 取消时间 */
  cancelledAt?: Maybe<Scalars['DateTime']['output']>;
  /** 活动 */
  event: CommunityEvent;
  /** 报名编号 */
  id: Scalars['ID']['output'];
  /** 报名时间（也是候补顺序） */
  registeredAt: Scalars['DateTime']['output'];
  /** 报名居民（无法解析时为空，并在 errors 中说明） */
  resident?: Maybe<Resident>;
  /** 报名状态 */
  status: RegistrationStatus;
};

/** 活动报名列表（Relay 游标分页） */
export type EventRegistrationConnection = {
  __typename?: 'EventRegistrationConnection';
  /** 本页数据 */
  edges: Array<EventRegistrationEdge>;
  /** 分页信息 */
  pageInfo: PageInfo;
  /** 符合条件的总条数 */
  totalCount: Scalars['Int']['output'];
};

/** 活动报名（分页中的一条） */
export type EventRegistrationEdge = {
  __typename?: 'EventRegistrationEdge';
  /** 这一条的游标 */
  cursor: Scalars['String']['output'];
  /** 活动报名 */
  node: EventRegistration;
};

/** 活动赞助 */
export type EventSponsorship = {
  __typename?: 'EventSponsorship';
  /** 赞助金额（分） */
  amountFen?: Maybe<Scalars['Int']['output']>;
  /** 赞助内容，如 奖品、资金、场地 */
  contribution: Scalars['String']['output'];
  /** 赞助记录编号 */
  id: Scalars['ID']['output'];
  /** 赞助单位（无法解析时为空，并在 errors 中说明） */
  organization?: Maybe<Organization>;
};

/** 登记赞助的结果 */
export type EventSponsorshipPayload = {
  __typename?: 'EventSponsorshipPayload';
  /** 赞助记录 */
  sponsorship: EventSponsorship;
};

/** 活动统计的分组维度 */
export type EventStatisticsDimension =
  /** 面向人群 */
  | 'AUDIENCE'
  /** 月份 */
  | 'MONTH'
  /** 主办方 */
  | 'ORGANISER'
  /** 活动类型 */
  | 'TYPE'
  /** 场地 */
  | 'VENUE';

/** 活动统计的筛选条件 */
export type EventStatisticsFilter = {
  /** 活动开始时间不早于 */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** 活动开始时间早于 */
  to?: InputMaybe<Scalars['DateTime']['input']>;
  /** 只统计这些活动类型 */
  types?: InputMaybe<Array<CommunityEventType>>;
};

/** 活动统计的一组（只含计数，不含个人信息；无权查看报名名单的角色按统计披露控制抑制小格） */
export type EventStatisticsGroup = {
  __typename?: 'EventStatisticsGroup';
  /** 到场率 = 签到 /（签到 + 未到场）；尚无结束的活动时为空，所据人数少于披露阈值或已抑制时也为空 */
  attendanceRate?: Maybe<Scalars['Float']['output']>;
  /** 签到人次；为空表示已按统计披露控制抑制（见 suppressed） */
  attended?: Maybe<Scalars['Int']['output']>;
  /**
   * 面向人群（按 AUDIENCE 分组时）
   * @deprecated 请改用 keys：各维度的取值（代码或编号）与中文名称，顺序同 groupBy
   */
  audience?: Maybe<Scalars['String']['output']>;
  /** 参加者中 60 周岁以上老人的比例（年龄已知者中）；无权查看出生日期原值的调用方在年龄已知者少于披露阈值或参加人数已抑制时为空 */
  elderlyShare?: Maybe<Scalars['Float']['output']>;
  /** 活动场次（不含已取消） */
  events: Scalars['Int']['output'];
  /** 各维度的取值与中文名称（顺序同 groupBy；场地为编号与名称，主办方为 DEPARTMENT:部门代码、TEAM:团队编号或 ORGANIZATION:单位编号与名称，月份如 2026-03 与 2026年3月） */
  keys: Array<EventStatisticsKey>;
  /**
   * 月份 YYYY-MM（按 MONTH 分组时，北京时间）
   * @deprecated 请改用 keys：各维度的取值（代码或编号）与中文名称，顺序同 groupBy
   */
  month?: Maybe<Scalars['String']['output']>;
  /** 未到场人次；为空表示已按统计披露控制抑制（见 suppressed） */
  noShows?: Maybe<Scalars['Int']['output']>;
  /**
   * 主办方（按 ORGANISER 分组时）
   * @deprecated 请改用 keys：各维度的取值（代码或编号）与中文名称，顺序同 groupBy
   */
  organiser?: Maybe<Scalars['String']['output']>;
  /** 报名占用名额（已报名、已签到、未到场）；为空表示已按统计披露控制抑制（见 suppressed） */
  registrations?: Maybe<Scalars['Int']['output']>;
  /** 为何有数值为空（统计披露控制：逐项说明抑制原因）；全部显示时为空 */
  suppressed?: Maybe<Scalars['String']['output']>;
  /**
   * 活动类型（按 TYPE 分组时）
   * @deprecated 请改用 keys：各维度的取值（代码或编号）与中文名称，顺序同 groupBy
   */
  type?: Maybe<CommunityEventType>;
  /** 参加人数（去重）；为空表示已按统计披露控制抑制（见 suppressed） */
  uniqueParticipants?: Maybe<Scalars['Int']['output']>;
  /**
   * 场地名称（按 VENUE 分组时；为空表示无固定场地）
   * @deprecated 请改用 keys：各维度的取值（代码或编号）与中文名称，顺序同 groupBy
   */
  venue?: Maybe<Scalars['String']['output']>;
};

/** 分组的一个维度取值 */
export type EventStatisticsKey = {
  __typename?: 'EventStatisticsKey';
  /** 维度 */
  dimension: EventStatisticsDimension;
  /** 中文名称 */
  label: Scalars['String']['output'];
  /** 主办单位（主办方维度且主办方为单位时；单位名称等由居民服务提供，无权查看组织时为空） */
  organization?: Maybe<Organization>;
  /** 取值（场地为编号，主办方为 DEPARTMENT:部门代码、TEAM:团队编号或 ORGANIZATION:单位编号，月份为 YYYY-MM，其余为枚举代码；未知为 UNKNOWN） */
  value: Scalars['String']['output'];
};

/** 居民的志愿服务时长汇总 */
export type EventVolunteerHoursSummary = {
  __typename?: 'EventVolunteerHoursSummary';
  /** 最近的服务记录（最多 20 条） */
  recent: Array<VolunteerServiceRecord>;
  /** 服务次数 */
  services: Scalars['Int']['output'];
  /** 累计服务时长（小时，保留一位小数） */
  totalHours: Scalars['Float']['output'];
  /** 累计服务时长（分钟） */
  totalMinutes: Scalars['Int']['output'];
};

/** 延长预备期（只能一次，最长一年） */
export type ExtendPartyProbationInput = {
  /** 党员编号 */
  memberId: Scalars['ID']['input'];
  /** 理由 */
  reason: Scalars['String']['input'];
  /** 延长后的预备期满日 */
  until: Scalars['Date']['input'];
};

/** 阳光爱心基金：余额与台账条数（台账为准） */
export type Fund = {
  __typename?: 'Fund';
  /** 当前余额（元，格式化显示） */
  balance: Scalars['String']['output'];
  /** 当前余额（分，现金，不含物资估值） */
  balanceFen: Scalars['Int']['output'];
  /** 台账记录条数 */
  entryCount: Scalars['Int']['output'];
  /** 基金编号 */
  id: Scalars['ID']['output'];
  /** 名称 */
  name: Scalars['String']['output'];
};

/** 阳光爱心基金年度报告（向居民公开）：捐赠人仅在同意时具名，受助人从不具名 */
export type FundAnnualReport = {
  __typename?: 'FundAnnualReport';
  /** 捐赠笔数 */
  donations: Scalars['Int']['output'];
  /** 按捐赠人类别的合计（无权查看捐赠人的调用方：全部类别，按统计披露控制显示） */
  donorKinds: Array<FundDonorKindTotal>;
  /** 物资捐赠估值合计（分，不计入余额）；捐物人数少于阈值时为空（见 suppressed） */
  inKindValueFen?: Maybe<Scalars['Int']['output']>;
  /** 公开鸣谢的捐赠人（仅限同意具名者；分析人员只看合计，此处为空） */
  namedDonors: Array<FundNamedDonor>;
  /** 代为向外部机构申请的救助件数；为空表示已按统计披露控制抑制（见 suppressed；无权查看救助的调用方，如分析人员） */
  outsideApplications?: Maybe<Scalars['Int']['output']>;
  /** 其中获批件数；为空表示已按统计披露控制抑制（见 suppressed；无权查看救助的调用方，如分析人员） */
  outsideAwarded?: Maybe<Scalars['Int']['output']>;
  /** 外部机构救助金额（分，由该机构发放）；获批件数已抑制时为空 */
  outsideAwardedFen?: Maybe<Scalars['Int']['output']>;
  /** 定向资助项目资助金额（分）；人数已抑制时为空 */
  programmeAwardedFen?: Maybe<Scalars['Int']['output']>;
  /** 定向资助项目（助学金）资助人数；为空表示已按统计披露控制抑制（见 suppressed；无权查看救助的调用方，如分析人员） */
  programmeAwards?: Maybe<Scalars['Int']['output']>;
  /** 收支汇总 */
  summary: FundLedgerSummary;
  /** 为何有数值为空（统计披露控制：逐项说明抑制原因）；全部显示时为空 */
  suppressed?: Maybe<Scalars['String']['output']>;
  /** 未具名的爱心人士人数；为空表示已按统计披露控制抑制（见 suppressed；无权查看捐赠人的调用方，如分析人员） */
  unnamedDonors?: Maybe<Scalars['Int']['output']>;
  /** 未具名爱心人士捐款（分）；已抑制时为空（见 suppressed） */
  unnamedMoneyFen?: Maybe<Scalars['Int']['output']>;
};

/** 为居民提出的资助或救助申请及其结果；申请人与情况按关爱对象规则显示 */
export type FundApplication = {
  __typename?: 'FundApplication';
  /** 申请人（仅可查看关爱对象的角色可见，查看留痕） */
  applicant?: Maybe<Resident>;
  /** 申请日期 */
  appliedOn: Scalars['Date']['output'];
  /** 资助/救助金额（分） */
  awardedFen?: Maybe<Scalars['Int']['output']>;
  /** 结果日期 */
  decidedOn?: Maybe<Scalars['Date']['output']>;
  /** 资助发放对应的救助编号（定向资助项目） */
  disbursementId?: Maybe<Scalars['ID']['output']>;
  /** 外部机构受理编号 */
  externalReference?: Maybe<Scalars['String']['output']>;
  /** 申请编号 */
  id: Scalars['ID']['output'];
  /** 结果说明（按关爱对象规则显示） */
  outcomeNote?: Maybe<Scalars['String']['output']>;
  /** 项目 */
  programme: FundProgramme;
  /** 申请情况说明（按关爱对象规则显示） */
  statement?: Maybe<Scalars['String']['output']>;
  /** 状态 */
  status: FundApplicationStatus;
  /** 年度（定向资助项目） */
  year?: Maybe<Scalars['Int']['output']>;
};

/** 资助/救助申请列表（Relay 游标分页） */
export type FundApplicationConnection = {
  __typename?: 'FundApplicationConnection';
  /** 本页数据 */
  edges: Array<FundApplicationEdge>;
  /** 分页信息 */
  pageInfo: PageInfo;
  /** 符合条件的总条数 */
  totalCount: Scalars['Int']['output'];
};

/** 资助/救助申请（分页中的一条） */
export type FundApplicationEdge = {
  __typename?: 'FundApplicationEdge';
  /** 这一条的游标 */
  cursor: Scalars['String']['output'];
  /** 资助/救助申请 */
  node: FundApplication;
};

/** 申请筛选条件 */
export type FundApplicationFilter = {
  /** 项目编号 */
  programmeId?: InputMaybe<Scalars['ID']['input']>;
  /** 状态 */
  status?: InputMaybe<FundApplicationStatus>;
};

/** 申请变更的结果 */
export type FundApplicationPayload = {
  __typename?: 'FundApplicationPayload';
  /** 申请 */
  application: FundApplication;
};

/** 资助/救助申请状态 */
export type FundApplicationStatus =
  /** 已获资助/救助 */
  | 'AWARDED'
  /** 未获批准 */
  | 'DECLINED'
  /** 已申请（待结果） */
  | 'SUBMITTED'
  /** 已撤回 */
  | 'WITHDRAWN';

/** 救助：保障站提议，两委审批，公示期满后发放；受助人与事由按关爱对象的个人信息规则显示 */
export type FundDisbursement = {
  __typename?: 'FundDisbursement';
  /** 金额（元，格式化显示） */
  amount: Scalars['String']['output'];
  /** 金额（分） */
  amountFen: Scalars['Int']['output'];
  /** 两委决定日期 */
  approvedOn?: Maybe<Scalars['Date']['output']>;
  /** 两委审批人 */
  approvers: Array<Scalars['String']['output']>;
  /** 关联的救助申请事项（按关爱对象规则显示：事项的反映人即受助居民） */
  case?: Maybe<Case>;
  /** 公示异议内容（按关爱对象规则显示） */
  challengeNote?: Maybe<Scalars['String']['output']>;
  /** 异议处理结果（按关爱对象规则显示） */
  challengeResolution?: Maybe<Scalars['String']['output']>;
  /** 提出异议日期 */
  challengedOn?: Maybe<Scalars['Date']['output']>;
  /** 两委会议纪要编号 */
  decisionReference?: Maybe<Scalars['String']['output']>;
  /** 救助编号 */
  id: Scalars['ID']['output'];
  /** 发放对应的支出台账记录 */
  ledgerEntryId?: Maybe<Scalars['ID']['output']>;
  /** 发放日期 */
  paidOn?: Maybe<Scalars['Date']['output']>;
  /** 提议日期 */
  proposedOn: Scalars['Date']['output'];
  /** 公示天数 */
  publicityDays?: Maybe<Scalars['Int']['output']>;
  /** 公示截止日期（含），次日起可发放 */
  publicityEndsOn?: Maybe<Scalars['Date']['output']>;
  /** 公示开始日期 */
  publishedOn?: Maybe<Scalars['Date']['output']>;
  /** 救助事由（按关爱对象规则显示） */
  reason?: Maybe<FundDisbursementReason>;
  /** 受助居民（仅可查看关爱对象的角色可见，查看留痕） */
  recipient?: Maybe<Resident>;
  /** 情况说明（按关爱对象规则显示） */
  statement?: Maybe<Scalars['String']['output']>;
  /** 状态 */
  status: FundDisbursementStatus;
  /** 撤回原因（按关爱对象规则显示） */
  withdrawReason?: Maybe<Scalars['String']['output']>;
  /** 撤回日期 */
  withdrawnOn?: Maybe<Scalars['Date']['output']>;
};

/** 救助列表（Relay 游标分页） */
export type FundDisbursementConnection = {
  __typename?: 'FundDisbursementConnection';
  /** 本页数据 */
  edges: Array<FundDisbursementEdge>;
  /** 分页信息 */
  pageInfo: PageInfo;
  /** 符合条件的总条数 */
  totalCount: Scalars['Int']['output'];
};

/** 救助（分页中的一条） */
export type FundDisbursementEdge = {
  __typename?: 'FundDisbursementEdge';
  /** 这一条的游标 */
  cursor: Scalars['String']['output'];
  /** 救助 */
  node: FundDisbursement;
};

/** 救助筛选条件 */
export type FundDisbursementFilter = {
  /** 状态 */
  status?: InputMaybe<FundDisbursementStatus>;
  /** 提议年度 */
  year?: InputMaybe<Scalars['Int']['input']>;
};

/** 救助变更的结果 */
export type FundDisbursementPayload = {
  __typename?: 'FundDisbursementPayload';
  /** 救助 */
  disbursement: FundDisbursement;
};

/** 救助事由（揭示困难情况，按关爱对象类别同等保护） */
export type FundDisbursementReason =
  /** 助残 */
  | 'DISABILITY'
  /** 灾害、意外 */
  | 'DISASTER'
  /** 助学 */
  | 'EDUCATION'
  /** 助老 */
  | 'ELDERLY'
  /** 生活困难 */
  | 'HARDSHIP'
  /** 大病医疗 */
  | 'ILLNESS'
  /** 其他 */
  | 'OTHER';

/** 救助状态：提议 → 两委审批 → 公示 → 发放 */
export type FundDisbursementStatus =
  /** 两委已审批 */
  | 'APPROVED'
  /** 公示有异议（待两委处理） */
  | 'CHALLENGED'
  /** 已发放 */
  | 'PAID'
  /** 已提议（保障站） */
  | 'PROPOSED'
  /** 公示中 */
  | 'PUBLISHED'
  /** 已撤回 */
  | 'WITHDRAWN';

/** 捐赠：现金（分）或物资（描述与估值），附收据 */
export type FundDonation = {
  __typename?: 'FundDonation';
  /** 金额或估值（元，格式化显示） */
  amount: Scalars['String']['output'];
  /** 金额或物资估值（分） */
  amountFen: Scalars['Int']['output'];
  /** 捐赠人（名称、居民与组织需 fund:read；仅登记活动募捐的角色只见编号与类别） */
  donor: FundDonor;
  /** 募捐所在活动（如晚会） */
  event?: Maybe<CommunityEvent>;
  /** 形式 */
  form: FundDonationForm;
  /** 捐赠编号 */
  id: Scalars['ID']['output'];
  /** 物资说明 */
  itemDescription?: Maybe<Scalars['String']['output']>;
  /** 对应的收入台账记录（现金捐赠） */
  ledgerEntryId?: Maybe<Scalars['ID']['output']>;
  /** 备注 */
  note?: Maybe<Scalars['String']['output']>;
  /** 收据号 */
  receiptNumber: Scalars['String']['output'];
  /** 收到日期 */
  receivedOn: Scalars['Date']['output'];
};

/** 捐赠列表（Relay 游标分页） */
export type FundDonationConnection = {
  __typename?: 'FundDonationConnection';
  /** 本页数据 */
  edges: Array<FundDonationEdge>;
  /** 分页信息 */
  pageInfo: PageInfo;
  /** 符合条件的总条数 */
  totalCount: Scalars['Int']['output'];
};

/** 捐赠（分页中的一条） */
export type FundDonationEdge = {
  __typename?: 'FundDonationEdge';
  /** 这一条的游标 */
  cursor: Scalars['String']['output'];
  /** 捐赠 */
  node: FundDonation;
};

/** 捐赠形式 */
export type FundDonationForm =
  /** 物资（按估值登记，不计入现金余额） */
  | 'IN_KIND'
  /** 现金/转账（计入基金余额） */
  | 'MONEY';

/** 捐赠人：居民、党员、楼组长、“五老”志愿者、单位、企业或匿名 */
export type FundDonor = {
  __typename?: 'FundDonor';
  /** 捐赠人编号 */
  id: Scalars['ID']['output'];
  /** 类别 */
  kind: FundDonorKind;
  /** 名称（匿名时为空） */
  name?: Maybe<Scalars['String']['output']>;
  /** 是否同意在年度报告中公开鸣谢 */
  namedInReport: Scalars['Boolean']['output'];
  /** 对应的组织编号 */
  organizationId?: Maybe<Scalars['ID']['output']>;
  /** 对应的居民编号 */
  residentId?: Maybe<Scalars['ID']['output']>;
};

/** 捐赠人列表（Relay 游标分页） */
export type FundDonorConnection = {
  __typename?: 'FundDonorConnection';
  /** 本页数据 */
  edges: Array<FundDonorEdge>;
  /** 分页信息 */
  pageInfo: PageInfo;
  /** 符合条件的总条数 */
  totalCount: Scalars['Int']['output'];
};

/** 捐赠人（分页中的一条） */
export type FundDonorEdge = {
  __typename?: 'FundDonorEdge';
  /** 这一条的游标 */
  cursor: Scalars['String']['output'];
  /** 捐赠人 */
  node: FundDonor;
};

/** 阳光爱心基金捐赠人类别 */
export type FundDonorKind =
  /** 匿名捐赠人 */
  | 'ANONYMOUS'
  /** 楼组长 */
  | 'BUILDING_LEADER'
  /** 企业 */
  | 'ENTERPRISE'
  /** 关工委“五老”志愿者 */
  | 'FIVE_ELDERS'
  /** 辖区单位/社会组织 */
  | 'ORGANIZATION'
  /** 党员 */
  | 'PARTY_MEMBER'
  /** 居民 */
  | 'RESIDENT';

/** 按捐赠人类别的合计；无权查看捐赠人的调用方（如分析人员）列出全部类别（含为零者），各数值按统计披露控制显示 */
export type FundDonorKindTotal = {
  __typename?: 'FundDonorKindTotal';
  /** 捐赠人数；为空表示已按统计披露控制抑制（见 suppressed） */
  donors?: Maybe<Scalars['Int']['output']>;
  /** 捐物估值（分）；捐物人数少于阈值（或为防反推）时为空（见 suppressed） */
  inKindValueFen?: Maybe<Scalars['Int']['output']>;
  /** 类别 */
  kind: FundDonorKind;
  /** 捐款（分）；捐款人数少于阈值（或为防反推）时为空（见 suppressed） */
  moneyFen?: Maybe<Scalars['Int']['output']>;
  /** 为何有数值为空（逐项说明抑制原因）；全部显示时为空 */
  suppressed?: Maybe<Scalars['String']['output']>;
};

/** 台账记录：只增不改，更正以冲正记录完成；余额永不为负 */
export type FundLedgerEntry = {
  __typename?: 'FundLedgerEntry';
  /** 金额（分；收入为正，支出为负） */
  amountFen: Scalars['Int']['output'];
  /** 记账后余额（分） */
  balanceAfterFen: Scalars['Int']['output'];
  /** 对应的救助 */
  disbursementId?: Maybe<Scalars['ID']['output']>;
  /** 对应的捐赠 */
  donationId?: Maybe<Scalars['ID']['output']>;
  /** 记录编号 */
  id: Scalars['ID']['output'];
  /** 类别 */
  kind: FundLedgerEntryKind;
  /** 说明（冲正原因）；冲正救助支出的说明关乎受助人的境况，与救助事由同样需 care:read（否则为 null，读取留痕） */
  note?: Maybe<Scalars['String']['output']>;
  /** 发生日期 */
  occurredOn: Scalars['Date']['output'];
  /** 冲正本条的记录 */
  reversedByEntryId?: Maybe<Scalars['ID']['output']>;
  /** 被本条冲正的记录 */
  reversesEntryId?: Maybe<Scalars['ID']['output']>;
  /** 序号（本社区连续编号） */
  sequence: Scalars['Int']['output'];
};

/** 台账记录列表（Relay 游标分页） */
export type FundLedgerEntryConnection = {
  __typename?: 'FundLedgerEntryConnection';
  /** 本页数据 */
  edges: Array<FundLedgerEntryEdge>;
  /** 分页信息 */
  pageInfo: PageInfo;
  /** 符合条件的总条数 */
  totalCount: Scalars['Int']['output'];
};

/** 台账记录（分页中的一条） */
export type FundLedgerEntryEdge = {
  __typename?: 'FundLedgerEntryEdge';
  /** 这一条的游标 */
  cursor: Scalars['String']['output'];
  /** 台账记录 */
  node: FundLedgerEntry;
};

/** 台账记录类别 */
export type FundLedgerEntryKind =
  /** 救助支出 */
  | 'DISBURSEMENT'
  /** 捐赠收入 */
  | 'DONATION'
  /** 冲正（更正此前的一条记录） */
  | 'REVERSAL';

/** 基金年度收支：余额、按月与按事由的收入和支出 */
export type FundLedgerSummary = {
  __typename?: 'FundLedgerSummary';
  /** 年末（或当前）余额（分） */
  closingBalanceFen: Scalars['Int']['output'];
  /** 全年收入（分，现金） */
  incomeFen: Scalars['Int']['output'];
  /** 按月（12 个月） */
  months: Array<FundMonthSummary>;
  /** 年初余额（分） */
  openingBalanceFen: Scalars['Int']['output'];
  /** 按救助事由 */
  reasons: Array<FundReasonSummary>;
  /** 全年支出（分） */
  spendingFen: Scalars['Int']['output'];
  /** 年度 */
  year: Scalars['Int']['output'];
};

/** 一个月的收支 */
export type FundMonthSummary = {
  __typename?: 'FundMonthSummary';
  /** 月末余额（分） */
  closingBalanceFen: Scalars['Int']['output'];
  /** 收入（分） */
  incomeFen: Scalars['Int']['output'];
  /** 月份 YYYY-MM */
  month: Scalars['String']['output'];
  /** 支出（分） */
  spendingFen: Scalars['Int']['output'];
};

/** 同意公开鸣谢的捐赠人 */
export type FundNamedDonor = {
  __typename?: 'FundNamedDonor';
  /** 捐赠次数 */
  donations: Scalars['Int']['output'];
  /** 捐物估值（分） */
  inKindValueFen: Scalars['Int']['output'];
  /** 类别 */
  kind: FundDonorKind;
  /** 捐款（分） */
  moneyFen: Scalars['Int']['output'];
  /** 名称 */
  name: Scalars['String']['output'];
};

/** 资助项目：企业定向资助（如“爱心伴我成长”助学金）或外部机构救助（如红十字特别救助） */
export type FundProgramme = {
  __typename?: 'FundProgramme';
  /** 资助条件 */
  eligibility?: Maybe<Scalars['String']['output']>;
  /** 项目编号 */
  id: Scalars['ID']['output'];
  /** 类别 */
  kind: FundProgrammeKind;
  /** 名称 */
  name: Scalars['String']['output'];
  /** 年度批次（按年度） */
  rounds: Array<FundProgrammeRound>;
  /** 资助方或受理机构名称 */
  sponsorName?: Maybe<Scalars['String']['output']>;
  /** 资助单位（组织编号） */
  sponsorOrganizationId?: Maybe<Scalars['ID']['output']>;
};

/** 资助项目列表（Relay 游标分页） */
export type FundProgrammeConnection = {
  __typename?: 'FundProgrammeConnection';
  /** 本页数据 */
  edges: Array<FundProgrammeEdge>;
  /** 分页信息 */
  pageInfo: PageInfo;
  /** 符合条件的总条数 */
  totalCount: Scalars['Int']['output'];
};

/** 资助项目（分页中的一条） */
export type FundProgrammeEdge = {
  __typename?: 'FundProgrammeEdge';
  /** 这一条的游标 */
  cursor: Scalars['String']['output'];
  /** 资助项目 */
  node: FundProgramme;
};

/** 资助项目类别 */
export type FundProgrammeKind =
  /** 向外部机构申请的救助（如红十字特别救助） */
  | 'OUTSIDE_BODY'
  /** 企业定向资助项目（如“爱心伴我成长”助学金） */
  | 'SPONSORED';

/** 资助项目变更的结果 */
export type FundProgrammePayload = {
  __typename?: 'FundProgrammePayload';
  /** 项目 */
  programme: FundProgramme;
};

/** 定向资助项目的年度批次 */
export type FundProgrammeRound = {
  __typename?: 'FundProgrammeRound';
  /** 预算（分） */
  budgetFen: Scalars['Int']['output'];
  /** 申请截止日期 */
  closesOn: Scalars['Date']['output'];
  /** 批次编号 */
  id: Scalars['ID']['output'];
  /** 申请开始日期 */
  opensOn: Scalars['Date']['output'];
  /** 年度 */
  year: Scalars['Int']['output'];
};

/** 按救助事由的支出（只有笔数与金额，不含受助人） */
export type FundReasonSummary = {
  __typename?: 'FundReasonSummary';
  /** 发放笔数（冲正后）；为空表示已按统计披露控制抑制（见 suppressed；无权查看救助的调用方，如分析人员） */
  disbursements?: Maybe<Scalars['Int']['output']>;
  /** 救助事由 */
  reason: FundDisbursementReason;
  /** 支出（分）；笔数已抑制时为空 */
  spendingFen?: Maybe<Scalars['Int']['output']>;
  /** 为何笔数与金额为空（统计披露控制）；显示时为空 */
  suppressed?: Maybe<Scalars['String']['output']>;
};

/** 某月晚会安排情况 */
export type GalaMonthStatus =
  /** 已举办 */
  | 'HELD'
  /** 未安排 */
  | 'MISSING'
  /** 已计划 */
  | 'PLANNED';

/** 每月一台晚会：某月的晚会安排 */
export type GalaPlanMonth = {
  __typename?: 'GalaPlanMonth';
  /** 该月的晚会 */
  events: Array<CommunityEvent>;
  /** 月份（1–12） */
  month: Scalars['Int']['output'];
  /** 已举办、已计划或未安排 */
  status: GalaMonthStatus;
};

/** 晚会节目 */
export type GalaProgrammeItem = {
  __typename?: 'GalaProgrammeItem';
  /** 时长（分钟） */
  durationMinutes: Scalars['Int']['output'];
  /** 节目形式，如 秧歌、合唱、小品 */
  form: Scalars['String']['output'];
  /** 节目编号 */
  id: Scalars['ID']['output'];
  /** 表演者（群体描述，如 老年合唱队 20 人） */
  performers?: Maybe<Scalars['String']['output']>;
  /** 节目顺序（从 1 开始） */
  position: Scalars['Int']['output'];
  /** 表演团队 */
  team?: Maybe<Team>;
  /** 节目名称 */
  title: Scalars['String']['output'];
};

/** 添加节目的结果 */
export type GalaProgrammeItemPayload = {
  __typename?: 'GalaProgrammeItemPayload';
  /** 节目 */
  item: GalaProgrammeItem;
};

/** 性别 */
export type Gender =
  /** 女 */
  | 'FEMALE'
  /** 男 */
  | 'MALE';

/** 向居民反馈办理结果 */
export type GiveCaseFeedbackInput = {
  /** 事项编号 */
  caseId: Scalars['ID']['input'];
  /** 反馈时间 */
  givenAt: Scalars['DateTime']['input'];
  /** 反馈方式（电话、上门、短信等） */
  method: Scalars['String']['input'];
  /** 说明 */
  note?: InputMaybe<Scalars['String']['input']>;
};

/** 网格（由居民服务提供；社情民意服务补充其在办事项） */
export type Grid = {
  __typename?: 'Grid';
  /** 网格编码（社区编码-序号） */
  code: Scalars['String']['output'];
  /** 网格员（需 organizations:read） */
  gridWorker?: Maybe<Staff>;
  /** 网格编号 */
  id: Scalars['ID']['output'];
  /** 网格名称 */
  name: Scalars['String']['output'];
  /** 本网格在办事项（受理先后；需 cases:read，无权限时为空；案件服务不可用时为 null 并附错误） */
  openCases?: Maybe<Array<Case>>;
};

/** 网格（由居民服务提供；社情民意服务补充其在办事项） */
export type GridOpenCasesArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** 网格列表（Relay 游标分页） */
export type GridConnection = {
  __typename?: 'GridConnection';
  /** 本页数据 */
  edges: Array<GridEdge>;
  /** 分页信息 */
  pageInfo: PageInfo;
  /** 符合条件的总条数 */
  totalCount: Scalars['Int']['output'];
};

/** 网格（分页中的一条） */
export type GridEdge = {
  __typename?: 'GridEdge';
  /** 这一条的游标 */
  cursor: Scalars['String']['output'];
  /** 网格 */
  node: Grid;
};

/** 网格变更的结果 */
export type GridPayload = {
  __typename?: 'GridPayload';
  /** 网格 */
  grid: Grid;
};

/** 住户（由居民服务提供；社情民意服务补充其走访记录） */
export type Household = {
  __typename?: 'Household';
  /** 地址（有权限时至门牌号，如 香秀里12号楼2单元502室；否则只到楼栋） */
  address?: Maybe<Scalars['String']['output']>;
  /** 所在楼栋 */
  building: Building;
  /** 户主 */
  head?: Maybe<Resident>;
  /** 住房性质 */
  housing: HousingType;
  /** 住户编号 */
  id: Scalars['ID']['output'];
  /** 房东（出租房登记；需 floating:read） */
  landlord?: Maybe<Resident>;
  /** 在册住户成员（出租房即租户） */
  members: Array<Resident>;
  /** 门牌（室）（有住址权限时返回） */
  room?: Maybe<Scalars['String']['output']>;
  /** 租户（出租房的在册住户成员；非出租房为空；需 floating:read） */
  tenants: Array<Resident>;
  /** 单元（有住址权限时返回） */
  unit?: Maybe<Scalars['String']['output']>;
  /** 该住户的走访记录（最近的在前；需 cases:read，网格员只见本网格；案件服务不可用时为 null 并附错误） */
  visits?: Maybe<Array<StaffVisit>>;
};

/** 住户（由居民服务提供；社情民意服务补充其走访记录） */
export type HouseholdVisitsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** 住户列表（Relay 游标分页） */
export type HouseholdConnection = {
  __typename?: 'HouseholdConnection';
  /** 本页数据 */
  edges: Array<HouseholdEdge>;
  /** 分页信息 */
  pageInfo: PageInfo;
  /** 符合条件的总条数 */
  totalCount: Scalars['Int']['output'];
};

/** 住户（分页中的一条） */
export type HouseholdEdge = {
  __typename?: 'HouseholdEdge';
  /** 这一条的游标 */
  cursor: Scalars['String']['output'];
  /** 住户 */
  node: Household;
};

/** 住户筛选条件 */
export type HouseholdFilter = {
  /** 楼栋编号 */
  buildingId?: InputMaybe<Scalars['ID']['input']>;
  /** 网格编号 */
  gridId?: InputMaybe<Scalars['ID']['input']>;
  /** 住房性质（如 RENTED 查出租房） */
  housing?: InputMaybe<HousingType>;
};

/** 住户变更的结果 */
export type HouseholdPayload = {
  __typename?: 'HouseholdPayload';
  /** 住户 */
  household: Household;
};

/** 住房性质 */
export type HousingType =
  /** 自有住房 */
  | 'OWNED'
  /** 公房/保障房 */
  | 'PUBLIC'
  /** 出租房（须登记房东与租户） */
  | 'RENTED';

/** 标准地址（一标三实）导入文件：楼栋、单元、室 */
export type ImportAddressRegisterInput = {
  /** 文件内容（UTF-8 文本）。列：gridCode/网格编码（新楼栋必填）、building/楼栋、buildingAddress/标准地址、unit/单元、room/室、housing/住房性质；只登记楼栋时单元与室留空 */
  content: Scalars['String']['input'];
  /** 格式 */
  format: ResidentImportFormat;
};

/** 标准地址导入结果：计数与逐行结果 */
export type ImportAddressRegisterPayload = {
  __typename?: 'ImportAddressRegisterPayload';
  /** 新登记了楼栋或住户的行 */
  created: Scalars['Int']['output'];
  /** 拒绝的行 */
  rejected: Scalars['Int']['output'];
  /** 逐行结果（按行号） */
  results: Array<AddressRowResult>;
  /** 总行数 */
  total: Scalars['Int']['output'];
  /** 已登记、无变化的行 */
  unchanged: Scalars['Int']['output'];
};

/** 区级人口库导入文件 */
export type ImportResidentsInput = {
  /** 文件内容（UTF-8 文本）。列：idNumber/身份证号、name/姓名、phone、gridCode、building、unit、room、housing、relationToHead、residenceType、residencePermitIssuedOn、residencePermitExpiresOn */
  content: Scalars['String']['input'];
  /** 格式 */
  format: ResidentImportFormat;
};

/** 导入结果：各类计数与逐行结果 */
export type ImportResidentsPayload = {
  __typename?: 'ImportResidentsPayload';
  /** 新增 */
  created: Scalars['Int']['output'];
  /** 拒绝 */
  rejected: Scalars['Int']['output'];
  /** 逐行结果报告（NDJSON，每行一个结果）在服务器上的位置；文件超过 10000 行时写入，否则为空 */
  reportFile?: Maybe<Scalars['String']['output']>;
  /** 逐行结果（按行号）；超过 10000 行的文件只含前 10000 行，全部逐行结果见 reportFile */
  results: Array<ResidentImportRowResult>;
  /** 总行数 */
  total: Scalars['Int']['output'];
  /** 无变化 */
  unchanged: Scalars['Int']['output'];
  /** 更新 */
  updated: Scalars['Int']['output'];
};

/** 作废经查不实的居民评议 */
export type InvalidateCaseEvaluationInput = {
  /** 评议编号 */
  evaluationId: Scalars['ID']['input'];
  /** 作废理由：经查不实的情况（至少 4 个字），记入事项办理记录 */
  reason: Scalars['String']['input'];
};

/** 作废评议的结果 */
export type InvalidateCaseEvaluationPayload = {
  __typename?: 'InvalidateCaseEvaluationPayload';
  /** 评议（已无效，无效原因为经查不实及理由） */
  evaluation: CaseEvaluation;
};

/** 签发 API 密钥 */
export type IssueApiKeyInput = {
  /** 用途名称，如 “思明区社会治理平台” */
  name: Scalars['String']['input'];
  /** 权限范围（机器客户端可用的权限，如 residents:import、cases:escalation、events:read） */
  scopes: Array<Scalars['String']['input']>;
  /** 有效天数（1–365，默认 365） */
  validDays?: InputMaybe<Scalars['Int']['input']>;
};

/** 签发结果：密钥只在此显示一次，请妥善保存 */
export type IssueApiKeyPayload = {
  __typename?: 'IssueApiKeyPayload';
  /** 密钥记录 */
  apiKey: ApiKey;
  /** 完整密钥（shq_<编号>_<秘密>），调用时放在 Authorization: ApiKey <密钥> 中；之后无法再次查看 */
  key: Scalars['String']['output'];
};

/** 登记走访（民情日记） */
export type LogVisitInput = {
  /** 关联事项编号 */
  caseId?: InputMaybe<Scalars['ID']['input']>;
  /** 后续跟进事项 */
  followUps?: InputMaybe<Scalars['String']['input']>;
  /** 走访住户编号（住户或居民至少填一项） */
  householdId?: InputMaybe<Scalars['ID']['input']>;
  /** 走访情况 */
  notes: Scalars['String']['input'];
  /** 走访居民编号 */
  residentId?: InputMaybe<Scalars['ID']['input']>;
  /** 走访时间（默认当前时间） */
  visitedAt?: InputMaybe<Scalars['DateTime']['input']>;
};

/** 登记走访的结果 */
export type LogVisitPayload = {
  __typename?: 'LogVisitPayload';
  /** 走访记录 */
  visit: StaffVisit;
};

/** 标记为重复事项 */
export type MarkCaseDuplicateInput = {
  /** 事项编号 */
  caseId: Scalars['ID']['input'];
  /** 与之重复的事项编号 */
  duplicateOfCaseId: Scalars['ID']['input'];
  /** 理由 */
  reason: Scalars['String']['input'];
};

/** 调解结果 */
export type MediationOutcome =
  /** 达成协议 */
  | 'AGREEMENT_REACHED'
  /** 未达成协议 */
  | 'NO_AGREEMENT'
  /** 调解中 */
  | 'PENDING';

/** 调解当事人 */
export type MediationPartyInput = {
  /** 当事方说明（非本社区居民或单位） */
  description?: InputMaybe<Scalars['String']['input']>;
  /** 居民编号（本社区居民） */
  residentId?: InputMaybe<Scalars['ID']['input']>;
};

/** 调解操作的结果 */
export type MediationPayload = {
  __typename?: 'MediationPayload';
  /** 调解 */
  mediation: CaseMediation;
};

/** 迁出社区 */
export type MoveOutResidentInput = {
  /** 迁往地（如 厦门市湖里区） */
  destination: Scalars['String']['input'];
  /** 迁出日期 */
  movedOutOn: Scalars['Date']['input'];
  /** 居民编号 */
  residentId: Scalars['ID']['input'];
};

/** 调整党员所在党支部/党小组 */
export type MovePartyMemberInput = {
  /** 党支部编号 */
  branchId: Scalars['ID']['input'];
  /** 党小组编号 */
  groupId?: InputMaybe<Scalars['ID']['input']>;
  /** 党员编号 */
  memberId: Scalars['ID']['input'];
};

/** 迁入或社区内换户（地址变更） */
export type MoveResidentInput = {
  /** 迁入的住户编号 */
  householdId: Scalars['ID']['input'];
  /** 迁入日期 */
  movedInOn: Scalars['Date']['input'];
  /** 在新住户中与户主关系（默认 其他） */
  relationToHead?: InputMaybe<RelationToHead>;
  /** 居民编号 */
  residentId: Scalars['ID']['input'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** 区级平台签收上报事项（需 cases:escalation，机器客户端） */
  acknowledgeEscalation: CaseStepPayload;
  /** 新增关爱对象（需 care:write；重点人员需 sensitive:write）；发布 care_category.added */
  addCareCategory: CareRecordPayload;
  /** 登记活动赞助（需 events:write） */
  addEventSponsor: EventSponsorshipPayload;
  /** 为晚会添加节目（需 events:write） */
  addGalaProgrammeItem: GalaProgrammeItemPayload;
  /** 团队吸收成员（需 events:write） */
  addTeamMember: TeamMemberPayload;
  /** 推进发展阶段（需 party:write）：依次进行，积极分子培养一年以上、预备期满一年方可；发布 member.stage_changed */
  advancePartyMemberStage: PartyMemberPayload;
  /** 推进组织关系转接（需 party:write）；办结时发布 member.transferred_in / transferred_out */
  advancePartyTransfer: PartyTransferPayload;
  /** 为居民提出申请：定向资助项目（核对资助条件）或外部机构救助（如红十字特别救助）（需 fund:programmes） */
  applyToFundProgramme: FundApplicationPayload;
  /** 任命队长（需 events:write；须为现有成员） */
  appointTeamLeader: TeamPayload;
  /** 两委审批救助：决定日期与审批人（需 fund:approve）；发布 fund_disbursement.approved */
  approveFundDisbursement: FundDisbursementPayload;
  /** 批准 Webhook 订阅（社区管理员，需 apikeys:manage）：此后发生的事件开始推送 */
  approveWebhook: WebhookSubscriptionPayload;
  /** 设定楼栋长（需 residents:write）：须为本楼栋在册居民 */
  assignBuildingLeader: BuildingPayload;
  /** 分派事项（需 cases:write；承办部门或社区管理员）；发布 case.assigned */
  assignCase: CaseStepPayload;
  /** 设定网格员（需 organizations:write）；发布 grid.registered */
  assignGridWorker: GridPayload;
  /** 取消活动（需 events:write）：所有报名随之取消；发布 event.cancelled */
  cancelCommunityEvent: CommunityEventPayload;
  /** 取消报名（需 events:register）：空出的名额自动递补给第一位候补；发布 registration.cancelled */
  cancelEventRegistration: CancelEventRegistrationPayload;
  /** 取消预备党员资格（需 party:write），记录保留 */
  cancelPartyProbation: PartyMemberPayload;
  /** 登记公示期内的异议，暂停发放（需 fund:disburse） */
  challengeFundDisbursement: FundDisbursementPayload;
  /** 变更楼栋名称或标准地址（需 places:write） */
  changeBuilding: BuildingPayload;
  /** 党组织调整（需 party:write）：升格/降格、更名、书记变更，记入变更历史 */
  changePartyOrganization: PartyOrganizationPayload;
  /** 变更团队登记或监管状态（需 events:write） */
  changeTeamStatus: TeamPayload;
  /** 活动签到（需 events:register）：进行中的活动；发布 registration.attended */
  checkInEventRegistration: CheckInEventRegistrationPayload;
  /** 结案（需 cases:write；须已反馈）；发布 case.closed */
  closeCase: CaseStepPayload;
  /** 结束活动（需 events:write）：进行中 → 已结束，未签到者记为未到场；发布 event.completed */
  completeCommunityEvent: CommunityEventPayload;
  /** 结束调解（需 cases:write）：达成或未达成协议，记入事项办理记录 */
  concludeMediation: MediationPayload;
  /** 身份证号更正（户籍信息更正；需 residents:write 且可查看身份证号原值，仅限可写范围内的在册或迁出居民）：按登记规则校验更正后的身份证号，性别和出生日期随之重新推出，须填更正原因；与原号相同、已由其他居民登记的号码均拒绝；留存更正记录，发布 resident.identity_corrected（不含身份证号） */
  correctResidentIdNumber: ResidentPayload;
  /** 设立资助项目（需 fund:programmes） */
  createFundProgramme: FundProgrammePayload;
  /** 成立党组织（需 party:write）：层级须合乎 社区党委→党总支→党支部→党小组 */
  createPartyOrganization: PartyOrganizationPayload;
  /** 登记文艺团队（需 events:write） */
  createTeam: TeamPayload;
  /** 安排志愿服务班次（需 events:write） */
  createVolunteerShift: VolunteerShiftPayload;
  /** 登记申请结果（需 fund:programmes）；定向资助获批即提议一笔助学救助，照常审批、公示、发放 */
  decideFundApplication: FundApplicationPayload;
  /** 评议小组评定本期流动红旗岗（需 party:write）；发布 red_flag.awarded */
  decideRedFlag: RedFlagPeriodPayload;
  /** 停用 Webhook 订阅（登记它的密钥或社区管理员）：不再推送，待推送的也不再发出 */
  disableWebhook: WebhookSubscriptionPayload;
  /** 终止关爱对象（需 care:write）；发布 care_category.ended */
  endCareCategory: CareRecordPayload;
  /** 党员建档（需 party:write）：新的入党申请人须年满18岁；连同以往日期登记的按发展流程核对；发布 member.stage_changed */
  enrolPartyMember: PartyMemberPayload;
  /** 上报街道或区（需 cases:write）；发布 case.escalated */
  escalateCase: CaseStepPayload;
  /** 居民评议（需 cases:appraisal）：优、差未写理由的评议保存但无效；发布 case.evaluated */
  evaluateCase: EvaluateCasePayload;
  /** 延长预备期（需 party:write）：只能一次，不超过一年 */
  extendPartyProbation: PartyMemberPayload;
  /** 向居民反馈（需 cases:write；记录方式和时间）；发布 case.feedback_given */
  giveCaseFeedback: CaseStepPayload;
  /** 标准地址导入（一标三实，需 places:write）：登记本社区的楼栋与住房（单元、室），逐行返回结果；坏行不影响好行；重复导入无变化 */
  importAddressRegister: ImportAddressRegisterPayload;
  /** 区级人口库导入（需 residents:import）：按身份证号新增或更新，逐行返回结果；坏行不影响好行；重复导入同一文件全部为无变化且不发事件 */
  importResidents: ImportResidentsPayload;
  /** 作废经查不实的居民评议（需 cases:appraisal，社区管理员）：评议保留但无效，不再计入考核；理由记入事项办理记录 */
  invalidateCaseEvaluation: InvalidateCaseEvaluationPayload;
  /** 签发区级平台 API 密钥（需 apikeys:manage）：只存密钥哈希；发布 api_key.issued，各子图据此自行校验 */
  issueApiKey: IssueApiKeyPayload;
  /** 登记走访（需 visits:write）：记为对居民的一次联系，并关闭其待办主动服务任务 */
  logVisit: LogVisitPayload;
  /** 标记重复事项（需 cases:write；须指明重复的事项和理由）；发布 case.closed */
  markCaseDuplicate: CaseStepPayload;
  /** 迁出社区（需 residents:write）：记录日期与迁往地，居民记录保留；发布 resident.moved_out */
  moveOutResident: ResidentPayload;
  /** 调整党员所在党支部/党小组（需 party:write） */
  movePartyMember: PartyMemberPayload;
  /** 迁入/换户（地址变更）或迁回（需 residents:write）；发布 resident.moved_in */
  moveResident: ResidentPayload;
  /** 部门提名流动红旗岗人选（需 party:write）：每部门每月一人 */
  nominateRedFlag: RedFlagPeriodPayload;
  /** 登记事项（需 cases:write）：按类别确定承办部门和时限，按反映人住址分派网格和网格员；发布 case.opened */
  openCase: OpenCasePayload;
  /** 开展定向资助项目的年度批次（需 fund:programmes） */
  openFundProgrammeRound: OpenFundProgrammeRoundPayload;
  /** 公示期满后发放救助，记入台账（需 fund:disburse）；余额不足时拒绝；发布 fund_disbursement.paid */
  payFundDisbursement: FundDisbursementPayload;
  /** 策划活动（需 events:write）：预订场地，同一场地时间重叠则 CONFLICT 并指明冲突活动；状态为筹备中 */
  planCommunityEvent: CommunityEventPayload;
  /** 提议救助（需 fund:disburse，保障站）；发布 fund_disbursement.proposed */
  proposeFundDisbursement: FundDisbursementPayload;
  /** 发布活动、开放报名（需 events:write）：筹备中 → 报名中；发布 event.published */
  publishCommunityEvent: CommunityEventPayload;
  /** 公示救助，自今日起（默认 7 天；需 fund:disburse）；发布 fund_disbursement.published */
  publishFundDisbursement: FundDisbursementPayload;
  /** 登记捐赠并开具收据（需 fund:donations；文化部门以 fund:collections 登记活动募捐）；发布 fund_donation.received */
  recordFundDonation: RecordFundDonationPayload;
  /** 记录调解会（需 cases:write） */
  recordMediationSession: MediationPayload;
  /** 登记民主评议党员结果（需 party:write），每人每年一次 */
  recordPartyAppraisal: PartyAppraisalPayload;
  /** 登记已召开的会议及参会情况（需 party:write），至少一名本组织党员出席；发布 meeting.held */
  recordPartyMeeting: RecordPartyMeetingPayload;
  /** 登记一次党员培训及参训人数（需 party:write） */
  recordPartyTrainingSession: PartyTrainingSessionPayload;
  /** 死亡登记（需 residents:write）：记录保留；发布 resident.deceased */
  recordResidentDeath: ResidentPayload;
  /** 登记团队获奖（需 events:write） */
  recordTeamAward: TeamAwardPayload;
  /** 记录志愿服务时长（需 events:write）：发布 volunteer_hours.recorded（党建服务为党员累计） */
  recordVolunteerHours: RecordVolunteerHoursPayload;
  /** 重新推送（死信或已送达的推送；登记它的密钥或社区管理员）：立即到期，重新计算尝试次数 */
  redeliverWebhookDelivery: RedeliverWebhookDeliveryPayload;
  /** 网格边界调整（需 places:write）：楼栋划入另一网格并留存历史；发布 building.moved_to_grid，未办结事项、主动服务任务与各住户的走访记录随楼栋转入新网格 */
  redrawGrid: RedrawGridPayload;
  /** 登记楼栋（需 places:write）；发布 building.registered */
  registerBuilding: BuildingPayload;
  /** 社区入驻：登记辖区内的社区（需 communities:write）；发布 community.registered，各服务随即可用 */
  registerCommunity: CommunityPayload;
  /** 报名活动（需 events:register）：核对面向人群的年龄；有名额则报名成功，名额已满则候补；发布 registration.created */
  registerForEvent: RegisterForEventPayload;
  /** 登记捐赠人（需 fund:donations） */
  registerFundDonor: RegisterFundDonorPayload;
  /** 登记网格（需 places:write；街道、区级管理员在请求头 X-Shequ-Community 指定社区）；发布 grid.registered */
  registerGrid: GridPayload;
  /** 登记住户（需 residents:write）；出租房须登记房东 */
  registerHousehold: HouseholdPayload;
  /** 登记组织（需 organizations:write） */
  registerOrganization: OrganizationPayload;
  /** 登记居民（需 residents:write；流动人口另需 floating:write）：校验身份证号，推出性别和出生日期；发布 resident.registered */
  registerResident: RegisterResidentPayload;
  /** 登记社区工作者（需 organizations:write） */
  registerStaff: StaffPayload;
  /** 登记街道（需 communities:write，限本区）；发布 street.registered */
  registerStreet: StreetPayload;
  /** 登记场地到文体设施资源台账（需 events:write） */
  registerVenue: VenuePayload;
  /** 登记 Webhook（区级平台用 API 密钥）：事件类型须在密钥范围内；返回只显示一次的签名密钥；社区管理员批准后才推送 */
  registerWebhook: RegisterWebhookPayload;
  /** 不予受理（需 cases:write；须说明理由）；发布 case.closed */
  rejectCase: CaseStepPayload;
  /** 成员离团（需 events:write）；队长离团后团队暂无队长 */
  removeTeamMember: TeamPayload;
  /** 变更社区名称（需 communities:write，限辖区） */
  renameCommunity: CommunityPayload;
  /** 变更网格名称（需 places:write）；发布 grid.registered */
  renameGrid: GridPayload;
  /** 变更街道名称（需 communities:write，限辖区） */
  renameStreet: StreetPayload;
  /** 重新办理（需 cases:write；须说明理由），之后开始办理回到办理中 */
  reopenCase: CaseStepPayload;
  /** 登记组织关系转接申请（需 party:write） */
  requestPartyTransfer: PartyTransferPayload;
  /** 活动改期或更换场地（需 events:write）：开始前可改；与同一场地其他活动重叠则 CONFLICT */
  rescheduleCommunityEvent: CommunityEventPayload;
  /** 办结（需 cases:write；须填写办结说明）；发布 case.resolved */
  resolveCase: CaseStepPayload;
  /** 两委处理公示异议：成立则撤回，不成立则重新公示（需 fund:approve） */
  resolveFundDisbursementChallenge: FundDisbursementPayload;
  /** 区级平台退回上报事项（需 cases:escalation，机器客户端；须说明理由），事项回到办理中 */
  returnEscalation: CaseStepPayload;
  /** 冲正一条台账记录（原记录不改，新增相反金额的记录；需 fund:disburse） */
  reverseFundLedgerEntry: ReverseFundLedgerEntryPayload;
  /** 复核关爱对象（需 care:write）：继续、调整或终止，确定下次复核日期；发布 care_category.reviewed */
  reviewCareCategory: CareRecordPayload;
  /** 吊销 API 密钥（需 apikeys:manage）：发布 api_key.revoked，各子图随即拒绝该密钥 */
  revokeApiKey: ApiKey;
  /** 设定年度发展目标与培训人次目标（需 party:write），返回该年计划完成情况 */
  setPartyYearPlan: PartyDevelopmentPlan;
  /** 开始办理（需 cases:write；承办人或承办部门） */
  startCase: CaseStepPayload;
  /** 开始活动（需 events:write）：→ 进行中，开放签到 */
  startCommunityEvent: CommunityEventPayload;
  /** 开始调解（需 cases:write）：纠纷事项的当事人与调解员 */
  startMediation: MediationPayload;
  /** 变更住房性质、房东（出租房登记）或户主（需 residents:write） */
  updateHousehold: HouseholdPayload;
  /** 变更居民信息：联系电话、居住类型与居住证、与户主关系（需 residents:write）；有变化时发布 resident.updated */
  updateResident: ResidentPayload;
  /** 撤回尚未发放的救助（需 fund:disburse 或 fund:approve）；发布 fund_disbursement.withdrawn */
  withdrawFundDisbursement: FundDisbursementPayload;
};

export type MutationAcknowledgeEscalationArgs = {
  input: CaseNoteInput;
};

export type MutationAddCareCategoryArgs = {
  input: AddCareCategoryInput;
};

export type MutationAddEventSponsorArgs = {
  input: AddEventSponsorInput;
};

export type MutationAddGalaProgrammeItemArgs = {
  input: AddGalaProgrammeItemInput;
};

export type MutationAddTeamMemberArgs = {
  input: AddTeamMemberInput;
};

export type MutationAdvancePartyMemberStageArgs = {
  input: AdvancePartyMemberStageInput;
};

export type MutationAdvancePartyTransferArgs = {
  input: AdvancePartyTransferInput;
};

export type MutationApplyToFundProgrammeArgs = {
  input: ApplyToFundProgrammeInput;
};

export type MutationAppointTeamLeaderArgs = {
  input: AppointTeamLeaderInput;
};

export type MutationApproveFundDisbursementArgs = {
  input: ApproveFundDisbursementInput;
};

export type MutationApproveWebhookArgs = {
  input: WebhookSubscriptionIdInput;
};

export type MutationAssignBuildingLeaderArgs = {
  input: AssignBuildingLeaderInput;
};

export type MutationAssignCaseArgs = {
  input: AssignCaseInput;
};

export type MutationAssignGridWorkerArgs = {
  input: AssignGridWorkerInput;
};

export type MutationCancelCommunityEventArgs = {
  input: CancelCommunityEventInput;
};

export type MutationCancelEventRegistrationArgs = {
  input: CancelEventRegistrationInput;
};

export type MutationCancelPartyProbationArgs = {
  input: CancelPartyProbationInput;
};

export type MutationChallengeFundDisbursementArgs = {
  input: ChallengeFundDisbursementInput;
};

export type MutationChangeBuildingArgs = {
  input: ChangeBuildingInput;
};

export type MutationChangePartyOrganizationArgs = {
  input: ChangePartyOrganizationInput;
};

export type MutationChangeTeamStatusArgs = {
  input: ChangeTeamStatusInput;
};

export type MutationCheckInEventRegistrationArgs = {
  input: CheckInEventRegistrationInput;
};

export type MutationCloseCaseArgs = {
  input: CaseNoteInput;
};

export type MutationCompleteCommunityEventArgs = {
  input: CommunityEventActionInput;
};

export type MutationConcludeMediationArgs = {
  input: ConcludeMediationInput;
};

export type MutationCorrectResidentIdNumberArgs = {
  input: CorrectResidentIdNumberInput;
};

export type MutationCreateFundProgrammeArgs = {
  input: CreateFundProgrammeInput;
};

export type MutationCreatePartyOrganizationArgs = {
  input: CreatePartyOrganizationInput;
};

export type MutationCreateTeamArgs = {
  input: CreateTeamInput;
};

export type MutationCreateVolunteerShiftArgs = {
  input: CreateVolunteerShiftInput;
};

export type MutationDecideFundApplicationArgs = {
  input: DecideFundApplicationInput;
};

export type MutationDecideRedFlagArgs = {
  input: DecideRedFlagInput;
};

export type MutationDisableWebhookArgs = {
  input: WebhookSubscriptionIdInput;
};

export type MutationEndCareCategoryArgs = {
  input: EndCareCategoryInput;
};

export type MutationEnrolPartyMemberArgs = {
  input: EnrolPartyMemberInput;
};

export type MutationEscalateCaseArgs = {
  input: EscalateCaseInput;
};

export type MutationEvaluateCaseArgs = {
  input: EvaluateCaseInput;
};

export type MutationExtendPartyProbationArgs = {
  input: ExtendPartyProbationInput;
};

export type MutationGiveCaseFeedbackArgs = {
  input: GiveCaseFeedbackInput;
};

export type MutationImportAddressRegisterArgs = {
  input: ImportAddressRegisterInput;
};

export type MutationImportResidentsArgs = {
  input: ImportResidentsInput;
};

export type MutationInvalidateCaseEvaluationArgs = {
  input: InvalidateCaseEvaluationInput;
};

export type MutationIssueApiKeyArgs = {
  input: IssueApiKeyInput;
};

export type MutationLogVisitArgs = {
  input: LogVisitInput;
};

export type MutationMarkCaseDuplicateArgs = {
  input: MarkCaseDuplicateInput;
};

export type MutationMoveOutResidentArgs = {
  input: MoveOutResidentInput;
};

export type MutationMovePartyMemberArgs = {
  input: MovePartyMemberInput;
};

export type MutationMoveResidentArgs = {
  input: MoveResidentInput;
};

export type MutationNominateRedFlagArgs = {
  input: NominateRedFlagInput;
};

export type MutationOpenCaseArgs = {
  input: OpenCaseInput;
};

export type MutationOpenFundProgrammeRoundArgs = {
  input: OpenFundProgrammeRoundInput;
};

export type MutationPayFundDisbursementArgs = {
  input: PayFundDisbursementInput;
};

export type MutationPlanCommunityEventArgs = {
  input: PlanCommunityEventInput;
};

export type MutationProposeFundDisbursementArgs = {
  input: ProposeFundDisbursementInput;
};

export type MutationPublishCommunityEventArgs = {
  input: CommunityEventActionInput;
};

export type MutationPublishFundDisbursementArgs = {
  input: PublishFundDisbursementInput;
};

export type MutationRecordFundDonationArgs = {
  input: RecordFundDonationInput;
};

export type MutationRecordMediationSessionArgs = {
  input: RecordMediationSessionInput;
};

export type MutationRecordPartyAppraisalArgs = {
  input: RecordPartyAppraisalInput;
};

export type MutationRecordPartyMeetingArgs = {
  input: RecordPartyMeetingInput;
};

export type MutationRecordPartyTrainingSessionArgs = {
  input: RecordPartyTrainingSessionInput;
};

export type MutationRecordResidentDeathArgs = {
  input: RecordResidentDeathInput;
};

export type MutationRecordTeamAwardArgs = {
  input: RecordTeamAwardInput;
};

export type MutationRecordVolunteerHoursArgs = {
  input: RecordVolunteerHoursInput;
};

export type MutationRedeliverWebhookDeliveryArgs = {
  input: RedeliverWebhookDeliveryInput;
};

export type MutationRedrawGridArgs = {
  input: RedrawGridInput;
};

export type MutationRegisterBuildingArgs = {
  input: RegisterBuildingInput;
};

export type MutationRegisterCommunityArgs = {
  input: RegisterCommunityInput;
};

export type MutationRegisterForEventArgs = {
  input: RegisterForEventInput;
};

export type MutationRegisterFundDonorArgs = {
  input: RegisterFundDonorInput;
};

export type MutationRegisterGridArgs = {
  input: RegisterGridInput;
};

export type MutationRegisterHouseholdArgs = {
  input: RegisterHouseholdInput;
};

export type MutationRegisterOrganizationArgs = {
  input: RegisterOrganizationInput;
};

export type MutationRegisterResidentArgs = {
  input: RegisterResidentInput;
};

export type MutationRegisterStaffArgs = {
  input: RegisterStaffInput;
};

export type MutationRegisterStreetArgs = {
  input: RegisterStreetInput;
};

export type MutationRegisterVenueArgs = {
  input: RegisterVenueInput;
};

export type MutationRegisterWebhookArgs = {
  input: RegisterWebhookInput;
};

export type MutationRejectCaseArgs = {
  input: CaseReasonInput;
};

export type MutationRemoveTeamMemberArgs = {
  input: RemoveTeamMemberInput;
};

export type MutationRenameCommunityArgs = {
  input: RenameCommunityInput;
};

export type MutationRenameGridArgs = {
  input: RenameGridInput;
};

export type MutationRenameStreetArgs = {
  input: RenameStreetInput;
};

export type MutationReopenCaseArgs = {
  input: CaseReasonInput;
};

export type MutationRequestPartyTransferArgs = {
  input: RequestPartyTransferInput;
};

export type MutationRescheduleCommunityEventArgs = {
  input: RescheduleCommunityEventInput;
};

export type MutationResolveCaseArgs = {
  input: ResolveCaseInput;
};

export type MutationResolveFundDisbursementChallengeArgs = {
  input: ResolveFundDisbursementChallengeInput;
};

export type MutationReturnEscalationArgs = {
  input: CaseReasonInput;
};

export type MutationReverseFundLedgerEntryArgs = {
  input: ReverseFundLedgerEntryInput;
};

export type MutationReviewCareCategoryArgs = {
  input: ReviewCareCategoryInput;
};

export type MutationRevokeApiKeyArgs = {
  id: Scalars['ID']['input'];
};

export type MutationSetPartyYearPlanArgs = {
  input: SetPartyYearPlanInput;
};

export type MutationStartCaseArgs = {
  input: CaseNoteInput;
};

export type MutationStartCommunityEventArgs = {
  input: CommunityEventActionInput;
};

export type MutationStartMediationArgs = {
  input: StartMediationInput;
};

export type MutationUpdateHouseholdArgs = {
  input: UpdateHouseholdInput;
};

export type MutationUpdateResidentArgs = {
  input: UpdateResidentInput;
};

export type MutationWithdrawFundDisbursementArgs = {
  input: WithdrawFundDisbursementInput;
};

/** 部门提名流动红旗岗人选 */
export type NominateRedFlagInput = {
  /** 提名部门 */
  department: Department;
  /** 评选期 YYYY-MM */
  period: Scalars['String']['input'];
  /** 提名理由 */
  reason?: InputMaybe<Scalars['String']['input']>;
  /** 被提名的社区工作者编号 */
  staffId: Scalars['ID']['input'];
};

/** 登记事项 */
export type OpenCaseInput = {
  /** 事项类别（决定承办部门和办理时限） */
  category: CaseCategory;
  /** 受理渠道 */
  channel: CaseChannel;
  /** 事项内容 */
  description: Scalars['String']['input'];
  /** 优先级（默认 一般） */
  priority?: InputMaybe<CasePriority>;
  /** 反映人（居民编号）；匿名反映时不填 */
  reporterId?: InputMaybe<Scalars['ID']['input']>;
  /** 工作类型（默认：上级转办为临时任务，其余为日常工作） */
  workType?: InputMaybe<CaseWorkType>;
};

/** 登记事项的结果 */
export type OpenCasePayload = {
  __typename?: 'OpenCasePayload';
  /** 新登记的事项 */
  case: Case;
};

/** 开展定向资助项目的年度批次 */
export type OpenFundProgrammeRoundInput = {
  /** 预算（分） */
  budgetFen: Scalars['Int']['input'];
  /** 申请截止日期 */
  closesOn: Scalars['Date']['input'];
  /** 申请开始日期 */
  opensOn: Scalars['Date']['input'];
  /** 项目编号 */
  programmeId: Scalars['ID']['input'];
  /** 年度 */
  year: Scalars['Int']['input'];
};

/** 开展年度批次的结果 */
export type OpenFundProgrammeRoundPayload = {
  __typename?: 'OpenFundProgrammeRoundPayload';
  /** 年度批次 */
  round: FundProgrammeRound;
};

/** 辖区单位 / 社会组织 / 共建单位（由居民服务提供；文化活动服务补充其赞助的活动） */
export type Organization = {
  __typename?: 'Organization';
  /** 地址 */
  address?: Maybe<Scalars['String']['output']>;
  /** 所在网格 */
  grid?: Maybe<Grid>;
  /** 单位编号 */
  id: Scalars['ID']['output'];
  /** 类别 */
  kind: OrganizationKind;
  /** 成员/志愿者人数 */
  memberCount?: Maybe<Scalars['Int']['output']>;
  /** 名称 */
  name: Scalars['String']['output'];
  /** 该单位赞助的活动（最近的在前；无 events:read 权限时为空；活动服务不可用时为 null 并附错误） */
  sponsoredEvents?: Maybe<Array<CommunityEvent>>;
};

/** 辖区单位 / 社会组织 / 共建单位（由居民服务提供；文化活动服务补充其赞助的活动） */
export type OrganizationSponsoredEventsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** 组织列表（Relay 游标分页） */
export type OrganizationConnection = {
  __typename?: 'OrganizationConnection';
  /** 本页数据 */
  edges: Array<OrganizationEdge>;
  /** 分页信息 */
  pageInfo: PageInfo;
  /** 符合条件的总条数 */
  totalCount: Scalars['Int']['output'];
};

/** 组织（分页中的一条） */
export type OrganizationEdge = {
  __typename?: 'OrganizationEdge';
  /** 这一条的游标 */
  cursor: Scalars['String']['output'];
  /** 组织 */
  node: Organization;
};

/** 组织筛选条件 */
export type OrganizationFilter = {
  /** 类别 */
  kind?: InputMaybe<OrganizationKind>;
  /** 名称包含 */
  nameContains?: InputMaybe<Scalars['String']['input']>;
};

/** 组织类别 */
export type OrganizationKind =
  /** 辖区单位（企事业单位） */
  | 'JURISDICTION_UNIT'
  /** 共建单位 */
  | 'PARTNER_UNIT'
  /** 社会组织 */
  | 'SOCIAL_ORGANIZATION'
  /** 志愿服务队 */
  | 'VOLUNTEER_TEAM';

/** 登记组织的结果 */
export type OrganizationPayload = {
  __typename?: 'OrganizationPayload';
  /** 组织 */
  organization: Organization;
};

/** 分页信息（Relay 游标分页） */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** 本页最后一条的游标（传给 after 取下一页） */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** 之后是否还有数据 */
  hasNextPage: Scalars['Boolean']['output'];
  /** 之前是否还有数据 */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** 本页第一条的游标 */
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** 民主评议党员结果（每年一次） */
export type PartyAppraisal = {
  __typename?: 'PartyAppraisal';
  /** 等次 */
  grade: PartyAppraisalGrade;
  /** 评议年度 */
  year: Scalars['Int']['output'];
};

/** 民主评议党员等次 */
export type PartyAppraisalGrade =
  /** 基本合格 */
  | 'BASICALLY_QUALIFIED'
  /** 优秀 */
  | 'EXCELLENT'
  /** 合格 */
  | 'QUALIFIED'
  /** 不合格 */
  | 'UNQUALIFIED';

/** 民主评议登记结果 */
export type PartyAppraisalPayload = {
  __typename?: 'PartyAppraisalPayload';
  /** 评议结果 */
  appraisal: PartyAppraisal;
};

/** 党支部三会一课达标率（不含个人信息） */
export type PartyBranchComplianceRate = {
  __typename?: 'PartyBranchComplianceRate';
  /** 党支部名称 */
  organizationName: Scalars['String']['output'];
  /** 总体达标率（0–1） */
  overallRate?: Maybe<Scalars['Float']['output']>;
  /** 各类会议达标情况 */
  summary: Array<PartyMeetingComplianceSummary>;
  /** 年度 */
  year: Scalars['Int']['output'];
};

/** 当前发展梯队（在册） */
export type PartyDevelopmentPipeline = {
  __typename?: 'PartyDevelopmentPipeline';
  /** 入党积极分子 */
  activists: Scalars['Int']['output'];
  /** 入党申请人 */
  applicants: Scalars['Int']['output'];
  /** 发展对象 */
  developmentTargets: Scalars['Int']['output'];
  /** 预备党员 */
  probationary: Scalars['Int']['output'];
};

/** 年度发展党员计划完成情况 */
export type PartyDevelopmentPlan = {
  __typename?: 'PartyDevelopmentPlan';
  /** 本年确定入党积极分子 */
  activistsDesignated: Scalars['Int']['output'];
  /** 已接收预备党员 */
  admitted: Scalars['Int']['output'];
  /** 本年递交入党申请 */
  applications: Scalars['Int']['output'];
  /** 本年转为正式党员 */
  convertedToFull: Scalars['Int']['output'];
  /** 本年列为发展对象 */
  developmentTargetsDesignated: Scalars['Int']['output'];
  /** 当前发展梯队 */
  pipeline: PartyDevelopmentPipeline;
  /** 尚差人数 */
  remaining: Scalars['Int']['output'];
  /** 发展目标（接收预备党员人数，默认每年 5 名） */
  target: Scalars['Int']['output'];
  /** 年度 */
  year: Scalars['Int']['output'];
};

/** 组织生活会议（三会一课、主题党日、组织生活会） */
export type PartyMeeting = {
  __typename?: 'PartyMeeting';
  /** 参会登记 */
  attendance: Array<PartyMeetingAttendance>;
  /** 召开日期 */
  heldOn: Scalars['Date']['output'];
  /** 会议编号 */
  id: Scalars['ID']['output'];
  /** 会议记录 */
  minutes?: Maybe<Scalars['String']['output']>;
  /** 召开的党组织 */
  organization: PartyOrganization;
  /** 主讲人或主持人 */
  speaker?: Maybe<Scalars['String']['output']>;
  /** 主题 */
  topic: Scalars['String']['output'];
  /** 会议类型 */
  type: PartyMeetingType;
};

/** 参会登记 */
export type PartyMeetingAttendance = {
  __typename?: 'PartyMeetingAttendance';
  /** 党员 */
  member?: Maybe<PartyMember>;
  /** 出席、请假或缺席 */
  status: PartyMeetingAttendanceStatus;
};

/** 一名党员的参会情况 */
export type PartyMeetingAttendanceInput = {
  /** 党员编号 */
  memberId: Scalars['ID']['input'];
  /** 出席、请假或缺席 */
  status: PartyMeetingAttendanceStatus;
};

/** 党员全年参会情况 */
export type PartyMeetingAttendanceRate = {
  __typename?: 'PartyMeetingAttendanceRate';
  /** 缺席次数 */
  absent: Scalars['Int']['output'];
  /** 请假次数 */
  excused: Scalars['Int']['output'];
  /** 党员 */
  member?: Maybe<PartyMember>;
  /** 出席次数 */
  present: Scalars['Int']['output'];
  /** 出席率（0–1） */
  rate: Scalars['Float']['output'];
};

/** 参会情况 */
export type PartyMeetingAttendanceStatus =
  /** 缺席 */
  | 'ABSENT'
  /** 请假 */
  | 'EXCUSED'
  /** 出席 */
  | 'PRESENT';

/** 三会一课落实情况：支部党员大会、党课每季度，支委会、党小组会每月 */
export type PartyMeetingCompliance = {
  __typename?: 'PartyMeetingCompliance';
  /** 党员参会率 */
  attendance: Array<PartyMeetingAttendanceRate>;
  /** 党组织 */
  organization: PartyOrganization;
  /** 各周期应开与实开 */
  periods: Array<PartyMeetingCompliancePeriod>;
  /** 各类会议达标汇总 */
  summary: Array<PartyMeetingComplianceSummary>;
  /** 年度 */
  year: Scalars['Int']['output'];
};

/** 某类会议在一个周期内应开与实开 */
export type PartyMeetingCompliancePeriod = {
  __typename?: 'PartyMeetingCompliancePeriod';
  /** 周期是否已结束（未结束的不计入达标率） */
  ended: Scalars['Boolean']['output'];
  /** 实开次数（同一组织同一周期多次按一次计） */
  held: Scalars['Int']['output'];
  /** 是否达标 */
  met: Scalars['Boolean']['output'];
  /** 周期：季度如 2026-Q1，月份如 2026-03 */
  period: Scalars['String']['output'];
  /** 应开次数（党小组会为党小组数） */
  required: Scalars['Int']['output'];
  /** 会议类型 */
  type: PartyMeetingType;
};

/** 某类会议全年达标情况 */
export type PartyMeetingComplianceSummary = {
  __typename?: 'PartyMeetingComplianceSummary';
  /** 达标周期数 */
  metPeriods: Scalars['Int']['output'];
  /** 达标率（0–1）；尚无结束的周期时为空 */
  rate?: Maybe<Scalars['Float']['output']>;
  /** 已结束的应开周期数 */
  requiredPeriods: Scalars['Int']['output'];
  /** 会议类型 */
  type: PartyMeetingType;
};

/** 组织生活会议列表（Relay 游标分页） */
export type PartyMeetingConnection = {
  __typename?: 'PartyMeetingConnection';
  /** 本页数据 */
  edges: Array<PartyMeetingEdge>;
  /** 分页信息 */
  pageInfo: PageInfo;
  /** 符合条件的总条数 */
  totalCount: Scalars['Int']['output'];
};

/** 组织生活会议（分页中的一条） */
export type PartyMeetingEdge = {
  __typename?: 'PartyMeetingEdge';
  /** 这一条的游标 */
  cursor: Scalars['String']['output'];
  /** 组织生活会议 */
  node: PartyMeeting;
};

/** 组织生活类型（三会一课等） */
export type PartyMeetingType =
  /** 支委会 */
  | 'COMMITTEE_MEETING'
  /** 支部党员大会 */
  | 'GENERAL_ASSEMBLY'
  /** 党小组会 */
  | 'GROUP_MEETING'
  /** 组织生活会 */
  | 'ORGANIZATIONAL_LIFE'
  /** 党课 */
  | 'PARTY_LECTURE'
  /** 主题党日 */
  | 'THEMED_PARTY_DAY';

/** 党员（含入党申请人、积极分子、发展对象、预备党员） */
export type PartyMember = {
  __typename?: 'PartyMember';
  /** 确定为入党积极分子日期 */
  activistOn?: Maybe<Scalars['Date']['output']>;
  /** 递交入党申请日期 */
  appliedOn?: Maybe<Scalars['Date']['output']>;
  /** 历年民主评议结果（最多 100 条） */
  appraisals: Array<PartyAppraisal>;
  /** 所在党支部 */
  branch: PartyOrganization;
  /** 列为发展对象日期 */
  developmentTargetOn?: Maybe<Scalars['Date']['output']>;
  /** 待跟进原因（居民死亡或迁出时标记，档案不删除） */
  followUpReason?: Maybe<PartyMemberFollowUpReason>;
  /** 待跟进起始日期 */
  followUpSince?: Maybe<Scalars['Date']['output']>;
  /** 转为正式党员日期 */
  fullMemberOn?: Maybe<Scalars['Date']['output']>;
  /** 所在党小组 */
  group?: Maybe<PartyOrganization>;
  /** 党员编号 */
  id: Scalars['ID']['output'];
  /** 党员类型 */
  memberType: PartyMemberType;
  /** 取消预备党员资格日期 */
  probationCancelledOn?: Maybe<Scalars['Date']['output']>;
  /** 预备期满日（最早可转正日期） */
  probationEndsOn?: Maybe<Scalars['Date']['output']>;
  /** 延长后的预备期满日 */
  probationExtendedUntil?: Maybe<Scalars['Date']['output']>;
  /** 接收为预备党员日期（入党日期） */
  probationaryOn?: Maybe<Scalars['Date']['output']>;
  /** 对应的居民（居民档案无法解析时为空，并在 errors 中说明） */
  resident?: Maybe<Resident>;
  /** 发展阶段 */
  stage: PartyMemberStage;
  /** 发展阶段变更记录（最多 100 条） */
  stageHistory: Array<PartyMemberStageChange>;
  /** 进入当前阶段的日期 */
  stageSince: Scalars['Date']['output'];
  /** 组织关系状态 */
  status: PartyMemberStatus;
  /** 累计志愿服务时长（分钟），来自活动服务的志愿时长记录 */
  volunteerMinutes: Scalars['Int']['output'];
};

/** 党员（含入党申请人、积极分子、发展对象、预备党员） */
export type PartyMemberVolunteerMinutesArgs = {
  year?: InputMaybe<Scalars['Int']['input']>;
};

/** 党员列表（Relay 游标分页） */
export type PartyMemberConnection = {
  __typename?: 'PartyMemberConnection';
  /** 本页数据 */
  edges: Array<PartyMemberEdge>;
  /** 分页信息 */
  pageInfo: PageInfo;
  /** 符合条件的总条数 */
  totalCount: Scalars['Int']['output'];
};

/** 党员（分页中的一条） */
export type PartyMemberEdge = {
  __typename?: 'PartyMemberEdge';
  /** 这一条的游标 */
  cursor: Scalars['String']['output'];
  /** 党员 */
  node: PartyMember;
};

/** 党员筛选条件 */
export type PartyMemberFilter = {
  /** 党支部编号 */
  branchId?: InputMaybe<Scalars['ID']['input']>;
  /** 待跟进原因 */
  followUpReason?: InputMaybe<PartyMemberFollowUpReason>;
  /** 党员类型 */
  memberType?: InputMaybe<PartyMemberType>;
  /** 发展阶段 */
  stage?: InputMaybe<PartyMemberStage>;
  /** 组织关系状态 */
  status?: InputMaybe<PartyMemberStatus>;
};

/** 党员档案待跟进原因 */
export type PartyMemberFollowUpReason =
  /** 居民已死亡（待办理党籍注销等手续） */
  | 'DECEASED'
  /** 居民已迁出（待办理组织关系转出） */
  | 'MOVED_OUT';

/** 党员操作结果 */
export type PartyMemberPayload = {
  __typename?: 'PartyMemberPayload';
  /** 党员 */
  member: PartyMember;
};

/** 党员发展阶段 */
export type PartyMemberStage =
  /** 入党积极分子 */
  | 'ACTIVIST'
  /** 入党申请人 */
  | 'APPLICANT'
  /** 发展对象 */
  | 'DEVELOPMENT_TARGET'
  /** 正式党员 */
  | 'FULL_MEMBER'
  /** 预备党员 */
  | 'PROBATIONARY';

/** 发展阶段变更记录（含延长预备期、取消预备党员资格） */
export type PartyMemberStageChange = {
  __typename?: 'PartyMemberStageChange';
  /** 日期 */
  changedOn: Scalars['Date']['output'];
  /** 原阶段（建档时为空） */
  fromStage?: Maybe<PartyMemberStage>;
  /** 记录类型：STAGE_CHANGED 阶段变更，PROBATION_EXTENDED 延长预备期，PROBATION_CANCELLED 取消预备党员资格 */
  kind: Scalars['String']['output'];
  /** 说明 */
  note?: Maybe<Scalars['String']['output']>;
  /** 新阶段 */
  toStage: PartyMemberStage;
};

/** 党员组织关系状态 */
export type PartyMemberStatus =
  /** 在册 */
  | 'ACTIVE'
  /** 已取消预备党员资格 */
  | 'PROBATION_CANCELLED'
  /** 已转出 */
  | 'TRANSFERRED_OUT';

/** 党员类型 */
export type PartyMemberType =
  /** 社区党员（组织关系在社区） */
  | 'COMMUNITY'
  /** 在职党员（到社区报到） */
  | 'EMPLOYED_REPORTING'
  /** 流动党员 */
  | 'MOBILE'
  /** 离退休党员 */
  | 'RETIRED';

/** 党组织：社区党委、党总支、党支部或党小组 */
export type PartyOrganization = {
  __typename?: 'PartyOrganization';
  /** 下级党组织 */
  children: Array<PartyOrganization>;
  /** 成立日期 */
  establishedOn?: Maybe<Scalars['Date']['output']>;
  /** 变更历史（按日期先后，最多 100 条） */
  history: Array<PartyOrganizationChange>;
  /** 党组织编号 */
  id: Scalars['ID']['output'];
  /** 层级 */
  level: PartyOrganizationLevel;
  /** 本组织的党员（党支部：编入本支部的；党小组：编入本小组的；上级组织：下属各支部的），含已转出记录 */
  members: PartyMemberConnection;
  /** 名称，如 中共莲秀社区委员会、第一党支部 */
  name: Scalars['String']['output'];
  /** 上级党组织 */
  parent?: Maybe<PartyOrganization>;
  /** 书记（居民） */
  secretary?: Maybe<Resident>;
};

/** 党组织：社区党委、党总支、党支部或党小组 */
export type PartyOrganizationMembersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** 党组织变更记录（成立、升格、更名、书记变更） */
export type PartyOrganizationChange = {
  __typename?: 'PartyOrganizationChange';
  /** 变更日期 */
  changedOn: Scalars['Date']['output'];
  /** 变更前（层级代码、名称或书记居民编号） */
  fromValue?: Maybe<Scalars['String']['output']>;
  /** 变更类型 */
  kind: PartyOrganizationChangeKind;
  /** 依据或说明，如 批复文号 */
  note?: Maybe<Scalars['String']['output']>;
  /** 变更后 */
  toValue?: Maybe<Scalars['String']['output']>;
};

/** 党组织变更类型 */
export type PartyOrganizationChangeKind =
  /** 成立 */
  | 'ESTABLISHED'
  /** 层级调整（如 党总支升格为党委） */
  | 'LEVEL_CHANGED'
  /** 更名 */
  | 'RENAMED'
  /** 书记变更 */
  | 'SECRETARY_CHANGED';

/** 党组织列表（Relay 游标分页） */
export type PartyOrganizationConnection = {
  __typename?: 'PartyOrganizationConnection';
  /** 本页数据 */
  edges: Array<PartyOrganizationEdge>;
  /** 分页信息 */
  pageInfo: PageInfo;
  /** 符合条件的总条数 */
  totalCount: Scalars['Int']['output'];
};

/** 党组织（分页中的一条） */
export type PartyOrganizationEdge = {
  __typename?: 'PartyOrganizationEdge';
  /** 这一条的游标 */
  cursor: Scalars['String']['output'];
  /** 党组织 */
  node: PartyOrganization;
};

/** 党组织层级 */
export type PartyOrganizationLevel =
  /** 党支部 */
  | 'BRANCH'
  /** 社区党委 */
  | 'COMMITTEE'
  /** 党总支 */
  | 'GENERAL_BRANCH'
  /** 党小组 */
  | 'GROUP';

/** 党组织操作结果 */
export type PartyOrganizationPayload = {
  __typename?: 'PartyOrganizationPayload';
  /** 党组织 */
  organization: PartyOrganization;
};

/** 党建统计分组维度 */
export type PartyStatisticsDimension =
  /** 年龄段 */
  | 'AGE_BAND'
  /** 性别 */
  | 'GENDER'
  /** 党员类型 */
  | 'MEMBER_TYPE'
  /** 所在党支部 */
  | 'ORGANIZATION'
  /** 发展阶段 */
  | 'STAGE';

/** 党建统计的一组（只有计数，不含个人信息） */
export type PartyStatisticsGroup = {
  __typename?: 'PartyStatisticsGroup';
  /**
   * 年龄段：UNDER_36、AGE_36_45、AGE_46_60、AGE_61_70、OVER_70（按 AGE_BAND 分组时）
   * @deprecated 请改用 keys：各维度的取值（代码或编号）与中文名称，顺序同 groupBy
   */
  ageBand?: Maybe<Scalars['String']['output']>;
  /** 人数（无权查看党员名单的角色：少于阈值或可由合计反推时为空，见 suppressed） */
  count?: Maybe<Scalars['Int']['output']>;
  /**
   * 性别（按 GENDER 分组时）
   * @deprecated 请改用 keys：各维度的取值（代码或编号）与中文名称，顺序同 groupBy
   */
  gender?: Maybe<Gender>;
  /** 各维度的取值与中文名称（顺序同 groupBy；党支部为编号与名称，年龄段为代码与中文名称） */
  keys: Array<PartyStatisticsKey>;
  /**
   * 党员类型（按 MEMBER_TYPE 分组时）
   * @deprecated 请改用 keys：各维度的取值（代码或编号）与中文名称，顺序同 groupBy
   */
  memberType?: Maybe<PartyMemberType>;
  /**
   * 党支部名称（按 ORGANIZATION 分组时）
   * @deprecated 请改用 keys：各维度的取值（代码或编号）与中文名称，顺序同 groupBy
   */
  organization?: Maybe<Scalars['String']['output']>;
  /**
   * 发展阶段（按 STAGE 分组时）
   * @deprecated 请改用 keys：各维度的取值（代码或编号）与中文名称，顺序同 groupBy
   */
  stage?: Maybe<PartyMemberStage>;
  /** 人数为空的原因（统计披露控制）；未抑制时为空 */
  suppressed?: Maybe<Scalars['String']['output']>;
};

/** 分组的一个维度取值 */
export type PartyStatisticsKey = {
  __typename?: 'PartyStatisticsKey';
  /** 维度 */
  dimension: PartyStatisticsDimension;
  /** 中文名称 */
  label: Scalars['String']['output'];
  /** 取值（党支部为编号，其余为枚举代码；未知为 UNKNOWN） */
  value: Scalars['String']['output'];
};

/** 年度培训人次与目标 */
export type PartyTrainingProgress = {
  __typename?: 'PartyTrainingProgress';
  /** 各次培训（按日期） */
  sessions: Array<PartyTrainingProgressRow>;
  /** 人次目标 */
  target: Scalars['Int']['output'];
  /** 累计人次 */
  total: Scalars['Int']['output'];
  /** 年度 */
  year: Scalars['Int']['output'];
};

/** 一次培训及累计人次 */
export type PartyTrainingProgressRow = {
  __typename?: 'PartyTrainingProgressRow';
  /** 截至本次的累计人次 */
  runningTotal: Scalars['Int']['output'];
  /** 培训 */
  session: PartyTrainingSession;
};

/** 党员培训（如 党校现场教学） */
export type PartyTrainingSession = {
  __typename?: 'PartyTrainingSession';
  /** 参训人数 */
  headCount: Scalars['Int']['output'];
  /** 日期 */
  heldOn: Scalars['Date']['output'];
  /** 编号 */
  id: Scalars['ID']['output'];
  /** 地点 */
  location?: Maybe<Scalars['String']['output']>;
  /** 名称 */
  title: Scalars['String']['output'];
};

/** 登记培训结果 */
export type PartyTrainingSessionPayload = {
  __typename?: 'PartyTrainingSessionPayload';
  /** 培训 */
  session: PartyTrainingSession;
};

/** 组织关系转接（转入或转出） */
export type PartyTransfer = {
  __typename?: 'PartyTransfer';
  /** 本社区的党支部（转入的接收支部或转出的原支部） */
  branch?: Maybe<PartyOrganization>;
  /** 来源事项编号（由事项服务的组织关系转接事项生成时） */
  caseId?: Maybe<Scalars['ID']['output']>;
  /** 办结日期 */
  completedOn?: Maybe<Scalars['Date']['output']>;
  /** 方向 */
  direction: PartyTransferDirection;
  /** 对方党组织：转入时为原党组织，转出时为接收党组织 */
  externalOrganization?: Maybe<Scalars['String']['output']>;
  /** 转接编号 */
  id: Scalars['ID']['output'];
  /** 介绍信编号 */
  letterNumber?: Maybe<Scalars['String']['output']>;
  /** 党员（转入的在办结后才有） */
  member?: Maybe<PartyMember>;
  /** 介绍信接收日期 */
  receivedOn?: Maybe<Scalars['Date']['output']>;
  /** 申请日期 */
  requestedOn: Scalars['Date']['output'];
  /** 居民 */
  resident?: Maybe<Resident>;
  /** 介绍信开出日期 */
  sentOn?: Maybe<Scalars['Date']['output']>;
  /** 状态 */
  status: PartyTransferStatus;
};

/** 组织关系转接列表（Relay 游标分页） */
export type PartyTransferConnection = {
  __typename?: 'PartyTransferConnection';
  /** 本页数据 */
  edges: Array<PartyTransferEdge>;
  /** 分页信息 */
  pageInfo: PageInfo;
  /** 符合条件的总条数 */
  totalCount: Scalars['Int']['output'];
};

/** 组织关系转接方向 */
export type PartyTransferDirection =
  /** 转入 */
  | 'IN'
  /** 转出 */
  | 'OUT';

/** 组织关系转接（分页中的一条） */
export type PartyTransferEdge = {
  __typename?: 'PartyTransferEdge';
  /** 这一条的游标 */
  cursor: Scalars['String']['output'];
  /** 组织关系转接 */
  node: PartyTransfer;
};

/** 组织关系转接操作结果 */
export type PartyTransferPayload = {
  __typename?: 'PartyTransferPayload';
  /** 转接记录 */
  transfer: PartyTransfer;
};

/** 组织关系转接状态 */
export type PartyTransferStatus =
  /** 已办结 */
  | 'COMPLETED'
  /** 介绍信已接收 */
  | 'RECEIVED'
  /** 已申请 */
  | 'REQUESTED'
  /** 介绍信已开出 */
  | 'SENT';

/** 发放救助（公示期满后） */
export type PayFundDisbursementInput = {
  /** 救助编号 */
  disbursementId: Scalars['ID']['input'];
};

/** 个人信息访问审计记录列表（Relay 游标分页） */
export type PiiAuditTrailConnection = {
  __typename?: 'PiiAuditTrailConnection';
  /** 本页数据 */
  edges: Array<PiiAuditTrailEdge>;
  /** 分页信息 */
  pageInfo: PageInfo;
  /** 符合条件的总条数 */
  totalCount: Scalars['Int']['output'];
};

/** 个人信息访问审计记录（分页中的一条） */
export type PiiAuditTrailEdge = {
  __typename?: 'PiiAuditTrailEdge';
  /** 这一条的游标 */
  cursor: Scalars['String']['output'];
  /** 个人信息访问审计记录 */
  node: PiiAuditTrailEntry;
};

/** 个人信息未脱敏读取审计记录（来自任一服务） */
export type PiiAuditTrailEntry = {
  __typename?: 'PiiAuditTrailEntry';
  /** 调用方所属社区、街道或区的编码（账号的社区声明） */
  callerCommunityId?: Maybe<Scalars['String']['output']>;
  /** 调用方部门 */
  callerDepartment?: Maybe<Scalars['String']['output']>;
  /** 调用方编号（用户编号或 API 密钥编号） */
  callerId: Scalars['String']['output'];
  /** 调用方类型：user 用户或 machine 区级平台 */
  callerKind: Scalars['String']['output'];
  /** 调用方角色 */
  callerRoles: Array<Scalars['String']['output']>;
  /** 被读取者所属社区（12 位社区编码）；条件读取及 2026-12-06 之前的记录为调用方的社区声明 */
  communityId: Scalars['String']['output'];
  /** 未脱敏读取的字段（age 为由出生日期推出的周岁年龄） */
  fields: Array<Scalars['String']['output']>;
  /** 记录编号 */
  id: Scalars['ID']['output'];
  /** GraphQL 操作名 */
  operation: Scalars['String']['output'];
  /** 按条件读取（如按关爱对象类别筛选的名单）时的条件：该记录代表条件匹配到的全部居民，按居民查询时展开为本人 */
  predicate?: Maybe<Scalars['String']['output']>;
  /** 条件读取匹配到的居民人数（读取时） */
  predicateCount?: Maybe<Scalars['Int']['output']>;
  /** 读取时间 */
  readAt: Scalars['DateTime']['output'];
  /** 请求编号（网关 x-request-id） */
  requestId: Scalars['String']['output'];
  /** 提供数据的服务（residents、cases、partybuilding、events） */
  service: Scalars['String']['output'];
  /** 居民编号或住户编号 */
  subjectId: Scalars['ID']['output'];
  /** 个人信息主体类型：Resident 居民或 Household 住户 */
  subjectType: Scalars['String']['output'];
};

/** 审计记录筛选（各条件同时满足） */
export type PiiAuditTrailFilter = {
  /** 调用方编号（用户编号或 API 密钥编号） */
  callerId?: InputMaybe<Scalars['String']['input']>;
  /** 起始时间（含） */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** 被读取的居民（或住户）编号 */
  residentId?: InputMaybe<Scalars['ID']['input']>;
  /** 截止时间（不含） */
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

/** 策划活动（预订场地，状态为筹备中） */
export type PlanCommunityEventInput = {
  /** 面向人群（默认全体居民） */
  audience?: InputMaybe<EventAudience>;
  /** 名额（为空表示不限；不得超过场地容纳人数） */
  capacity?: InputMaybe<Scalars['Int']['input']>;
  /** 活动简介 */
  description?: InputMaybe<Scalars['String']['input']>;
  /** 结束时间 */
  endsAt: Scalars['DateTime']['input'];
  /** 主办部门（部门主办时必填） */
  organiserDepartment?: InputMaybe<EventOrganiserDepartment>;
  /** 主办方类别 */
  organiserKind: EventOrganiserKind;
  /** 主办单位编号（共建单位主办时必填） */
  organiserOrganizationId?: InputMaybe<Scalars['ID']['input']>;
  /** 主办团队编号（团队主办时必填） */
  organiserTeamId?: InputMaybe<Scalars['ID']['input']>;
  /** 排练所属的晚会编号（类型为排练时） */
  rehearsalForId?: InputMaybe<Scalars['ID']['input']>;
  /** 开始时间 */
  startsAt: Scalars['DateTime']['input'];
  /** 活动名称 */
  title: Scalars['String']['input'];
  /** 活动类型 */
  type: CommunityEventType;
  /** 场地编号（与同一场地的其他活动时间不得重叠） */
  venueId?: InputMaybe<Scalars['ID']['input']>;
};

/** 主动服务任务（由规则生成，走访或立案后关闭） */
export type ProactiveTask = {
  __typename?: 'ProactiveTask';
  /** 关闭时间 */
  closedAt?: Maybe<Scalars['DateTime']['output']>;
  /** 关闭原因 */
  closedBy?: Maybe<ProactiveTaskClosing>;
  /** 关闭它的走访或事项编号 */
  closingRef?: Maybe<Scalars['ID']['output']>;
  /** 生成时间 */
  createdAt: Scalars['DateTime']['output'];
  /** 应完成日期（YYYY-MM-DD） */
  dueOn: Scalars['String']['output'];
  /** 所属网格 */
  grid?: Maybe<Grid>;
  /** 任务编号 */
  id: Scalars['ID']['output'];
  /** 生成原因 */
  reason: Scalars['String']['output'];
  /** 服务对象（居民档案无法解析时为空，并在 errors 中说明） */
  resident?: Maybe<Resident>;
  /** 规则编码，如 ELDERLY_NO_CONTACT */
  rule: Scalars['String']['output'];
  /** 状态 */
  status: ProactiveTaskStatus;
};

/** 主动服务任务关闭原因 */
export type ProactiveTaskClosing =
  /** 立案办理 */
  | 'CASE'
  /** 不再适用 */
  | 'NO_LONGER_APPLIES'
  /** 居民死亡 */
  | 'RESIDENT_DECEASED'
  /** 居民迁出 */
  | 'RESIDENT_MOVED_OUT'
  /** 走访 */
  | 'VISIT';

/** 主动服务任务列表（Relay 游标分页） */
export type ProactiveTaskConnection = {
  __typename?: 'ProactiveTaskConnection';
  /** 本页数据 */
  edges: Array<ProactiveTaskEdge>;
  /** 分页信息 */
  pageInfo: PageInfo;
  /** 符合条件的总条数 */
  totalCount: Scalars['Int']['output'];
};

/** 主动服务任务（分页中的一条） */
export type ProactiveTaskEdge = {
  __typename?: 'ProactiveTaskEdge';
  /** 这一条的游标 */
  cursor: Scalars['String']['output'];
  /** 主动服务任务 */
  node: ProactiveTask;
};

/** 主动服务任务筛选 */
export type ProactiveTaskFilter = {
  /** 居民编号 */
  residentId?: InputMaybe<Scalars['ID']['input']>;
  /** 规则编码 */
  rule?: InputMaybe<Scalars['String']['input']>;
  /** 状态 */
  status?: InputMaybe<ProactiveTaskStatus>;
};

/** 主动服务任务状态 */
export type ProactiveTaskStatus =
  /** 已关闭 */
  | 'CLOSED'
  /** 待处理 */
  | 'OPEN';

/** 提议救助（保障站） */
export type ProposeFundDisbursementInput = {
  /** 金额（分，整数） */
  amountFen: Scalars['Int']['input'];
  /** 关联的救助申请事项编号（社情民意服务） */
  caseId?: InputMaybe<Scalars['ID']['input']>;
  /** 受助住户编号（默认居民所在住户） */
  householdId?: InputMaybe<Scalars['ID']['input']>;
  /** 救助事由 */
  reason: FundDisbursementReason;
  /** 受助居民编号 */
  residentId: Scalars['ID']['input'];
  /** 情况说明 */
  statement: Scalars['String']['input'];
};

/** 公示救助（自今日起） */
export type PublishFundDisbursementInput = {
  /** 救助编号 */
  disbursementId: Scalars['ID']['input'];
  /** 公示天数（默认 7 天） */
  publicityDays?: InputMaybe<Scalars['Int']['input']>;
};

export type Query = {
  __typename?: 'Query';
  /** 辖区内的区级平台 API 密钥（需 apikeys:manage；社区管理员本社区，街道、区级管理员辖区内各社区；不含密钥本身） */
  apiKeys?: Maybe<Array<ApiKey>>;
  /** 楼栋列表（需 residents:read） */
  buildings?: Maybe<BuildingConnection>;
  /** 下次复核日期早于指定日期（不含）的在册关爱记录（需 care:read） */
  careReviewsDue?: Maybe<ResidentCareRecordConnection>;
  /** 按编号查询事项（需 cases:read；仅限可见范围） */
  case?: Maybe<Case>;
  /** 事项统计（需 cases:statistics）：按维度分组的数量、按时办结率、平均办结时长、有效评议分布；不含个人信息；无权查看事项的角色（分析人员）按统计披露控制抑制小格（含未办结数），无评议查看权限者评议分布同样抑制 */
  caseStatistics?: Maybe<Array<CaseStatisticsGroup>>;
  /** 事项列表（需 cases:read；按受理先后；部门角色只见本部门事项，网格员只见本网格） */
  cases?: Maybe<CaseConnection>;
  /** 辖区内的社区（需 residents:read 或 residents:statistics），可按街道筛选 */
  communities?: Maybe<ResidentsCommunityConnection>;
  /** 调用者所在社区（需 residents:read） */
  community?: Maybe<ResidentsCommunity>;
  /** 按编号查询活动（需 events:read） */
  communityEvent?: Maybe<CommunityEvent>;
  /** 活动列表（需 events:read；按开始时间） */
  communityEvents?: Maybe<CommunityEventConnection>;
  /** 年度发展党员计划完成情况（需 party:read） */
  developmentPlan?: Maybe<PartyDevelopmentPlan>;
  /** 随机抽取评议人（需 cases:appraisal）：该工作者在考核期内服务过的不同居民，同一种子结果相同；无法解析的居民为 null 并附错误 */
  drawRaters?: Maybe<Array<Maybe<Resident>>>;
  /** 活动统计（需 events:statistics）：场次、报名、到场率、参加人数、老年人占比；不含个人信息；无权查看报名名单的角色（分析人员）按统计披露控制抑制小格 */
  eventStatistics?: Maybe<Array<EventStatisticsGroup>>;
  /** 居住证已过期（到期日早于今天）的在册流动人口，过期最久的在前（需 floating:read） */
  floatingResidentsExpired?: Maybe<ResidentConnection>;
  /** 居住证将于指定日期前（含）到期、今天尚未过期的在册流动人口（需 floating:read）；已过期的见 floatingResidentsExpired */
  floatingResidentsExpiring?: Maybe<ResidentConnection>;
  /** 本社区阳光爱心基金的余额（需 fund:read） */
  fund?: Maybe<Fund>;
  /** 阳光爱心基金年度报告（需 fund:statistics）：捐赠人仅在同意时具名（需 fund:read 才列出），受助人从不具名 */
  fundAnnualReport?: Maybe<FundAnnualReport>;
  /** 资助/救助申请（需 fund:read） */
  fundApplications?: Maybe<FundApplicationConnection>;
  /** 一笔救助（需 fund:read） */
  fundDisbursement?: Maybe<FundDisbursement>;
  /** 救助，按提议日期（需 fund:read） */
  fundDisbursements?: Maybe<FundDisbursementConnection>;
  /** 捐赠，按收到日期（需 fund:read） */
  fundDonations?: Maybe<FundDonationConnection>;
  /** 捐赠人（需 fund:read） */
  fundDonors?: Maybe<FundDonorConnection>;
  /** 基金台账，按序号（需 fund:read） */
  fundLedger?: Maybe<FundLedgerEntryConnection>;
  /** 基金年度收支：余额、按月与按救助事由（需 fund:statistics；分析人员为所辖社区合计） */
  fundLedgerSummary?: Maybe<FundLedgerSummary>;
  /** 资助项目（需 fund:read） */
  fundProgrammes?: Maybe<FundProgrammeConnection>;
  /** 每月一台晚会：某年各月是否已计划或举办晚会（需 events:read） */
  galaPlan?: Maybe<Array<GalaPlanMonth>>;
  /** 网格列表（需 residents:read；网格员只见本人网格），按网格编码排序，可按社区筛选 */
  grids?: Maybe<GridConnection>;
  /** 住户列表（需 residents:read）：可按网格、楼栋、住房性质筛选 */
  households?: Maybe<HouseholdConnection>;
  /** 三会一课落实情况（需 party:read）：各周期应开与实开、党员参会率 */
  meetingCompliance?: Maybe<PartyMeetingCompliance>;
  /** 组织列表：辖区单位、社会组织、共建单位、志愿服务队（需 organizations:read） */
  organizations?: Maybe<OrganizationConnection>;
  /** 各党支部三会一课达标率（需 party:statistics） */
  partyMeetingComplianceByBranch?: Maybe<Array<PartyBranchComplianceRate>>;
  /** 组织生活会议列表（需 party:read），新的在前 */
  partyMeetings?: Maybe<PartyMeetingConnection>;
  /** 按编号查询党员（需 party:read） */
  partyMember?: Maybe<PartyMember>;
  /** 党员列表（需 party:read） */
  partyMembers?: Maybe<PartyMemberConnection>;
  /** 按编号查询党组织（需 party:read） */
  partyOrganization?: Maybe<PartyOrganization>;
  /** 党组织列表（需 party:read），可按层级筛选 */
  partyOrganizations?: Maybe<PartyOrganizationConnection>;
  /** 党员统计（需 party:statistics）：在册人数按所选维度分组，只有计数；无权查看党员名单的角色按统计披露控制抑制小格，无权查看出生日期原值的角色按年龄段分组时同样受控 */
  partyStatistics?: Maybe<Array<PartyStatisticsGroup>>;
  /** 年度党员培训（党校现场教学等）人次与目标（需 party:read） */
  partyTrainingProgress?: Maybe<PartyTrainingProgress>;
  /** 按编号查询组织关系转接（需 party:read） */
  partyTransfer?: Maybe<PartyTransfer>;
  /** 组织关系转接列表（需 party:read），新申请在前 */
  partyTransfers?: Maybe<PartyTransferConnection>;
  /** 个人信息访问审计记录（需 audit:read）：汇总各服务的未脱敏读取，按被读取者所属社区归属（街道、区级账号或跨社区授权的部门读取本社区居民，本社区可见；其他社区居民的读取不可见），可按居民、调用方、时间段筛选，新的在前 */
  piiAuditTrail?: Maybe<PiiAuditTrailConnection>;
  /** 主动服务任务（需 cases:read；网格员只见本网格；由关爱对象类别产生的任务只对可查看关爱对象的角色可见） */
  proactiveTasks?: Maybe<ProactiveTaskConnection>;
  /** 流动红旗岗评选历史（需 party:read），近期在前 */
  redFlagPeriods?: Maybe<RedFlagPeriodConnection>;
  /** 流动红旗岗历年获评名单（需 party:read），按年度 */
  redFlagWinnersByYear?: Maybe<Array<RedFlagYearWinners>>;
  /** 按编号查询一位居民（需 residents:read；仅限可见范围） */
  resident?: Maybe<Resident>;
  /** 按身份证号查询居民（特权查询：需 residents:read 且可查看身份证号原值；每次查询记入审计） */
  residentByIdNumber?: Maybe<Resident>;
  /** 人口统计（需 residents:statistics）：按网格、楼栋、性别、年龄段、居住类型、关爱类别、状态分组计数；无权逐人查看居民的角色（分析人员）所有计数按统计披露控制抑制小格，无权查看的关爱类别同样抑制；无权查看出生日期原值的角色（如计生）按年龄段分组或按年龄筛选时，所有计数同样受控 */
  residentStatistics?: Maybe<ResidentStatistics>;
  /** 居民列表（需 residents:read）：可按网格、楼栋、住户、关爱对象类别、居住类型、状态、年龄、性别、姓名前缀筛选 */
  residents?: Maybe<ResidentConnection>;
  /** 社区工作者列表（需 organizations:read）：可按部门、网格筛选 */
  staff?: Maybe<StaffConnection>;
  /** 社区工作者或部门考核（需 cases:appraisal；季度或年度；日常工作与临时任务分列） */
  staffAppraisal?: Maybe<StaffAppraisal>;
  /** 辖区内的街道（需 residents:read 或 residents:statistics） */
  streets?: Maybe<ResidentsStreetConnection>;
  /** 按编号查询文艺团队（需 events:read） */
  team?: Maybe<Team>;
  /** 文艺团队列表（需 events:read；按名称） */
  teams?: Maybe<TeamConnection>;
  /** 按编号查询场地（需 events:read） */
  venue?: Maybe<Venue>;
  /** 文体设施资源台账：场地列表（需 events:read；按名称） */
  venues?: Maybe<VenueConnection>;
  /** Webhook 订阅及其推送日志（区级平台的 API 密钥只见自己登记的；社区管理员需 apikeys:manage） */
  webhookSubscriptions?: Maybe<WebhookSubscriptionConnection>;
};

export type QueryApiKeysArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type QueryBuildingsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  gridId?: InputMaybe<Scalars['String']['input']>;
};

export type QueryCareReviewsDueArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before: Scalars['Date']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type QueryCaseArgs = {
  id: Scalars['ID']['input'];
};

export type QueryCaseStatisticsArgs = {
  filter?: InputMaybe<CaseStatisticsFilter>;
  groupBy: Array<CaseStatisticsDimension>;
};

export type QueryCasesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<CaseFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type QueryCommunitiesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  streetCode?: InputMaybe<Scalars['String']['input']>;
};

export type QueryCommunityEventArgs = {
  id: Scalars['ID']['input'];
};

export type QueryCommunityEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<CommunityEventFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type QueryDevelopmentPlanArgs = {
  year: Scalars['Int']['input'];
};

export type QueryDrawRatersArgs = {
  count: Scalars['Int']['input'];
  period: StaffAppraisalPeriodInput;
  seed: Scalars['String']['input'];
  staffId: Scalars['ID']['input'];
};

export type QueryEventStatisticsArgs = {
  filter?: InputMaybe<EventStatisticsFilter>;
  groupBy: Array<EventStatisticsDimension>;
};

export type QueryFloatingResidentsExpiredArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type QueryFloatingResidentsExpiringArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before: Scalars['String']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type QueryFundAnnualReportArgs = {
  year: Scalars['Int']['input'];
};

export type QueryFundApplicationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<FundApplicationFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type QueryFundDisbursementArgs = {
  id: Scalars['ID']['input'];
};

export type QueryFundDisbursementsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<FundDisbursementFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type QueryFundDonationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  eventId?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  year?: InputMaybe<Scalars['Int']['input']>;
};

export type QueryFundDonorsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type QueryFundLedgerArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type QueryFundLedgerSummaryArgs = {
  year: Scalars['Int']['input'];
};

export type QueryFundProgrammesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type QueryGalaPlanArgs = {
  year: Scalars['Int']['input'];
};

export type QueryGridsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  communityId?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type QueryHouseholdsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<HouseholdFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type QueryMeetingComplianceArgs = {
  organizationId: Scalars['ID']['input'];
  year: Scalars['Int']['input'];
};

export type QueryOrganizationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<OrganizationFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type QueryPartyMeetingComplianceByBranchArgs = {
  year: Scalars['Int']['input'];
};

export type QueryPartyMeetingsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  organizationId?: InputMaybe<Scalars['ID']['input']>;
  type?: InputMaybe<PartyMeetingType>;
  year?: InputMaybe<Scalars['Int']['input']>;
};

export type QueryPartyMemberArgs = {
  id: Scalars['ID']['input'];
};

export type QueryPartyMembersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<PartyMemberFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type QueryPartyOrganizationArgs = {
  id: Scalars['ID']['input'];
};

export type QueryPartyOrganizationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  level?: InputMaybe<PartyOrganizationLevel>;
};

export type QueryPartyStatisticsArgs = {
  groupBy: Array<PartyStatisticsDimension>;
};

export type QueryPartyTrainingProgressArgs = {
  year: Scalars['Int']['input'];
};

export type QueryPartyTransferArgs = {
  id: Scalars['ID']['input'];
};

export type QueryPartyTransfersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  direction?: InputMaybe<PartyTransferDirection>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<PartyTransferStatus>;
};

export type QueryPiiAuditTrailArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<PiiAuditTrailFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type QueryProactiveTasksArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ProactiveTaskFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type QueryRedFlagPeriodsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type QueryRedFlagWinnersByYearArgs = {
  fromYear?: InputMaybe<Scalars['Int']['input']>;
  toYear?: InputMaybe<Scalars['Int']['input']>;
};

export type QueryResidentArgs = {
  id: Scalars['ID']['input'];
};

export type QueryResidentByIdNumberArgs = {
  idNumber: Scalars['String']['input'];
};

export type QueryResidentStatisticsArgs = {
  filter?: InputMaybe<ResidentStatisticsFilter>;
  groupBy: Array<ResidentStatisticsDimension>;
};

export type QueryResidentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ResidentFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type QueryStaffArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<StaffFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type QueryStaffAppraisalArgs = {
  department?: InputMaybe<Department>;
  period: StaffAppraisalPeriodInput;
  staffId?: InputMaybe<Scalars['ID']['input']>;
};

export type QueryStreetsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type QueryTeamArgs = {
  id: Scalars['ID']['input'];
};

export type QueryTeamsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type QueryVenueArgs = {
  id: Scalars['ID']['input'];
};

export type QueryVenuesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type QueryWebhookSubscriptionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** 登记捐赠（开具收据） */
export type RecordFundDonationInput = {
  /** 金额或物资估值（分，整数） */
  amountFen: Scalars['Int']['input'];
  /** 捐赠人编号（不填为匿名捐赠，如晚会现场募捐箱） */
  donorId?: InputMaybe<Scalars['ID']['input']>;
  /** 募捐所在活动编号（文化部门登记活动募捐时必填） */
  eventId?: InputMaybe<Scalars['ID']['input']>;
  /** 形式 */
  form: FundDonationForm;
  /** 物资说明（捐物时必填） */
  itemDescription?: InputMaybe<Scalars['String']['input']>;
  /** 备注 */
  note?: InputMaybe<Scalars['String']['input']>;
  /** 定向资助项目编号（企业定向捐赠） */
  programmeId?: InputMaybe<Scalars['ID']['input']>;
  /** 收据号（本社区唯一） */
  receiptNumber: Scalars['String']['input'];
  /** 收到日期 */
  receivedOn: Scalars['Date']['input'];
};

/** 登记捐赠的结果 */
export type RecordFundDonationPayload = {
  __typename?: 'RecordFundDonationPayload';
  /** 捐赠 */
  donation: FundDonation;
};

/** 记录调解会 */
export type RecordMediationSessionInput = {
  /** 召开时间 */
  heldAt: Scalars['DateTime']['input'];
  /** 调解编号 */
  mediationId: Scalars['ID']['input'];
  /** 调解情况 */
  notes: Scalars['String']['input'];
};

/** 登记民主评议党员结果 */
export type RecordPartyAppraisalInput = {
  /** 等次 */
  grade: PartyAppraisalGrade;
  /** 党员编号 */
  memberId: Scalars['ID']['input'];
  /** 评议年度 */
  year: Scalars['Int']['input'];
};

/** 登记已召开的组织生活会议 */
export type RecordPartyMeetingInput = {
  /** 参会登记（本组织在册党员，每人一次）：至少一人出席，无人出席的会议不予登记 */
  attendance: Array<PartyMeetingAttendanceInput>;
  /** 召开日期 */
  heldOn: Scalars['Date']['input'];
  /** 会议记录 */
  minutes?: InputMaybe<Scalars['String']['input']>;
  /** 召开的党组织编号 */
  organizationId: Scalars['ID']['input'];
  /** 主讲人或主持人 */
  speaker?: InputMaybe<Scalars['String']['input']>;
  /** 主题 */
  topic: Scalars['String']['input'];
  /** 会议类型 */
  type: PartyMeetingType;
};

/** 登记会议的结果 */
export type RecordPartyMeetingPayload = {
  __typename?: 'RecordPartyMeetingPayload';
  /** 会议 */
  meeting: PartyMeeting;
};

/** 登记培训 */
export type RecordPartyTrainingSessionInput = {
  /** 参训人数 */
  headCount: Scalars['Int']['input'];
  /** 日期 */
  heldOn: Scalars['Date']['input'];
  /** 地点 */
  location?: InputMaybe<Scalars['String']['input']>;
  /** 名称，如 党校现场教学 */
  title: Scalars['String']['input'];
};

/** 死亡登记 */
export type RecordResidentDeathInput = {
  /** 死亡日期 */
  diedOn: Scalars['Date']['input'];
  /** 居民编号 */
  residentId: Scalars['ID']['input'];
};

/** 登记团队获奖 */
export type RecordTeamAwardInput = {
  /** 颁奖单位 */
  awardedBy: Scalars['String']['input'];
  /** 获奖日期 */
  awardedOn: Scalars['Date']['input'];
  /** 团队编号 */
  teamId: Scalars['ID']['input'];
  /** 奖项名称 */
  title: Scalars['String']['input'];
};

/** 记录志愿服务时长 */
export type RecordVolunteerHoursInput = {
  /** 服务时长（分钟；默认整个班次） */
  minutes?: InputMaybe<Scalars['Int']['input']>;
  /** 志愿者的居民编号 */
  residentId: Scalars['ID']['input'];
  /** 班次编号 */
  shiftId: Scalars['ID']['input'];
};

/** 记录时长的结果 */
export type RecordVolunteerHoursPayload = {
  __typename?: 'RecordVolunteerHoursPayload';
  /** 时长记录 */
  record: VolunteerServiceRecord;
};

/** 流动红旗岗部门提名 */
export type RedFlagNomination = {
  __typename?: 'RedFlagNomination';
  /** 提名部门 */
  department: Department;
  /** 提名理由 */
  reason?: Maybe<Scalars['String']['output']>;
  /** 被提名的社区工作者（居民服务中的社区工作者；无法解析时为空，并在 errors 中说明） */
  staff?: Maybe<Staff>;
  /** 被提名的社区工作者编号（同 staff.id，保留以兼容） */
  staffId: Scalars['ID']['output'];
};

/** 流动红旗岗评选期（每月一期） */
export type RedFlagPeriod = {
  __typename?: 'RedFlagPeriod';
  /** 评选日期 */
  decidedOn?: Maybe<Scalars['Date']['output']>;
  /** 各部门提名（每部门一人） */
  nominations: Array<RedFlagNomination>;
  /** 评议小组 */
  panel?: Maybe<Scalars['String']['output']>;
  /** 评选期 YYYY-MM */
  period: Scalars['String']['output'];
  /** 获评的社区工作者（评选后；居民服务中的社区工作者） */
  winner?: Maybe<Staff>;
  /** 获评人所在部门 */
  winnerDepartment?: Maybe<Department>;
  /** 获评社区工作者编号（评选后；同 winner.id，保留以兼容） */
  winnerStaffId?: Maybe<Scalars['ID']['output']>;
  /** 年度 */
  year: Scalars['Int']['output'];
};

/** 流动红旗岗评选期列表（Relay 游标分页） */
export type RedFlagPeriodConnection = {
  __typename?: 'RedFlagPeriodConnection';
  /** 本页数据 */
  edges: Array<RedFlagPeriodEdge>;
  /** 分页信息 */
  pageInfo: PageInfo;
  /** 符合条件的总条数 */
  totalCount: Scalars['Int']['output'];
};

/** 流动红旗岗评选期（分页中的一条） */
export type RedFlagPeriodEdge = {
  __typename?: 'RedFlagPeriodEdge';
  /** 这一条的游标 */
  cursor: Scalars['String']['output'];
  /** 流动红旗岗评选期 */
  node: RedFlagPeriod;
};

/** 流动红旗岗操作结果 */
export type RedFlagPeriodPayload = {
  __typename?: 'RedFlagPeriodPayload';
  /** 评选期 */
  period: RedFlagPeriod;
};

/** 某年度流动红旗岗获评名单 */
export type RedFlagYearWinners = {
  __typename?: 'RedFlagYearWinners';
  /** 已评选的各期（按月份） */
  awards: Array<RedFlagPeriod>;
  /** 年度 */
  year: Scalars['Int']['output'];
};

/** 请求重新推送 */
export type RedeliverWebhookDeliveryInput = {
  /** 推送编号 */
  deliveryId: Scalars['ID']['input'];
};

/** 请求重新推送的结果 */
export type RedeliverWebhookDeliveryPayload = {
  __typename?: 'RedeliverWebhookDeliveryPayload';
  /** 推送（待推送，立即到期） */
  delivery: WebhookDelivery;
};

/** 网格边界调整：把楼栋划入一个网格 */
export type RedrawGridInput = {
  /** 划入的楼栋编号（最多 500 栋） */
  buildingIds: Array<Scalars['ID']['input']>;
  /** 楼栋划入的网格编号 */
  gridId: Scalars['ID']['input'];
  /** 调整原因 */
  reason?: InputMaybe<Scalars['String']['input']>;
};

/** 网格边界调整的结果 */
export type RedrawGridPayload = {
  __typename?: 'RedrawGridPayload';
  /** 楼栋划入的网格 */
  grid: Grid;
  /** 实际调整的楼栋（已在该网格的不计） */
  moved: Array<Building>;
};

/** 在网格内登记楼栋 */
export type RegisterBuildingInput = {
  /** 标准地址（缺省同名称） */
  address?: InputMaybe<Scalars['String']['input']>;
  /** 网格编号 */
  gridId: Scalars['ID']['input'];
  /** 楼栋名称，如 香秀里12号楼（社区内唯一） */
  name: Scalars['String']['input'];
};

/** 社区入驻：登记辖区内的社区（街道、区级管理员） */
export type RegisterCommunityInput = {
  /** 社区代码（12 位统计区划代码，前 9 位为已登记的街道） */
  code: Scalars['String']['input'];
  /** 社区名称 */
  name: Scalars['String']['input'];
};

/** 活动报名 */
export type RegisterForEventInput = {
  /** 活动编号 */
  eventId: Scalars['ID']['input'];
  /** 报名居民编号 */
  residentId: Scalars['ID']['input'];
};

/** 报名结果：名额已满时进入候补 */
export type RegisterForEventPayload = {
  __typename?: 'RegisterForEventPayload';
  /** 报名记录 */
  registration: EventRegistration;
};

/** 登记捐赠人 */
export type RegisterFundDonorInput = {
  /** 类别（匿名捐赠无需登记捐赠人） */
  kind: FundDonorKind;
  /** 名称（选择居民或组织时可不填） */
  name?: InputMaybe<Scalars['String']['input']>;
  /** 同意在年度报告中公开鸣谢（默认否） */
  namedInReport?: InputMaybe<Scalars['Boolean']['input']>;
  /** 组织编号（辖区单位、企业） */
  organizationId?: InputMaybe<Scalars['ID']['input']>;
  /** 居民编号（居民、党员、楼组长、“五老”） */
  residentId?: InputMaybe<Scalars['ID']['input']>;
};

/** 登记捐赠人的结果 */
export type RegisterFundDonorPayload = {
  __typename?: 'RegisterFundDonorPayload';
  /** 捐赠人 */
  donor: FundDonor;
};

/** 在本社区（或请求头指定的社区）登记网格 */
export type RegisterGridInput = {
  /** 网格编码（社区代码-序号，如 350203008007-01） */
  code: Scalars['String']['input'];
  /** 网格名称 */
  name: Scalars['String']['input'];
};

/** 登记住户（一套住房） */
export type RegisterHouseholdInput = {
  /** 楼栋编号 */
  buildingId: Scalars['ID']['input'];
  /** 住房性质 */
  housing: HousingType;
  /** 房东（居民编号；出租房必填） */
  landlordResidentId?: InputMaybe<Scalars['ID']['input']>;
  /** 门牌（室），如 502室 */
  room: Scalars['String']['input'];
  /** 单元，如 2单元 */
  unit: Scalars['String']['input'];
};

/** 登记组织 */
export type RegisterOrganizationInput = {
  /** 地址 */
  address?: InputMaybe<Scalars['String']['input']>;
  /** 所在网格编号 */
  gridId?: InputMaybe<Scalars['ID']['input']>;
  /** 类别 */
  kind: OrganizationKind;
  /** 成员/志愿者人数 */
  memberCount?: InputMaybe<Scalars['Int']['input']>;
  /** 名称 */
  name: Scalars['String']['input'];
};

/** 登记居民 */
export type RegisterResidentInput = {
  /** 所在住户编号 */
  householdId: Scalars['ID']['input'];
  /** 18 位居民身份证号（末位可为 X）；性别和出生日期由此推出 */
  idNumber: Scalars['String']['input'];
  /** 迁入日期（默认今天） */
  movedInOn?: InputMaybe<Scalars['Date']['input']>;
  /** 姓名 */
  name: Scalars['String']['input'];
  /** 联系电话 */
  phone?: InputMaybe<Scalars['String']['input']>;
  /** 与户主关系（默认 其他） */
  relationToHead?: InputMaybe<RelationToHead>;
  /** 居住证到期日期（流动人口） */
  residencePermitExpiresOn?: InputMaybe<Scalars['Date']['input']>;
  /** 居住证签发日期（流动人口） */
  residencePermitIssuedOn?: InputMaybe<Scalars['Date']['input']>;
  /** 居住类型（默认 户籍）；流动人口须填居住证日期 */
  residenceType?: InputMaybe<ResidenceType>;
};

/** 登记居民的结果 */
export type RegisterResidentPayload = {
  __typename?: 'RegisterResidentPayload';
  /** 新登记的居民 */
  resident: Resident;
};

/** 登记社区工作者 */
export type RegisterStaffInput = {
  /** 部门 */
  department: StaffDepartment;
  /** 服务的网格编号 */
  gridIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** 姓名 */
  name: Scalars['String']['input'];
  /** 岗位 */
  position: Scalars['String']['input'];
};

/** 登记街道（区级管理员） */
export type RegisterStreetInput = {
  /** 街道代码（9 位统计区划代码） */
  code: Scalars['String']['input'];
  /** 区县名称（该区首次登记街道时必填） */
  districtName?: InputMaybe<Scalars['String']['input']>;
  /** 街道名称 */
  name: Scalars['String']['input'];
};

/** 登记场地（文体设施资源台账） */
export type RegisterVenueInput = {
  /** 地址 */
  address?: InputMaybe<Scalars['String']['input']>;
  /** 容纳人数 */
  capacity?: InputMaybe<Scalars['Int']['input']>;
  /** 设施类型 */
  kind: VenueKind;
  /** 名称 */
  name: Scalars['String']['input'];
  /** 开放时间，如 每日 08:00–21:00 */
  openingHours?: InputMaybe<Scalars['String']['input']>;
  /** 产权 / 管理单位编号（辖区单位） */
  ownerOrganizationId?: InputMaybe<Scalars['ID']['input']>;
  /** 存档照片地址 */
  photoUrls?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** 登记 Webhook（区级平台用 API 密钥调用） */
export type RegisterWebhookInput = {
  /** 说明（如对接的系统） */
  description?: InputMaybe<Scalars['String']['input']>;
  /** 要推送的事件类型（AsyncAPI 文档中的 type，如 case.opened）；每种须在密钥范围之内 */
  eventTypes: Array<Scalars['String']['input']>;
  /** 回调地址：只接受 http/https，不得含用户名密码，不得指向本机或内网 */
  url: Scalars['String']['input'];
};

/** 登记 Webhook 的结果 */
export type RegisterWebhookPayload = {
  __typename?: 'RegisterWebhookPayload';
  /** 签名密钥（whsec_…）：只在此显示一次，用来校验 X-Shequ-Signature，请妥善保存 */
  secret: Scalars['String']['output'];
  /** 订阅（待社区管理员批准） */
  subscription: WebhookSubscription;
};

/** 报名状态 */
export type RegistrationStatus =
  /** 已签到 */
  | 'ATTENDED'
  /** 已取消 */
  | 'CANCELLED'
  /** 已报名 */
  | 'CONFIRMED'
  /** 未到场 */
  | 'NO_SHOW'
  /** 候补 */
  | 'WAITLISTED';

/** 与户主关系 */
export type RelationToHead =
  /** 子女 */
  | 'CHILD'
  /** 孙子女/外孙子女 */
  | 'GRANDCHILD'
  /** 户主 */
  | 'HEAD'
  /** 其他 */
  | 'OTHER'
  /** 父母 */
  | 'PARENT'
  /** 配偶 */
  | 'SPOUSE';

/** 成员离团 */
export type RemoveTeamMemberInput = {
  /** 离团日期 */
  leftOn: Scalars['Date']['input'];
  /** 居民编号 */
  residentId: Scalars['ID']['input'];
  /** 团队编号 */
  teamId: Scalars['ID']['input'];
};

/** 变更社区名称 */
export type RenameCommunityInput = {
  /** 社区代码（12 位） */
  code: Scalars['String']['input'];
  /** 新名称 */
  name: Scalars['String']['input'];
};

/** 变更网格名称 */
export type RenameGridInput = {
  /** 网格编号 */
  gridId: Scalars['ID']['input'];
  /** 新名称 */
  name: Scalars['String']['input'];
};

/** 变更街道名称 */
export type RenameStreetInput = {
  /** 街道代码（9 位） */
  code: Scalars['String']['input'];
  /** 新名称 */
  name: Scalars['String']['input'];
};

/** 登记组织关系转接申请 */
export type RequestPartyTransferInput = {
  /** 转入：接收党支部编号（可在办结前再定） */
  branchId?: InputMaybe<Scalars['ID']['input']>;
  /** 方向 */
  direction: PartyTransferDirection;
  /** 对方党组织名称 */
  externalOrganization?: InputMaybe<Scalars['String']['input']>;
  /** 介绍信编号 */
  letterNumber?: InputMaybe<Scalars['String']['input']>;
  /** 转出：本社区党员编号 */
  memberId?: InputMaybe<Scalars['ID']['input']>;
  /** 申请日期 */
  requestedOn: Scalars['Date']['input'];
  /** 转入：居民编号 */
  residentId?: InputMaybe<Scalars['ID']['input']>;
};

/** 改期或更换场地（活动开始前；同一场地时间不得重叠） */
export type RescheduleCommunityEventInput = {
  /** 新的结束时间 */
  endsAt: Scalars['DateTime']['input'];
  /** 活动编号 */
  eventId: Scalars['ID']['input'];
  /** 新的开始时间 */
  startsAt: Scalars['DateTime']['input'];
  /** 新场地编号（不填则保持原场地） */
  venueId?: InputMaybe<Scalars['ID']['input']>;
};

/** 居住类型：户籍人口或流动人口 */
export type ResidenceType =
  /** 流动人口（持居住证） */
  | 'FLOATING'
  /** 户籍人口（本地户籍） */
  | 'REGISTERED';

/** 居民（由居民服务提供；社情民意服务补充其事项） */
export type Resident = {
  __typename?: 'Resident';
  /** 周岁年龄（按今天计算；由出生日期推出，每次返回都记入该居民的个人信息审计） */
  age?: Maybe<Scalars['Int']['output']>;
  /** 出生日期（由身份证号推出；只对可查看身份证号原值的角色返回并记入审计，其他角色请用 age） */
  birthDate?: Maybe<Scalars['Date']['output']>;
  /** 关爱对象记录（个人敏感信息：按角色全部返回或不返回；重点人员另需敏感标记权限；高龄按出生日期派生） */
  careCategories?: Maybe<Array<ResidentCareRecord>>;
  /** 该居民反映的事项（最近的在前；无 cases:read 权限时为空；案件服务不可用时为 null 并附错误）。救助申请等关爱/救助事项只对可查看关爱对象的调用方列出（其读取记入审计）：列出即说明该居民申请了救助 */
  cases?: Maybe<Array<Case>>;
  /** 死亡日期 */
  diedOn?: Maybe<Scalars['Date']['output']>;
  /** 该居民的活动报名（最近的在前；无 events:read 权限或不在本人网格时为空；活动服务不可用时为 null 并附错误） */
  eventRegistrations?: Maybe<Array<EventRegistration>>;
  /** 性别（由身份证号推出） */
  gender?: Maybe<Gender>;
  /** 所在住户（迁出后为迁出前的住户） */
  household?: Maybe<Household>;
  /** 居民编号 */
  id: Scalars['ID']['output'];
  /** 居民身份证号（按角色：原值、脱敏如 350203********1234，或不返回） */
  idNumber?: Maybe<Scalars['String']['output']>;
  /** 迁往地 */
  moveOutDestination?: Maybe<Scalars['String']['output']>;
  /** 迁入（当前住户）日期 */
  movedInOn?: Maybe<Scalars['Date']['output']>;
  /** 迁出日期 */
  movedOutOn?: Maybe<Scalars['Date']['output']>;
  /** 姓名 */
  name: Scalars['String']['output'];
  /** 党员信息（不是党员或申请人、或无 party:read 权限时为空） */
  partyMember?: Maybe<PartyMember>;
  /** 联系电话（按角色：原值、脱敏如 138****5678，或不返回） */
  phone?: Maybe<Scalars['String']['output']>;
  /** 与户主关系 */
  relationToHead: RelationToHead;
  /** 居住证到期日期（流动人口；需 floating:read） */
  residencePermitExpiresOn?: Maybe<Scalars['Date']['output']>;
  /** 居住证签发日期（流动人口；需 floating:read） */
  residencePermitIssuedOn?: Maybe<Scalars['Date']['output']>;
  /** 居住类型：户籍或流动人口 */
  residenceType: ResidenceType;
  /** 状态：在册、迁出、死亡 */
  status: ResidentStatus;
  /** 该居民的志愿服务时长（无 events:read 权限或不在本人网格时为空） */
  volunteerHours?: Maybe<EventVolunteerHoursSummary>;
};

/** 居民（由居民服务提供；社情民意服务补充其事项） */
export type ResidentCasesArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** 居民（由居民服务提供；社情民意服务补充其事项） */
export type ResidentEventRegistrationsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** 居民（由居民服务提供；社情民意服务补充其事项） */
export type ResidentVolunteerHoursArgs = {
  year?: InputMaybe<Scalars['Int']['input']>;
};

/** 关爱对象记录：一位居民的一个类别，含起止、来源与下次复核日期 */
export type ResidentCareRecord = {
  __typename?: 'ResidentCareRecord';
  /** 类别 */
  category: CareCategory;
  /** 是否由出生日期派生（高龄） */
  derived: Scalars['Boolean']['output'];
  /** 终止原因 */
  endReason?: Maybe<Scalars['String']['output']>;
  /** 终止日期 */
  endedOn?: Maybe<Scalars['Date']['output']>;
  /** 等级（如残疾等级） */
  grade?: Maybe<Scalars['String']['output']>;
  /** 记录编号（高龄为派生，编号为 derived:居民编号） */
  id: Scalars['ID']['output'];
  /** 下次复核日期（无定期复核的类别为空） */
  nextReviewOn?: Maybe<Scalars['Date']['output']>;
  /** 居民 */
  resident?: Maybe<Resident>;
  /** 复核记录（按日期） */
  reviews: Array<ResidentCareReview>;
  /** 认定来源（高龄为“按出生日期自动认定”） */
  source: Scalars['String']['output'];
  /** 起始日期（高龄为满 80 周岁之日，由出生日期推出：只对可查看出生日期原值的角色返回并记入审计，其他角色为空；其他类别总有） */
  startedOn?: Maybe<Scalars['Date']['output']>;
};

/** 关爱对象记录列表（Relay 游标分页） */
export type ResidentCareRecordConnection = {
  __typename?: 'ResidentCareRecordConnection';
  /** 本页数据 */
  edges: Array<ResidentCareRecordEdge>;
  /** 分页信息 */
  pageInfo: PageInfo;
  /** 符合条件的总条数 */
  totalCount: Scalars['Int']['output'];
};

/** 关爱对象记录（分页中的一条） */
export type ResidentCareRecordEdge = {
  __typename?: 'ResidentCareRecordEdge';
  /** 这一条的游标 */
  cursor: Scalars['String']['output'];
  /** 关爱对象记录 */
  node: ResidentCareRecord;
};

/** 关爱对象的一次复核 */
export type ResidentCareReview = {
  __typename?: 'ResidentCareReview';
  /** 复核编号 */
  id: Scalars['ID']['output'];
  /** 确定的下次复核日期 */
  nextReviewOn?: Maybe<Scalars['Date']['output']>;
  /** 复核意见 */
  note?: Maybe<Scalars['String']['output']>;
  /** 复核结论 */
  outcome: CareReviewOutcome;
  /** 复核日期 */
  reviewedOn: Scalars['Date']['output'];
  /** 复核人（社区工作者编号） */
  reviewerStaffId: Scalars['ID']['output'];
};

/** 居民列表（Relay 游标分页） */
export type ResidentConnection = {
  __typename?: 'ResidentConnection';
  /** 本页数据 */
  edges: Array<ResidentEdge>;
  /** 分页信息 */
  pageInfo: PageInfo;
  /** 符合条件的总条数 */
  totalCount: Scalars['Int']['output'];
};

/** 居民（分页中的一条） */
export type ResidentEdge = {
  __typename?: 'ResidentEdge';
  /** 这一条的游标 */
  cursor: Scalars['String']['output'];
  /** 居民 */
  node: Resident;
};

/** 居民筛选条件（各条件同时满足） */
export type ResidentFilter = {
  /** 楼栋编号 */
  buildingId?: InputMaybe<Scalars['ID']['input']>;
  /** 关爱对象类别（在册记录；高龄按出生日期；需可查看关爱对象） */
  careCategory?: InputMaybe<CareCategory>;
  /** 性别 */
  gender?: InputMaybe<Gender>;
  /** 网格编号 */
  gridId?: InputMaybe<Scalars['ID']['input']>;
  /** 住户编号 */
  householdId?: InputMaybe<Scalars['ID']['input']>;
  /** 最大年龄（周岁，含） */
  maxAge?: InputMaybe<Scalars['Int']['input']>;
  /** 最小年龄（周岁，含） */
  minAge?: InputMaybe<Scalars['Int']['input']>;
  /** 姓名前缀（如 “林” 查所有林姓居民） */
  namePrefix?: InputMaybe<Scalars['String']['input']>;
  /** 居住类型 */
  residenceType?: InputMaybe<ResidenceType>;
  /** 状态 */
  status?: InputMaybe<ResidentStatus>;
};

/** 导入文件格式 */
export type ResidentImportFormat =
  /** CSV（首行为列名，UTF-8） */
  | 'CSV'
  /** JSON（对象数组，键同 CSV 列名） */
  | 'JSON';

/** 导入一行的结果 */
export type ResidentImportOutcome =
  /** 新增 */
  | 'CREATED'
  /** 拒绝（见字段与原因） */
  | 'REJECTED'
  /** 无变化 */
  | 'UNCHANGED'
  /** 更新 */
  | 'UPDATED';

/** 导入一行的结果 */
export type ResidentImportRowResult = {
  __typename?: 'ResidentImportRowResult';
  /** 出错的字段（拒绝时） */
  field?: Maybe<Scalars['String']['output']>;
  /** 结果 */
  outcome: ResidentImportOutcome;
  /** 拒绝原因 */
  reason?: Maybe<Scalars['String']['output']>;
  /** 居民编号（未拒绝时） */
  residentId?: Maybe<Scalars['ID']['output']>;
  /** 行号（数据行，从 1 起，不含表头；JSON 为数组下标 + 1） */
  row: Scalars['Int']['output'];
};

/** 居民变更的结果 */
export type ResidentPayload = {
  __typename?: 'ResidentPayload';
  /** 变更后的居民 */
  resident: Resident;
};

/** 人口统计：只有计数，不含姓名或个人编号 */
export type ResidentStatistics = {
  __typename?: 'ResidentStatistics';
  /** 分组计数 */
  groups: Array<ResidentStatisticsGroup>;
  /** 范围内总人数（关爱类别分组时一人可计入多组；按无权查看的关爱类别筛选且少于阈值时为空） */
  total?: Maybe<Scalars['Int']['output']>;
  /** 总人数为空的原因（统计披露控制）；未抑制时为空 */
  totalSuppressed?: Maybe<Scalars['String']['output']>;
};

/** 人口统计的分组维度 */
export type ResidentStatisticsDimension =
  /** 按年龄段（0–6、7–17、18–34、35–59、60–79、80+） */
  | 'AGE_BAND'
  /** 按楼栋 */
  | 'BUILDING'
  /** 按关爱对象类别（一人可计入多类；无类别计为 NONE） */
  | 'CARE_CATEGORY'
  /** 按性别 */
  | 'GENDER'
  /** 按网格 */
  | 'GRID'
  /** 按居住类型（户籍/流动） */
  | 'RESIDENCE_TYPE'
  /** 按状态（在册/迁出/死亡） */
  | 'STATUS';

/** 人口统计的范围（各条件同时满足；不填则统计所有状态的居民） */
export type ResidentStatisticsFilter = {
  /** 楼栋编号 */
  buildingId?: InputMaybe<Scalars['ID']['input']>;
  /** 关爱对象类别 */
  careCategory?: InputMaybe<CareCategory>;
  /** 性别 */
  gender?: InputMaybe<Gender>;
  /** 网格编号 */
  gridId?: InputMaybe<Scalars['ID']['input']>;
  /** 最大年龄（周岁，含） */
  maxAge?: InputMaybe<Scalars['Int']['input']>;
  /** 最小年龄（周岁，含） */
  minAge?: InputMaybe<Scalars['Int']['input']>;
  /** 居住类型 */
  residenceType?: InputMaybe<ResidenceType>;
  /** 状态（常用 ACTIVE 统计在册人口） */
  status?: InputMaybe<ResidentStatus>;
};

/** 一个分组及其人数 */
export type ResidentStatisticsGroup = {
  __typename?: 'ResidentStatisticsGroup';
  /** 人数（无权逐人查看的关爱类别：少于阈值或可由合计反推时为空，见 suppressed） */
  count?: Maybe<Scalars['Int']['output']>;
  /** 各维度取值（顺序同 groupBy） */
  keys: Array<ResidentStatisticsKey>;
  /** 人数为空的原因（统计披露控制）；未抑制时为空 */
  suppressed?: Maybe<Scalars['String']['output']>;
};

/** 分组的一个维度取值 */
export type ResidentStatisticsKey = {
  __typename?: 'ResidentStatisticsKey';
  /** 维度 */
  dimension: ResidentStatisticsDimension;
  /** 中文名称 */
  label: Scalars['String']['output'];
  /** 取值（网格/楼栋为编号，其余为枚举代码；未知为 UNKNOWN，无关爱类别为 NONE） */
  value: Scalars['String']['output'];
};

/** 居民状态 */
export type ResidentStatus =
  /** 在册（正常居住） */
  | 'ACTIVE'
  /** 已死亡 */
  | 'DECEASED'
  /** 已迁出 */
  | 'MOVED_OUT';

/** 社区：12 位统计区划代码标识（区 → 街道 → 社区） */
export type ResidentsCommunity = {
  __typename?: 'ResidentsCommunity';
  /** 区县代码（6 位） */
  districtCode: Scalars['String']['output'];
  /** 区县名称 */
  districtName: Scalars['String']['output'];
  /** 本社区的网格（需 residents:read，否则为 null；网格员只见本人网格），按网格编码排序 */
  grids?: Maybe<Array<Grid>>;
  /** 社区代码（12 位） */
  id: Scalars['ID']['output'];
  /** 社区名称 */
  name: Scalars['String']['output'];
  /** 街道代码（9 位） */
  streetCode: Scalars['String']['output'];
  /** 街道名称 */
  streetName: Scalars['String']['output'];
};

/** 社区列表（Relay 游标分页） */
export type ResidentsCommunityConnection = {
  __typename?: 'ResidentsCommunityConnection';
  /** 本页数据 */
  edges: Array<ResidentsCommunityEdge>;
  /** 分页信息 */
  pageInfo: PageInfo;
  /** 符合条件的总条数 */
  totalCount: Scalars['Int']['output'];
};

/** 社区（分页中的一条） */
export type ResidentsCommunityEdge = {
  __typename?: 'ResidentsCommunityEdge';
  /** 这一条的游标 */
  cursor: Scalars['String']['output'];
  /** 社区 */
  node: ResidentsCommunity;
};

/** 街道：9 位统计区划代码标识（区 6 位 + 3 位） */
export type ResidentsStreet = {
  __typename?: 'ResidentsStreet';
  /** 所属区县代码（6 位） */
  districtCode: Scalars['String']['output'];
  /** 街道代码（9 位） */
  id: Scalars['ID']['output'];
  /** 街道名称 */
  name: Scalars['String']['output'];
};

/** 街道列表（Relay 游标分页） */
export type ResidentsStreetConnection = {
  __typename?: 'ResidentsStreetConnection';
  /** 本页数据 */
  edges: Array<ResidentsStreetEdge>;
  /** 分页信息 */
  pageInfo: PageInfo;
  /** 符合条件的总条数 */
  totalCount: Scalars['Int']['output'];
};

/** 街道（分页中的一条） */
export type ResidentsStreetEdge = {
  __typename?: 'ResidentsStreetEdge';
  /** 这一条的游标 */
  cursor: Scalars['String']['output'];
  /** 街道 */
  node: ResidentsStreet;
};

/** 办结事项 */
export type ResolveCaseInput = {
  /** 事项编号 */
  caseId: Scalars['ID']['input'];
  /** 办结说明（办理结果，必填） */
  resolutionNote: Scalars['String']['input'];
};

/** 两委处理公示异议 */
export type ResolveFundDisbursementChallengeInput = {
  /** 救助编号 */
  disbursementId: Scalars['ID']['input'];
  /** 处理意见 */
  resolution: Scalars['String']['input'];
  /** 异议是否成立（成立则撤回救助；不成立则重新公示） */
  upheld: Scalars['Boolean']['input'];
};

/** 冲正一条台账记录 */
export type ReverseFundLedgerEntryInput = {
  /** 被冲正的记录编号 */
  entryId: Scalars['ID']['input'];
  /** 冲正原因 */
  reason: Scalars['String']['input'];
};

/** 冲正的结果 */
export type ReverseFundLedgerEntryPayload = {
  __typename?: 'ReverseFundLedgerEntryPayload';
  /** 被冲正的记录 */
  original: FundLedgerEntry;
  /** 新增的冲正记录 */
  reversal: FundLedgerEntry;
};

/** 关爱对象复核 */
export type ReviewCareCategoryInput = {
  /** 关爱记录编号 */
  careRecordId: Scalars['ID']['input'];
  /** 调整后的等级（结论为调整时） */
  grade?: InputMaybe<Scalars['String']['input']>;
  /** 下次复核日期（不填按类别周期计算） */
  nextReviewOn?: InputMaybe<Scalars['Date']['input']>;
  /** 复核意见（调整、终止时必填） */
  note?: InputMaybe<Scalars['String']['input']>;
  /** 复核结论 */
  outcome: CareReviewOutcome;
  /** 复核日期 */
  reviewedOn: Scalars['Date']['input'];
  /** 复核人（社区工作者编号） */
  reviewerStaffId: Scalars['ID']['input'];
};

/** 设定年度计划 */
export type SetPartyYearPlanInput = {
  /** 发展党员目标 */
  recruitmentTarget: Scalars['Int']['input'];
  /** 党校现场教学等培训人次目标 */
  trainingHeadcountTarget: Scalars['Int']['input'];
  /** 年度 */
  year: Scalars['Int']['input'];
};

/** 社区工作者（由居民服务提供；社情民意服务补充其工作量） */
export type Staff = {
  __typename?: 'Staff';
  /** 是否在岗 */
  active: Scalars['Boolean']['output'];
  /** 部门 */
  department: StaffDepartment;
  /** 服务的网格 */
  grids: Array<Grid>;
  /** 社区工作者编号 */
  id: Scalars['ID']['output'];
  /** 姓名 */
  name: Scalars['String']['output'];
  /** 岗位，如 专职网格员、保障站工作人员 */
  position: Scalars['String']['output'];
  /** 事项工作量（需 cases:read；无权限时为空） */
  workload?: Maybe<StaffCaseWorkload>;
};

/** 社区工作者（或部门）考核结果 */
export type StaffAppraisal = {
  __typename?: 'StaffAppraisal';
  /** 临时任务 */
  adHocTasks: StaffAppraisalWork;
  /** 日常工作 */
  dailyWork: StaffAppraisalWork;
  /** 承办部门（按部门考核时） */
  department?: Maybe<Department>;
  /** 考核期起 */
  from: Scalars['DateTime']['output'];
  /** 无效评议数 */
  invalidRatings: Scalars['Int']['output'];
  /** 评议得分（有效评议平均分：优 100、良 80、中 60、差 0） */
  ratingScore?: Maybe<Scalars['Float']['output']>;
  /** 考核得分 = 0.6 × 评议得分 + 0.4 × 按时办结率 × 100 */
  score?: Maybe<Scalars['Float']['output']>;
  /** 社区工作者编号（按人考核时） */
  staffId?: Maybe<Scalars['ID']['output']>;
  /** 考核期止（不含） */
  to: Scalars['DateTime']['output'];
  /** 全部办结事项 */
  total: StaffAppraisalWork;
  /** 有效评议按等级计数 */
  validRatings: StaffAppraisalRatings;
};

/** 考核周期 */
export type StaffAppraisalPeriod =
  /** 季度 */
  | 'QUARTER'
  /** 年度 */
  | 'YEAR';

/** 考核周期 */
export type StaffAppraisalPeriodInput = {
  /** 周期类型 */
  kind: StaffAppraisalPeriod;
  /** 季度（1-4，季度考核时必填） */
  quarter?: InputMaybe<Scalars['Int']['input']>;
  /** 年份 */
  year: Scalars['Int']['input'];
};

/** 有效评议按等级计数 */
export type StaffAppraisalRatings = {
  __typename?: 'StaffAppraisalRatings';
  /** 优 */
  excellent: Scalars['Int']['output'];
  /** 中 */
  fair: Scalars['Int']['output'];
  /** 良 */
  good: Scalars['Int']['output'];
  /** 差 */
  poor: Scalars['Int']['output'];
};

/** 考核中的一类工作（全部、日常工作或临时任务） */
export type StaffAppraisalWork = {
  __typename?: 'StaffAppraisalWork';
  /** 办结事项数 */
  casesHandled: Scalars['Int']['output'];
  /** 按时办结数 */
  onTime: Scalars['Int']['output'];
  /** 按时办结率（0-1；无办结事项时为空） */
  onTimeRate?: Maybe<Scalars['Float']['output']>;
};

/** 社区工作者的事项工作量 */
export type StaffCaseWorkload = {
  __typename?: 'StaffCaseWorkload';
  /** 在办事项数 */
  openCases: Scalars['Int']['output'];
  /** 其中超时的事项数 */
  overdueCases: Scalars['Int']['output'];
  /** 累计办结事项数 */
  resolvedCases: Scalars['Int']['output'];
};

/** 社区工作者列表（Relay 游标分页） */
export type StaffConnection = {
  __typename?: 'StaffConnection';
  /** 本页数据 */
  edges: Array<StaffEdge>;
  /** 分页信息 */
  pageInfo: PageInfo;
  /** 符合条件的总条数 */
  totalCount: Scalars['Int']['output'];
};

/** 社区工作部门 */
export type StaffDepartment =
  /** 综治城管（综合治理与城市管理） */
  | 'COMPREHENSIVE_GOVERNANCE'
  /** 文化 */
  | 'CULTURE'
  /** 计生（计划生育） */
  | 'FAMILY_PLANNING'
  /** 网格（网格员） */
  | 'GRID'
  /** 社区办公室（综合） */
  | 'OFFICE'
  /** 党建 */
  | 'PARTY_AFFAIRS'
  /** 保障站（社会保障与民政） */
  | 'SOCIAL_SECURITY';

/** 社区工作者（分页中的一条） */
export type StaffEdge = {
  __typename?: 'StaffEdge';
  /** 这一条的游标 */
  cursor: Scalars['String']['output'];
  /** 社区工作者 */
  node: Staff;
};

/** 社区工作者筛选条件 */
export type StaffFilter = {
  /** 部门 */
  department?: InputMaybe<StaffDepartment>;
  /** 服务的网格编号 */
  gridId?: InputMaybe<Scalars['ID']['input']>;
};

/** 登记社区工作者的结果 */
export type StaffPayload = {
  __typename?: 'StaffPayload';
  /** 社区工作者 */
  staff: Staff;
};

/** 走访记录（民情日记） */
export type StaffVisit = {
  __typename?: 'StaffVisit';
  /** 关联事项编号（所关联的事项为救助申请等关爱/救助事项时，对无权查看关爱对象的调用方为空） */
  caseId?: Maybe<Scalars['ID']['output']>;
  /** 后续跟进事项（所关联的事项为救助申请等关爱/救助事项时，对无权查看关爱对象的调用方为空） */
  followUps?: Maybe<Scalars['String']['output']>;
  /** 走访住户 */
  household?: Maybe<Household>;
  /** 走访编号 */
  id: Scalars['ID']['output'];
  /** 走访情况（民情日记）（所关联的事项为救助申请等关爱/救助事项时，对无权查看关爱对象的调用方为空） */
  notes?: Maybe<Scalars['String']['output']>;
  /** 走访居民 */
  resident?: Maybe<Resident>;
  /** 走访的社区工作者（无法解析时为空，并在 errors 中说明） */
  staff?: Maybe<Staff>;
  /** 走访时间 */
  visitedAt: Scalars['DateTime']['output'];
};

/** 开始调解 */
export type StartMediationInput = {
  /** 纠纷事项编号 */
  caseId: Scalars['ID']['input'];
  /** 调解员（社区工作者编号） */
  mediatorStaffId: Scalars['ID']['input'];
  /** 当事人（至少两方） */
  parties: Array<MediationPartyInput>;
};

/** 街道登记或变更的结果 */
export type StreetPayload = {
  __typename?: 'StreetPayload';
  /** 街道 */
  street: ResidentsStreet;
};

/** 文艺团队 / 艺术团（如冰心艺术团及其秧歌队、腰鼓队） */
export type Team = {
  __typename?: 'Team';
  /** 获奖记录（最近的在前） */
  awards: Array<TeamAward>;
  /** 成立日期 */
  foundedOn?: Maybe<Scalars['Date']['output']>;
  /** 团队编号 */
  id: Scalars['ID']['output'];
  /** 团队类型 */
  kind: TeamKind;
  /** 队长（居民） */
  leader?: Maybe<Resident>;
  /** 现有成员人数 */
  memberCount: Scalars['Int']['output'];
  /** 现有成员（按入团日期；网格员只见本人网格的居民） */
  members: Array<TeamMember>;
  /** 团队名称 */
  name: Scalars['String']['output'];
  /** 所属艺术团 */
  parent?: Maybe<Team>;
  /** 登记状态 */
  registrationStatus: TeamRegistrationStatus;
  /** 下设队伍（如艺术团下的秧歌队、腰鼓队） */
  subTeams: Array<Team>;
  /** 监管状态 */
  supervisionStatus: TeamSupervisionStatus;
};

/** 文艺团队 / 艺术团（如冰心艺术团及其秧歌队、腰鼓队） */
export type TeamMembersArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** 团队获奖记录 */
export type TeamAward = {
  __typename?: 'TeamAward';
  /** 颁奖单位 */
  awardedBy: Scalars['String']['output'];
  /** 获奖日期 */
  awardedOn: Scalars['Date']['output'];
  /** 获奖记录编号 */
  id: Scalars['ID']['output'];
  /** 奖项名称 */
  title: Scalars['String']['output'];
};

/** 登记获奖的结果 */
export type TeamAwardPayload = {
  __typename?: 'TeamAwardPayload';
  /** 获奖记录 */
  award: TeamAward;
};

/** 文艺团队列表（Relay 游标分页） */
export type TeamConnection = {
  __typename?: 'TeamConnection';
  /** 本页数据 */
  edges: Array<TeamEdge>;
  /** 分页信息 */
  pageInfo: PageInfo;
  /** 符合条件的总条数 */
  totalCount: Scalars['Int']['output'];
};

/** 文艺团队（分页中的一条） */
export type TeamEdge = {
  __typename?: 'TeamEdge';
  /** 这一条的游标 */
  cursor: Scalars['String']['output'];
  /** 文艺团队 */
  node: Team;
};

/** 文艺团队类型 */
export type TeamKind =
  /** 艺术团 */
  | 'ART_TROUPE'
  /** 合唱队 */
  | 'CHOIR'
  /** 健身舞蹈队 */
  | 'DANCE'
  /** 文艺宣传 / 表演队 */
  | 'PERFORMANCE'
  /** 体育运动队 */
  | 'SPORTS'
  /** 志愿服务队 */
  | 'VOLUNTEER'
  /** 腰鼓队 */
  | 'WAIST_DRUM'
  /** 秧歌队 */
  | 'YANGGE';

/** 团队成员 */
export type TeamMember = {
  __typename?: 'TeamMember';
  /** 成员记录编号 */
  id: Scalars['ID']['output'];
  /** 入团日期 */
  joinedOn: Scalars['Date']['output'];
  /** 离团日期 */
  leftOn?: Maybe<Scalars['Date']['output']>;
  /** 成员（居民；无法解析时为空，并在 errors 中说明） */
  resident?: Maybe<Resident>;
};

/** 吸收成员的结果 */
export type TeamMemberPayload = {
  __typename?: 'TeamMemberPayload';
  /** 成员记录 */
  member: TeamMember;
};

/** 团队操作结果 */
export type TeamPayload = {
  __typename?: 'TeamPayload';
  /** 团队 */
  team: Team;
};

/** 团队登记状态 */
export type TeamRegistrationStatus =
  /** 社区备案 */
  | 'FILED'
  /** 民政注册（民办非企业） */
  | 'REGISTERED'
  /** 未登记 */
  | 'UNREGISTERED';

/** 团队监管状态 */
export type TeamSupervisionStatus =
  /** 正常 */
  | 'NORMAL'
  /** 整改中 */
  | 'RECTIFYING'
  /** 暂停活动 */
  | 'SUSPENDED'
  /** 检查中 */
  | 'UNDER_REVIEW';

/** 变更住房性质（出租房登记）或户主 */
export type UpdateHouseholdInput = {
  /** 户主（该户在册、与户主关系为「户主」的居民编号；更换户主请用 updateResident 变更与户主关系） */
  headResidentId?: InputMaybe<Scalars['ID']['input']>;
  /** 住户编号 */
  householdId: Scalars['ID']['input'];
  /** 住房性质 */
  housing: HousingType;
  /** 房东（居民编号；出租房必填） */
  landlordResidentId?: InputMaybe<Scalars['ID']['input']>;
};

/** 变更居民信息（只改填写的项） */
export type UpdateResidentInput = {
  /** 联系电话（空字符串表示清除） */
  phone?: InputMaybe<Scalars['String']['input']>;
  /** 与户主关系 */
  relationToHead?: InputMaybe<RelationToHead>;
  /** 居住证到期日期（续签时更新） */
  residencePermitExpiresOn?: InputMaybe<Scalars['Date']['input']>;
  /** 居住证签发日期 */
  residencePermitIssuedOn?: InputMaybe<Scalars['Date']['input']>;
  /** 居住类型（改为流动人口须填居住证日期；需 floating:write） */
  residenceType?: InputMaybe<ResidenceType>;
  /** 居民编号 */
  residentId: Scalars['ID']['input'];
};

/** 场地：文体设施资源台账中的一处设施 */
export type Venue = {
  __typename?: 'Venue';
  /** 地址 */
  address?: Maybe<Scalars['String']['output']>;
  /** 预订：尚未开始的活动（按时间） */
  bookings: Array<CommunityEvent>;
  /** 容纳人数 */
  capacity?: Maybe<Scalars['Int']['output']>;
  /** 场地编号 */
  id: Scalars['ID']['output'];
  /** 设施类型，如 活动室、广场、老年之家、露天影院 */
  kind: VenueKind;
  /** 名称 */
  name: Scalars['String']['output'];
  /** 开放时间 */
  openingHours?: Maybe<Scalars['String']['output']>;
  /** 产权 / 管理单位（为空表示社区自有） */
  owner?: Maybe<Organization>;
  /** 存档照片地址 */
  photoUrls: Array<Scalars['String']['output']>;
  /** 使用记录：已开始或已结束的活动（最近的在前） */
  usageLog: Array<CommunityEvent>;
};

/** 场地：文体设施资源台账中的一处设施 */
export type VenueBookingsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** 场地：文体设施资源台账中的一处设施 */
export type VenueUsageLogArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** 场地列表（Relay 游标分页） */
export type VenueConnection = {
  __typename?: 'VenueConnection';
  /** 本页数据 */
  edges: Array<VenueEdge>;
  /** 分页信息 */
  pageInfo: PageInfo;
  /** 符合条件的总条数 */
  totalCount: Scalars['Int']['output'];
};

/** 场地（分页中的一条） */
export type VenueEdge = {
  __typename?: 'VenueEdge';
  /** 这一条的游标 */
  cursor: Scalars['String']['output'];
  /** 场地 */
  node: Venue;
};

/** 文体设施类型 */
export type VenueKind =
  /** 活动室 */
  | 'ACTIVITY_ROOM'
  /** 老年之家 */
  | 'ELDERLY_HOME'
  /** 健身场地 */
  | 'FITNESS_AREA'
  /** 露天影院 */
  | 'OPEN_AIR_CINEMA'
  /** 户外场所 */
  | 'OUTDOOR_SITE'
  /** 书院 / 阅览室 */
  | 'READING_ROOM'
  /** 演练室 */
  | 'REHEARSAL_ROOM'
  /** 学校礼堂 */
  | 'SCHOOL_HALL'
  /** 广场 */
  | 'SQUARE';

/** 场地操作结果 */
export type VenuePayload = {
  __typename?: 'VenuePayload';
  /** 场地 */
  venue: Venue;
};

/** 一次志愿服务时长记录 */
export type VolunteerServiceRecord = {
  __typename?: 'VolunteerServiceRecord';
  /** 记录编号 */
  id: Scalars['ID']['output'];
  /** 服务时长（分钟） */
  minutes: Scalars['Int']['output'];
  /** 志愿者（居民；无法解析时为空，并在 errors 中说明） */
  resident?: Maybe<Resident>;
  /** 服务日期 */
  servedOn: Scalars['Date']['output'];
};

/** 志愿服务班次 */
export type VolunteerShift = {
  __typename?: 'VolunteerShift';
  /** 结束时间 */
  endsAt: Scalars['DateTime']['output'];
  /** 所属活动 */
  event?: Maybe<CommunityEvent>;
  /** 班次编号 */
  id: Scalars['ID']['output'];
  /** 本班次的时长记录（网格员只见本人网格居民的记录） */
  records: Array<VolunteerServiceRecord>;
  /** 岗位，如 秩序维护、量血压、环境清扫 */
  role: Scalars['String']['output'];
  /** 开始时间 */
  startsAt: Scalars['DateTime']['output'];
};

/** 安排班次的结果 */
export type VolunteerShiftPayload = {
  __typename?: 'VolunteerShiftPayload';
  /** 班次 */
  shift: VolunteerShift;
};

/** 一次事件推送：一个事件对一个订阅，失败按指数退避重试 */
export type WebhookDelivery = {
  __typename?: 'WebhookDelivery';
  /** 推送日志：每次尝试（按次序，最多 first 条） */
  attemptLog: Array<WebhookDeliveryAttempt>;
  /** 本轮已失败的次数（请求重新推送后从零计） */
  attempts: Scalars['Int']['output'];
  /** 产生时间 */
  createdAt: Scalars['DateTime']['output'];
  /** 送达时间 */
  deliveredAt?: Maybe<Scalars['DateTime']['output']>;
  /** 事件编号（请求头 X-Shequ-Event-Id，接收方据此去重） */
  eventId: Scalars['ID']['output'];
  /** 事件类型 */
  eventType: Scalars['String']['output'];
  /** 推送编号（请求头 X-Shequ-Delivery-Id） */
  id: Scalars['ID']['output'];
  /** 最近一次失败的原因 */
  lastError?: Maybe<Scalars['String']['output']>;
  /** 下次尝试时间（待推送时） */
  nextAttemptAt?: Maybe<Scalars['DateTime']['output']>;
  /** 状态 */
  status: WebhookDeliveryStatus;
};

/** 一次事件推送：一个事件对一个订阅，失败按指数退避重试 */
export type WebhookDeliveryAttemptLogArgs = {
  first?: Scalars['Int']['input'];
};

/** 推送日志：一次尝试 */
export type WebhookDeliveryAttempt = {
  __typename?: 'WebhookDeliveryAttempt';
  /** 尝试时间 */
  attemptedAt: Scalars['DateTime']['output'];
  /** 耗时（毫秒） */
  durationMs: Scalars['Int']['output'];
  /** 失败原因（超时、连接被拒、非 2xx 状态码） */
  error?: Maybe<Scalars['String']['output']>;
  /** 第几次尝试（重新推送后接着计数） */
  number: Scalars['Int']['output'];
  /** 接收方的 HTTP 状态码（无应答时为空） */
  statusCode?: Maybe<Scalars['Int']['output']>;
  /** 是否成功（2xx） */
  succeeded: Scalars['Boolean']['output'];
};

/** Webhook 推送列表（Relay 游标分页） */
export type WebhookDeliveryConnection = {
  __typename?: 'WebhookDeliveryConnection';
  /** 本页数据 */
  edges: Array<WebhookDeliveryEdge>;
  /** 分页信息 */
  pageInfo: PageInfo;
  /** 符合条件的总条数 */
  totalCount: Scalars['Int']['output'];
};

/** Webhook 推送（分页中的一条） */
export type WebhookDeliveryEdge = {
  __typename?: 'WebhookDeliveryEdge';
  /** 这一条的游标 */
  cursor: Scalars['String']['output'];
  /** Webhook 推送 */
  node: WebhookDelivery;
};

/** Webhook 推送状态 */
export type WebhookDeliveryStatus =
  /** 已放弃（死信，可请求重新推送） */
  | 'DEAD'
  /** 已送达 */
  | 'DELIVERED'
  /** 待推送（含等待重试） */
  | 'PENDING';

/** 区级平台的 Webhook 订阅：回调地址与事件类型；社区管理员批准后才推送 */
export type WebhookSubscription = {
  __typename?: 'WebhookSubscription';
  /** 登记它的 API 密钥编号（推送内容按该密钥的范围） */
  apiKeyId: Scalars['String']['output'];
  /** 批准时间 */
  approvedAt?: Maybe<Scalars['DateTime']['output']>;
  /** 社区编码 */
  communityId: Scalars['String']['output'];
  /** 推送（最新的在前） */
  deliveries: WebhookDeliveryConnection;
  /** 说明 */
  description?: Maybe<Scalars['String']['output']>;
  /** 停用时间 */
  disabledAt?: Maybe<Scalars['DateTime']['output']>;
  /** 订阅的事件类型，如 case.opened */
  eventTypes: Array<Scalars['String']['output']>;
  /** 订阅编号 */
  id: Scalars['ID']['output'];
  /** 登记它的 API 密钥的到期时间（到期后不再推送，订阅停用） */
  keyExpiresAt?: Maybe<Scalars['DateTime']['output']>;
  /** 登记时间 */
  registeredAt: Scalars['DateTime']['output'];
  /** 状态 */
  status: WebhookSubscriptionStatus;
  /** 回调地址（http 或 https） */
  url: Scalars['String']['output'];
};

/** 区级平台的 Webhook 订阅：回调地址与事件类型；社区管理员批准后才推送 */
export type WebhookSubscriptionDeliveriesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** Webhook 订阅列表（Relay 游标分页） */
export type WebhookSubscriptionConnection = {
  __typename?: 'WebhookSubscriptionConnection';
  /** 本页数据 */
  edges: Array<WebhookSubscriptionEdge>;
  /** 分页信息 */
  pageInfo: PageInfo;
  /** 符合条件的总条数 */
  totalCount: Scalars['Int']['output'];
};

/** Webhook 订阅（分页中的一条） */
export type WebhookSubscriptionEdge = {
  __typename?: 'WebhookSubscriptionEdge';
  /** 这一条的游标 */
  cursor: Scalars['String']['output'];
  /** Webhook 订阅 */
  node: WebhookSubscription;
};

/** 指定一个 Webhook 订阅 */
export type WebhookSubscriptionIdInput = {
  /** 订阅编号 */
  id: Scalars['ID']['input'];
};

/** 变更 Webhook 订阅的结果 */
export type WebhookSubscriptionPayload = {
  __typename?: 'WebhookSubscriptionPayload';
  /** 订阅 */
  subscription: WebhookSubscription;
};

/** Webhook 订阅状态 */
export type WebhookSubscriptionStatus =
  /** 已批准，正在推送 */
  | 'ACTIVE'
  /** 已停用 */
  | 'DISABLED'
  /** 待社区管理员批准 */
  | 'PENDING_APPROVAL';

/** 撤回尚未发放的救助 */
export type WithdrawFundDisbursementInput = {
  /** 救助编号 */
  disbursementId: Scalars['ID']['input'];
  /** 撤回原因 */
  reason: Scalars['String']['input'];
};

export type CareReviewsDueQueryVariables = Exact<{
  before: Scalars['Date']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;

export type CareReviewsDueQuery = {
  __typename?: 'Query';
  careReviewsDue?: {
    __typename?: 'ResidentCareRecordConnection';
    totalCount: number;
    edges: Array<{
      __typename?: 'ResidentCareRecordEdge';
      node: {
        __typename?: 'ResidentCareRecord';
        category: CareCategory;
        nextReviewOn?: string | null;
        resident?: { __typename?: 'Resident'; name: string; phone?: string | null } | null;
      };
    }>;
    pageInfo: { __typename?: 'PageInfo'; hasNextPage: boolean; endCursor?: string | null };
  } | null;
};

export type RegisterForEventMutationVariables = Exact<{
  input: RegisterForEventInput;
}>;

export type RegisterForEventMutation = {
  __typename?: 'Mutation';
  registerForEvent: {
    __typename?: 'RegisterForEventPayload';
    registration: {
      __typename?: 'EventRegistration';
      status: RegistrationStatus;
      event: { __typename?: 'CommunityEvent'; title: string };
    };
  };
};

export type UpcomingEventsQueryVariables = Exact<{
  filter?: InputMaybe<CommunityEventFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;

export type UpcomingEventsQuery = {
  __typename?: 'Query';
  communityEvents?: {
    __typename?: 'CommunityEventConnection';
    totalCount: number;
    edges: Array<{
      __typename?: 'CommunityEventEdge';
      node: {
        __typename?: 'CommunityEvent';
        id: string;
        title: string;
        type: CommunityEventType;
        status: CommunityEventStatus;
        startsAt: string;
        capacity?: number | null;
        seatsTaken: number;
        venue?: { __typename?: 'Venue'; name: string } | null;
      };
    }>;
    pageInfo: { __typename?: 'PageInfo'; hasNextPage: boolean; endCursor?: string | null };
  } | null;
};

export type GridCasesQueryVariables = Exact<{
  filter?: InputMaybe<CaseFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;

export type GridCasesQuery = {
  __typename?: 'Query';
  cases?: {
    __typename?: 'CaseConnection';
    totalCount: number;
    edges: Array<{
      __typename?: 'CaseEdge';
      node: {
        __typename?: 'Case';
        number: string;
        status: CaseStatus;
        openedAt: string;
        overdue: boolean;
        assignedGrid?: { __typename?: 'Grid'; name: string } | null;
        reporter?: { __typename?: 'Resident'; name: string } | null;
      };
    }>;
    pageInfo: { __typename?: 'PageInfo'; hasNextPage: boolean; endCursor?: string | null };
  } | null;
};

export type HouseholdCountQueryVariables = Exact<{ [key: string]: never }>;

export type HouseholdCountQuery = {
  __typename?: 'Query';
  households?: { __typename?: 'HouseholdConnection'; totalCount: number } | null;
};

export type OpenCaseMutationVariables = Exact<{
  input: OpenCaseInput;
}>;

export type OpenCaseMutation = {
  __typename?: 'Mutation';
  openCase: {
    __typename?: 'OpenCasePayload';
    case: { __typename?: 'Case'; id: string; number: string; status: CaseStatus; category: CaseCategory };
  };
};

export type RegisterResidentMutationVariables = Exact<{
  input: RegisterResidentInput;
}>;

export type RegisterResidentMutation = {
  __typename?: 'Mutation';
  registerResident: {
    __typename?: 'RegisterResidentPayload';
    resident: {
      __typename?: 'Resident';
      id: string;
      name: string;
      gender?: Gender | null;
      birthDate?: string | null;
      household?: { __typename?: 'Household'; address?: string | null } | null;
    };
  };
};

export type PartyMembersQueryVariables = Exact<{
  filter?: InputMaybe<PartyMemberFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;

export type PartyMembersQuery = {
  __typename?: 'Query';
  partyMembers?: {
    __typename?: 'PartyMemberConnection';
    totalCount: number;
    edges: Array<{
      __typename?: 'PartyMemberEdge';
      node: {
        __typename?: 'PartyMember';
        stage: PartyMemberStage;
        resident?: {
          __typename?: 'Resident';
          name: string;
          partyMember?: {
            __typename?: 'PartyMember';
            branch: { __typename?: 'PartyOrganization'; name: string };
          } | null;
        } | null;
      };
    }>;
    pageInfo: { __typename?: 'PageInfo'; hasNextPage: boolean; endCursor?: string | null };
  } | null;
};

export type RedFlagAwardsQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
}>;

export type RedFlagAwardsQuery = {
  __typename?: 'Query';
  redFlagPeriods?: {
    __typename?: 'RedFlagPeriodConnection';
    edges: Array<{
      __typename?: 'RedFlagPeriodEdge';
      node: {
        __typename?: 'RedFlagPeriod';
        winnerStaffId?: string | null;
        winner?: { __typename?: 'Staff'; id: string; name: string; department: StaffDepartment } | null;
        nominations: Array<{ __typename?: 'RedFlagNomination'; staff?: { __typename?: 'Staff'; name: string } | null }>;
      };
    }>;
  } | null;
};

export type ResidentOverviewQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;

export type ResidentOverviewQuery = {
  __typename?: 'Query';
  resident?: {
    __typename?: 'Resident';
    name: string;
    cases?: Array<{
      __typename?: 'Case';
      number: string;
      assignedGrid?: { __typename?: 'Grid'; name: string } | null;
    }> | null;
    partyMember?: { __typename?: 'PartyMember'; stage: PartyMemberStage } | null;
    eventRegistrations?: Array<{
      __typename?: 'EventRegistration';
      event: { __typename?: 'CommunityEvent'; title: string };
    }> | null;
  } | null;
};

export const CareReviewsDueDocument = {
  __meta__: { hash: 'ea210768484290fac35ab123821808a3d316058d8a69b25d4274d9157387b8f6' },
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'CareReviewsDue' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'before' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'Date' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'careReviewsDue' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'before' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'before' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'first' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'after' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'totalCount' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'edges' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'node' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'category' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'nextReviewOn' } },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'resident' },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [
                                  { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'phone' } },
                                ],
                              },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'pageInfo' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'hasNextPage' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'endCursor' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CareReviewsDueQuery, CareReviewsDueQueryVariables>;
export const RegisterForEventDocument = {
  __meta__: { hash: '0b9769e6e2768f6e98672452255fe01fd7360723992bc74e5fe5e38265d599d3' },
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'RegisterForEvent' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'RegisterForEventInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'registerForEvent' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'registration' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'event' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [{ kind: 'Field', name: { kind: 'Name', value: 'title' } }],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<RegisterForEventMutation, RegisterForEventMutationVariables>;
export const UpcomingEventsDocument = {
  __meta__: { hash: '4783624e7e45d95c1d10ce55ea31b468e9f4fd936c92e5fbb5513a7a16de535b' },
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'UpcomingEvents' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'filter' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'CommunityEventFilter' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'communityEvents' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'filter' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'filter' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'first' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'after' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'totalCount' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'edges' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'node' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'title' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'type' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'startsAt' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'capacity' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'seatsTaken' } },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'venue' },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [{ kind: 'Field', name: { kind: 'Name', value: 'name' } }],
                              },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'pageInfo' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'hasNextPage' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'endCursor' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<UpcomingEventsQuery, UpcomingEventsQueryVariables>;
export const GridCasesDocument = {
  __meta__: { hash: '24d768d04f6489fe912c1631821cf0ebdfcf06aa832f63a528a6bf057a025422' },
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'GridCases' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'filter' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'CaseFilter' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'cases' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'filter' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'filter' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'first' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'after' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'totalCount' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'edges' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'node' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'number' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'openedAt' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'overdue' } },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'assignedGrid' },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [{ kind: 'Field', name: { kind: 'Name', value: 'name' } }],
                              },
                            },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'reporter' },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [{ kind: 'Field', name: { kind: 'Name', value: 'name' } }],
                              },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'pageInfo' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'hasNextPage' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'endCursor' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<GridCasesQuery, GridCasesQueryVariables>;
export const HouseholdCountDocument = {
  __meta__: { hash: '8a5a66bae4f8b26e5732838d513c3ed8210b4b0c76b06c9e0fdaa6b66d527d0a' },
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'HouseholdCount' },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'households' },
            arguments: [
              { kind: 'Argument', name: { kind: 'Name', value: 'first' }, value: { kind: 'IntValue', value: '1' } },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'Field', name: { kind: 'Name', value: 'totalCount' } }],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<HouseholdCountQuery, HouseholdCountQueryVariables>;
export const OpenCaseDocument = {
  __meta__: { hash: '39b453e1217d7095ef6d8cd9c2c6d7fd992cc436bde8ae98754bf6ecb40a990f' },
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'OpenCase' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'OpenCaseInput' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'openCase' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'case' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'number' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'category' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<OpenCaseMutation, OpenCaseMutationVariables>;
export const RegisterResidentDocument = {
  __meta__: { hash: 'debccfd7bf0e2fe650c76a9d480da46a3816ffb0cf6519c4b5462737b62078d8' },
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'RegisterResident' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'RegisterResidentInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'registerResident' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'resident' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'gender' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'birthDate' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'household' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [{ kind: 'Field', name: { kind: 'Name', value: 'address' } }],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<RegisterResidentMutation, RegisterResidentMutationVariables>;
export const PartyMembersDocument = {
  __meta__: { hash: 'ef3f399c50800fc0e0a2e8edd35b88ef2287be1e2ee3a86a443a2861d7cf8aa8' },
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'PartyMembers' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'filter' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'PartyMemberFilter' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'partyMembers' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'filter' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'filter' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'first' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'after' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'totalCount' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'edges' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'node' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'stage' } },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'resident' },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [
                                  { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                                  {
                                    kind: 'Field',
                                    name: { kind: 'Name', value: 'partyMember' },
                                    selectionSet: {
                                      kind: 'SelectionSet',
                                      selections: [
                                        {
                                          kind: 'Field',
                                          name: { kind: 'Name', value: 'branch' },
                                          selectionSet: {
                                            kind: 'SelectionSet',
                                            selections: [{ kind: 'Field', name: { kind: 'Name', value: 'name' } }],
                                          },
                                        },
                                      ],
                                    },
                                  },
                                ],
                              },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'pageInfo' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'hasNextPage' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'endCursor' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<PartyMembersQuery, PartyMembersQueryVariables>;
export const RedFlagAwardsDocument = {
  __meta__: { hash: '9f8abe6cb4b6f3705e34536977965e3e85f59e71d8d8e18a17e9314effb526d8' },
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'RedFlagAwards' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'redFlagPeriods' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'first' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'edges' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'node' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'winnerStaffId' } },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'winner' },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [
                                  { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'department' } },
                                ],
                              },
                            },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'nominations' },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [
                                  {
                                    kind: 'Field',
                                    name: { kind: 'Name', value: 'staff' },
                                    selectionSet: {
                                      kind: 'SelectionSet',
                                      selections: [{ kind: 'Field', name: { kind: 'Name', value: 'name' } }],
                                    },
                                  },
                                ],
                              },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<RedFlagAwardsQuery, RedFlagAwardsQueryVariables>;
export const ResidentOverviewDocument = {
  __meta__: { hash: '66fb9b4519a000a9ec8b316ba82f622dcde67a4158143203a81a0be5d9b50531' },
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'ResidentOverview' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'resident' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'id' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'cases' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'number' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'assignedGrid' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [{ kind: 'Field', name: { kind: 'Name', value: 'name' } }],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'partyMember' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [{ kind: 'Field', name: { kind: 'Name', value: 'stage' } }],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'eventRegistrations' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'event' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [{ kind: 'Field', name: { kind: 'Name', value: 'title' } }],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ResidentOverviewQuery, ResidentOverviewQueryVariables>;
