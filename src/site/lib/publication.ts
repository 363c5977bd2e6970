// Date of publication printed on every page (footer, printed header): the build
// date, or SOURCE_DATE_EPOCH (seconds) when set, for reproducible builds.
import { date } from '../../lib/format-fr.ts';

let cache: string | null = null;
export function datePublication(): string {
  if (!cache) {
    const epoch = Number(process.env.SOURCE_DATE_EPOCH);
    const d = Number.isFinite(epoch) && epoch > 0 ? new Date(epoch * 1000) : new Date();
    cache = date(d.toISOString());
  }
  return cache;
}
