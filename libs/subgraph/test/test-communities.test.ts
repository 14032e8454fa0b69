import { describe, expect, it } from 'vitest';
import { referenceProjectionCommunities } from '../src/index.js';
import { testCommunityRegistration } from '../src/testing/index.js';

describe('registering a community in tests', () => {
  it('is not an ability of the production registry: only the testing library has it', () => {
    expect(Object.keys(referenceProjectionCommunities)).toEqual(['isRegistered', 'isRegisteredRegion']);
    expect(typeof testCommunityRegistration(referenceProjectionCommunities)).toBe('function');
  });

  it('names what to do for a registry the testing library does not know', () => {
    expect(() =>
      testCommunityRegistration({ isRegistered: async () => true, isRegisteredRegion: async () => true }),
    ).toThrow(/useTestCommunityRegistration/);
  });
});
