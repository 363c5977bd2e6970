/** Parsing of a `Range` request header (RFC 9110 §14), single range only. */

export type RangeResult =
  /** No usable Range header: send the whole representation (200). */
  | { kind: 'none' }
  /** Syntactically valid but no byte of the file is in the range (416). */
  | { kind: 'unsatisfiable' }
  /** Inclusive byte bounds to send with 206. */
  | { kind: 'range'; start: number; end: number };

const RANGE_SPEC = /^(\d*)-(\d*)$/;

/**
 * Parses `bytes=a-b`, `bytes=a-` and `bytes=-n` against a file of `size` bytes.
 * Malformed headers, other units and multi-range requests are ignored
 * (`none`: the full file is sent with 200, as RFC 9110 allows).
 */
export function parseRange(header: string | undefined, size: number): RangeResult {
  if (header === undefined) return { kind: 'none' };
  const match = /^\s*bytes\s*=\s*(.+)$/i.exec(header);
  if (!match || match[1] === undefined) return { kind: 'none' };
  const specs = match[1].split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (specs.length !== 1) return { kind: 'none' };
  const spec = RANGE_SPEC.exec(specs[0] ?? '');
  if (!spec) return { kind: 'none' };
  const first = spec[1] ?? '';
  const last = spec[2] ?? '';
  if (first === '' && last === '') return { kind: 'none' };

  if (first === '') {
    // Suffix range: the last n bytes.
    const length = Number(last);
    if (!Number.isSafeInteger(length)) return { kind: 'none' };
    if (length === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'range', start: Math.max(0, size - length), end: size - 1 };
  }

  const start = Number(first);
  if (!Number.isSafeInteger(start)) return { kind: 'none' };
  let end = size - 1;
  if (last !== '') {
    const parsedEnd = Number(last);
    if (!Number.isSafeInteger(parsedEnd)) return { kind: 'none' };
    if (parsedEnd < start) return { kind: 'none' }; // invalid: ignored
    end = Math.min(parsedEnd, size - 1);
  }
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'range', start, end };
}
