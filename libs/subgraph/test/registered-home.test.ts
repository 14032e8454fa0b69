import type { EntityManager } from '@mikro-orm/core';
import { describe, expect, it } from 'vitest';
import type { Principal } from '@shequ/auth';
import { rememberRegisteredCommunities, requireRegisteredHome } from '../src/index.js';

describe('a credential’s home checked on every request', () => {
  it('looks a place up once per process: a request for a remembered place makes no EntityManager', async () => {
    // before, every request of every service forked an EntityManager for the check, remembered place or not
    let asked = 0;
    const registry = rememberRegisteredCommunities({
      isRegistered: async () => (asked++, true),
      isRegisteredRegion: async () => (asked++, true),
    });
    let made = 0;
    const em = () => (made++, {} as EntityManager);
    const analyst: Principal = {
      kind: 'user',
      id: 'analyst-1',
      name: '分析员',
      communityId: '350203',
      roles: ['analyst'],
      grids: [],
      department: null,
    };
    for (let i = 0; i < 3; i++) await requireRegisteredHome(analyst, registry, em);
    expect([asked, made]).toEqual([1, 1]);
  });
});
