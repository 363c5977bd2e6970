// SHA-256 of a file, streamed (inputs can be gigabytes).
import { createHash } from 'node:crypto';
import { openSync, readSync, closeSync } from 'node:fs';

export function empreinte(chemin: string): string {
  const h = createHash('sha256');
  const fd = openSync(chemin, 'r');
  const buf = Buffer.alloc(1 << 20);
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      h.update(buf.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return h.digest('hex');
}
