import { describe, expect, test } from 'vitest';
import { parseRange } from '../../../src/serve/range.ts';

describe('parseRange', () => {
  test('the three single-range forms', () => {
    expect(parseRange('bytes=0-9', 100)).toEqual({ kind: 'range', start: 0, end: 9 });
    expect(parseRange('bytes=90-', 100)).toEqual({ kind: 'range', start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ kind: 'range', start: 90, end: 99 });
  });

  test('bounds are clamped to the file', () => {
    expect(parseRange('bytes=0-', 100)).toEqual({ kind: 'range', start: 0, end: 99 });
    expect(parseRange('bytes=50-500', 100)).toEqual({ kind: 'range', start: 50, end: 99 });
    expect(parseRange('bytes=-500', 100)).toEqual({ kind: 'range', start: 0, end: 99 });
    expect(parseRange('bytes=99-99', 100)).toEqual({ kind: 'range', start: 99, end: 99 });
  });

  test('unsatisfiable ranges', () => {
    expect(parseRange('bytes=100-', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=200-300', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-0', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
  });

  test('malformed, foreign-unit and multi-range headers are ignored', () => {
    expect(parseRange(undefined, 100)).toEqual({ kind: 'none' });
    expect(parseRange('bytes=', 100)).toEqual({ kind: 'none' });
    expect(parseRange('bytes=-', 100)).toEqual({ kind: 'none' });
    expect(parseRange('bytes=5-2', 100)).toEqual({ kind: 'none' });
    expect(parseRange('bytes=a-b', 100)).toEqual({ kind: 'none' });
    expect(parseRange('items=0-5', 100)).toEqual({ kind: 'none' });
    expect(parseRange('bytes=0-1,5-6', 100)).toEqual({ kind: 'none' });
  });

  test('tolerates case and spaces', () => {
    expect(parseRange('Bytes = 1-2', 100)).toEqual({ kind: 'range', start: 1, end: 2 });
  });
});
