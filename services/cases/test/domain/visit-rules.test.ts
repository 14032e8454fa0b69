import { describe, expect, it } from 'vitest';
import { ForbiddenError } from '@shequ/errors';
import { assertVisitDate, visitorInPost } from '../../src/domain/visit-rules.js';

const COMMUNITY = '350203008006';

describe('visitorInPost: a visit is logged by a staff member of the community in post, in person', () => {
  it('names the caller, never an input field', () => {
    const refusal = (staffId: string | null, record: { communityId: string; status: string } | null) => {
      try {
        visitorInPost({ staffId, record }, COMMUNITY);
      } catch (error) {
        expect(error).toBeInstanceOf(ForbiddenError);
        expect((error as ForbiddenError).details).not.toHaveProperty('field');
        return (error as Error).message;
      }
      return null;
    };
    expect(refusal(null, null)).toMatch(/API 密钥/);
    expect(refusal('u-1', null)).toMatch(/当前登录用户不在本社区的社区工作者名册中/);
    expect(refusal('u-1', { communityId: '350203008007', status: 'ACTIVE' })).toMatch(/不在本社区的社区工作者名册中/);
    expect(refusal('u-1', { communityId: COMMUNITY, status: 'INACTIVE' })).toMatch(/已离岗/);
    expect(refusal('u-1', { communityId: COMMUNITY, status: 'ACTIVE' })).toBeNull();
    expect(visitorInPost({ staffId: 'u-1', record: { communityId: COMMUNITY, status: 'ACTIVE' } }, COMMUNITY)).toBe(
      'u-1',
    );
  });
});

describe('assertVisitDate: a visit is logged at most 30 days after it took place', () => {
  const logged = new Date('2026-06-30T02:00:00Z'); // 2026-06-30 in the community
  const refusal = (visitedAt: string, caseOpenedAt: Date | null = null) => {
    try {
      assertVisitDate(new Date(visitedAt), logged, caseOpenedAt);
    } catch (error) {
      return (error as Error).message;
    }
    return null;
  };

  it('counts the 30 days in community days, not after the logging, not before the case', () => {
    expect(refusal('1990-03-01T02:00:00Z')).toMatch(/不能早于 2026-05-31/);
    expect(refusal('2026-05-30T15:59:59Z')).toMatch(/不能早于 2026-05-31/); // 2026-05-30 23:59 in Beijing
    expect(refusal('2026-05-30T16:00:00Z')).toBeNull(); // 2026-05-31 00:00 in Beijing
    expect(refusal('2026-06-30T02:00:00Z')).toBeNull();
    expect(refusal('2026-06-30T02:00:01Z')).toBe('走访时间不能晚于当前时间');
    expect(refusal('2026-06-20T02:00:00Z', new Date('2026-06-21T00:00:00Z'))).toBe(
      '走访时间不能早于所关联事项的受理时间',
    );
    expect(refusal('2026-06-21T00:00:00Z', new Date('2026-06-21T00:00:00Z'))).toBeNull();
  });
});
