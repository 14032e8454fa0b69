import type { EntityManager } from '@mikro-orm/core';
import { newId } from '@shequ/database';
import { InvalidInputError } from '@shequ/errors';
import { PartyMember, PartyTrainingSession, PartyYearPlan } from '../entities/index.js';
import { checkYearPlanTargets } from '../domain/training-counts.js';

/** The reference plans recruit five members a year. */
export const DEFAULT_RECRUITMENT_TARGET = 5;
export const DEFAULT_TRAINING_HEADCOUNT_TARGET = 300;

export async function yearPlan(
  em: EntityManager,
  communityId: string,
  year: number,
): Promise<{ recruitmentTarget: number; trainingHeadcountTarget: number }> {
  const plan = await em.findOne(PartyYearPlan, { communityId, year });
  return (
    plan ?? {
      recruitmentTarget: DEFAULT_RECRUITMENT_TARGET,
      trainingHeadcountTarget: DEFAULT_TRAINING_HEADCOUNT_TARGET,
    }
  );
}

export async function setYearPlan(
  em: EntityManager,
  input: { year: number; recruitmentTarget: number; trainingHeadcountTarget: number },
  communityId: string,
): Promise<PartyYearPlan> {
  if (!Number.isInteger(input.year) || input.year < 1921 || input.year > 2100)
    throw new InvalidInputError('year', '年份无效');
  checkYearPlanTargets(input);
  const existing = await em.findOne(PartyYearPlan, { communityId, year: input.year });
  const plan = existing ?? em.create(PartyYearPlan, { id: newId(), communityId, ...input });
  Object.assign(plan, input);
  await em.flush();
  return plan;
}

export interface DevelopmentPlanProgress {
  year: number;
  target: number;
  /** 接收为预备党员 in the year (发展党员数) */
  admitted: number;
  remaining: number;
  applications: number;
  activistsDesignated: number;
  developmentTargetsDesignated: number;
  convertedToFull: number;
  /** The pipeline now: how many are at each stage (active records). */
  pipeline: { applicants: number; activists: number; developmentTargets: number; probationary: number };
}

export async function developmentPlan(
  em: EntityManager,
  communityId: string | { $like: string } | { $in: string[] },
  planCommunityId: string,
  year: number,
): Promise<DevelopmentPlanProgress> {
  const inYear = { $gte: `${year}-01-01`, $lte: `${year}-12-31` };
  const count = (where: object) => em.count(PartyMember, { communityId, ...where });
  const { recruitmentTarget } = await yearPlan(em, planCommunityId, year);
  const admitted = await count({ probationaryOn: inYear });
  return {
    year,
    target: recruitmentTarget,
    admitted,
    remaining: Math.max(0, recruitmentTarget - admitted),
    applications: await count({ appliedOn: inYear }),
    activistsDesignated: await count({ activistOn: inYear }),
    developmentTargetsDesignated: await count({ developmentTargetOn: inYear }),
    convertedToFull: await count({ fullMemberOn: inYear }),
    pipeline: {
      applicants: await count({ status: 'ACTIVE', stage: 'APPLICANT' }),
      activists: await count({ status: 'ACTIVE', stage: 'ACTIVIST' }),
      developmentTargets: await count({ status: 'ACTIVE', stage: 'DEVELOPMENT_TARGET' }),
      probationary: await count({ status: 'ACTIVE', stage: 'PROBATIONARY' }),
    },
  };
}

export interface TrainingProgress {
  year: number;
  target: number;
  total: number;
  sessions: Array<{ session: PartyTrainingSession; runningTotal: number }>;
}

export async function trainingProgress(
  em: EntityManager,
  communityId: string,
  year: number,
): Promise<TrainingProgress> {
  const { trainingHeadcountTarget } = await yearPlan(em, communityId, year);
  const sessions = await em.find(
    PartyTrainingSession,
    { communityId, heldOn: { $gte: `${year}-01-01`, $lte: `${year}-12-31` } },
    { orderBy: { heldOn: 'asc', id: 'asc' } },
  );
  let running = 0;
  const rows = sessions.map((session) => ({ session, runningTotal: (running += session.headCount) }));
  return { year, target: trainingHeadcountTarget, total: running, sessions: rows };
}
