// Outputs are written next to their destination then renamed, so a failed run
// never leaves a half-written file or folder where the previous good one was.
import { mkdir, rename, rm, writeFile, stat } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';

export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.tmp-${basename(path)}-${process.pid}`);
  await writeFile(tmp, data);
  await rename(tmp, path);
}

/** A fresh temporary folder beside `finalDir`, to be filled then passed to `commitDir`. */
export async function stagingDir(finalDir: string): Promise<string> {
  const tmp = join(dirname(finalDir), `.tmp-${basename(finalDir)}-${process.pid}`);
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  return tmp;
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

/** Replaces `finalDir` by `tmpDir` with two renames: the old folder stays whole until the new one is complete. */
export async function commitDir(tmpDir: string, finalDir: string): Promise<void> {
  const old = join(dirname(finalDir), `.old-${basename(finalDir)}-${process.pid}`);
  const had = await exists(finalDir);
  if (had) await rename(finalDir, old);
  try {
    await rename(tmpDir, finalDir);
  } catch (e) {
    if (had) await rename(old, finalDir);
    throw e;
  }
  if (had) await rm(old, { recursive: true, force: true });
}
