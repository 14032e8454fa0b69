import { describe, expect, it } from 'vitest';
import { ForbiddenError } from '@shequ/errors';
import { visitorInPost } from '../src/domain/visit-rules.js';

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
