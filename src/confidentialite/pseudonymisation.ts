// Demand ids (numéro unique) are personal data: they are replaced by a keyed hash
// as soon as a row is read. The key stays on the build machine (never in git), so
// the same demand gets the same pseudonym from one build to the next, and nobody
// without the key can link a pseudonym back to the demand file.
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export function chargerOuCreerCle(chemin: string): Buffer {
  if (existsSync(chemin)) {
    const hex = readFileSync(chemin, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`${chemin} : clé de pseudonymisation illisible (64 caractères hexadécimaux attendus)`);
    return Buffer.from(hex, 'hex');
  }
  mkdirSync(dirname(chemin), { recursive: true });
  const cle = randomBytes(32);
  writeFileSync(chemin, cle.toString('hex') + '\n', { mode: 0o600 });
  return cle;
}

export function pseudonymiseur(cle: Buffer): (identifiant: string) => string {
  return (id) => createHmac('sha256', cle).update(id.trim().toUpperCase()).digest('hex').slice(0, 20);
}
