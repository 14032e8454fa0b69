import { defineConfig } from 'vitest/config';
import { packageTestConfig } from '../../vitest.shared.mjs';
// residents holds the registry of communities itself: its tests register theirs through a test-only setup file
export default defineConfig(packageTestConfig({ setupFiles: ['./test/test-communities.ts'] }));
