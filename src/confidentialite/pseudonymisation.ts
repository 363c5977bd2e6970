// Demand ids (numéro unique) are personal data: they are replaced by a keyed hash
// as soon as a row is read. The key stays on the build machine (never in git:
// data/territoires/<id>/.cle-pseudonymisation is git-ignored), so the same demand
// gets the same pseudonym from one build to the next, and nobody without the key
// can link a pseudonym back to the demand file.
import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export class ErreurCle extends Error {}

export function chargerOuCreerCle(chemin: string): Buffer {
  if (existsSync(chemin)) {
    const hex = readFileSync(chemin, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/i.test(hex)) {
      throw new ErreurCle(
        `${chemin} : clé de pseudonymisation illisible (64 caractères hexadécimaux attendus, ${hex.length} caractère(s) lu(s)) — ` +
          `restaurez la clé d'origine ; à défaut, supprimez le fichier pour en créer une nouvelle (les pseudonymes des demandes changeront)`,
      );
    }
    return Buffer.from(hex, 'hex');
  }
  mkdirSync(dirname(chemin), { recursive: true });
  const cle = randomBytes(32);
  // 'wx': never overwrite a key another process has just created
  writeFileSync(chemin, cle.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(chemin, 0o600);
  return cle;
}

/** Keyed hash (HMAC-SHA-256, 80 bits kept) of a demand id; case and surrounding spaces do not matter. */
export function pseudonymiseur(cle: Buffer): (identifiant: string) => string {
  if (cle.length < 32) throw new ErreurCle('clé de pseudonymisation trop courte (32 octets attendus)');
  return (id) => createHmac('sha256', cle).update(id.trim().toUpperCase()).digest('hex').slice(0, 20);
}
