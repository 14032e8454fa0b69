import type { Principal } from '@shequ/auth';
import type { WorkflowActor } from '../domain/case-workflow.js';

/** The workflow's view of a caller: a staff member (person id, department; 社区管理员 dispatches) or the district platform. */
export function workflowActor(principal: Principal): WorkflowActor {
  if (principal.kind === 'machine') return { kind: 'platform', id: principal.id };
  if (principal.kind === 'user') {
    return {
      kind: 'staff',
      staffId: principal.id,
      department: principal.department,
      dispatcher: principal.roles.includes('community_admin'),
    };
  }
  return { kind: 'staff', staffId: 'anonymous', department: null, dispatcher: false };
}

/** Who is written on the timeline. */
export interface TimelineActor {
  kind: 'user' | 'machine' | 'system';
  id: string;
}

export function timelineActor(principal: Principal): TimelineActor {
  if (principal.kind === 'anonymous') return { kind: 'system', id: 'anonymous' };
  return { kind: principal.kind, id: principal.id };
}

export const SYSTEM_TIMELINE_ACTOR: TimelineActor = { kind: 'system', id: 'cases' };
