import { describe, expect, it } from 'vitest';
import { branchesUnder, type TreeNode } from '../src/domain/organization-tree.js';

const tree: TreeNode[] = [
  { id: 'committee', level: 'COMMITTEE', parentId: null },
  { id: 'general', level: 'GENERAL_BRANCH', parentId: 'committee' },
  { id: 'b1', level: 'BRANCH', parentId: 'committee' },
  { id: 'b2', level: 'BRANCH', parentId: 'general' },
  { id: 'g1', level: 'GROUP', parentId: 'b2' },
  { id: 'other', level: 'COMMITTEE', parentId: null },
  { id: 'b3', level: 'BRANCH', parentId: 'other' },
];

describe('organisation tree walk', () => {
  it('finds the 党支部 under an organisation at any depth, not groups and not other trees', () => {
    expect(branchesUnder('committee', tree).sort()).toEqual(['b1', 'b2']);
    expect(branchesUnder('general', tree)).toEqual(['b2']);
    expect(branchesUnder('other', tree)).toEqual(['b3']);
    expect(branchesUnder('b2', tree)).toEqual([]);
  });

  it('ends the walk on a cycle instead of looping', () => {
    const cyclic: TreeNode[] = [
      { id: 'x', level: 'COMMITTEE', parentId: 'y' },
      { id: 'y', level: 'COMMITTEE', parentId: 'x' },
      { id: 'b', level: 'BRANCH', parentId: 'x' },
    ];
    expect(branchesUnder('y', cyclic)).toEqual(['b']);
    expect(branchesUnder('missing', cyclic)).toEqual([]);
  });
});
