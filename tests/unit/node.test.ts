import { expect, test } from 'vitest';
test('runs on the pinned Node 22', () => {
  expect(Number(process.versions.node.split('.')[0])).toBe(22);
});
