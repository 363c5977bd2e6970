// CSV in the shape of French administrative exports: `;` separator, decimal
// comma, dd/mm/yyyy dates, fields quoted only when they must be (RFC 4180).
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export const SEPARATEUR = ';';

export function champ(valeur: string): string {
  if (/[;"\n\r]/.test(valeur)) return `"${valeur.replaceAll('"', '""')}"`;
  return valeur;
}

export function ligneCsv(valeurs: readonly string[]): string {
  return valeurs.map(champ).join(SEPARATEUR) + '\n';
}

/** 1234.5 → "1234,50" with `chiffres` decimals. */
export function decimal(n: number, chiffres: number): string {
  return n.toFixed(chiffres).replace('.', ',');
}

const deux = (n: number): string => String(n).padStart(2, '0');

/** Dates are handled as UTC day numbers so no time zone can shift them. */
export function jour(annee: number, mois: number, j: number): number {
  return Math.floor(Date.UTC(annee, mois - 1, j) / 86_400_000);
}

export function dateDuJour(n: number): { annee: number; mois: number; jour: number; semaine: number } {
  const d = new Date(n * 86_400_000);
  return { annee: d.getUTCFullYear(), mois: d.getUTCMonth() + 1, jour: d.getUTCDate(), semaine: d.getUTCDay() };
}

export function dateFr(n: number): string {
  const d = dateDuJour(n);
  return `${deux(d.jour)}/${deux(d.mois)}/${d.annee}`;
}

export function moisAnnee(mois: number, annee: number): string {
  return `${deux(mois)}/${annee}`;
}

/**
 * Streams rows to `<dir>/.<name>.<pid>.tmp` and renames it over the target on
 * close, so a reader never sees a half-written file and a failed run leaves the
 * previous file in place. Rows are batched into ~64 kB writes and the writer
 * waits for `drain`: memory stays flat whatever the number of rows.
 */
export class FichierCsv {
  readonly chemin: string;
  private readonly temporaire: string;
  private readonly flux: WriteStream;
  private tampon: string[] = [];
  private tailleTampon = 0;
  lignes = 0;

  private constructor(chemin: string, entetes: readonly string[]) {
    this.chemin = chemin;
    this.temporaire = join(dirname(chemin), `.${basename(chemin)}.${process.pid}.tmp`);
    this.flux = createWriteStream(this.temporaire, { encoding: 'utf8' });
    this.ajouter(ligneCsv(entetes));
  }

  static ouvrir(chemin: string, entetes: readonly string[]): FichierCsv {
    return new FichierCsv(chemin, entetes);
  }

  private ajouter(texte: string): void {
    this.tampon.push(texte);
    this.tailleTampon += texte.length;
  }

  async ecrire(valeurs: readonly string[]): Promise<void> {
    this.ajouter(ligneCsv(valeurs));
    this.lignes += 1;
    if (this.tailleTampon >= 65_536) await this.vider();
  }

  private async vider(): Promise<void> {
    if (this.tampon.length === 0) return;
    const morceau = this.tampon.join('');
    this.tampon = [];
    this.tailleTampon = 0;
    if (!this.flux.write(morceau)) {
      await new Promise<void>((resolve, reject) => {
        const erreur = (e: Error): void => reject(e);
        this.flux.once('error', erreur);
        this.flux.once('drain', () => {
          this.flux.off('error', erreur);
          resolve();
        });
      });
    }
  }

  async fermer(): Promise<void> {
    await this.vider();
    await new Promise<void>((resolve, reject) => {
      this.flux.once('error', reject);
      this.flux.end(() => resolve());
    });
    await rename(this.temporaire, this.chemin);
  }

  async abandonner(): Promise<void> {
    // the stream opens its file asynchronously: destroyed before, it still creates it, then closes it; the
    // temporary file is removed once the stream is closed, not before (it was left behind otherwise)
    if (!this.flux.closed) {
      await new Promise<void>((resolve) => {
        this.flux.once('close', () => resolve());
        this.flux.destroy();
      });
    }
    await rm(this.temporaire, { force: true });
  }
}

/** Minimal RFC 4180 reader for the territory's configuration files. */
export function lireCsv(texte: string, separateur = ','): Record<string, string>[] {
  const lignes: string[][] = [];
  let champCourant = '';
  let ligne: string[] = [];
  let guillemets = false;
  const t = texte.charCodeAt(0) === 0xfeff ? texte.slice(1) : texte;
  for (let i = 0; i < t.length; i++) {
    const c = t[i] as string;
    if (guillemets) {
      if (c === '"') {
        if (t[i + 1] === '"') {
          champCourant += '"';
          i++;
        } else guillemets = false;
      } else champCourant += c;
    } else if (c === '"') guillemets = true;
    else if (c === separateur) {
      ligne.push(champCourant);
      champCourant = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && t[i + 1] === '\n') i++;
      ligne.push(champCourant);
      champCourant = '';
      if (ligne.length > 1 || ligne[0] !== '') lignes.push(ligne);
      ligne = [];
    } else champCourant += c;
  }
  if (champCourant !== '' || ligne.length > 0) {
    ligne.push(champCourant);
    lignes.push(ligne);
  }
  const [entetes, ...corps] = lignes;
  if (!entetes) return [];
  return corps.map((valeurs) => {
    const enregistrement: Record<string, string> = {};
    entetes.forEach((nom, i) => {
      enregistrement[nom] = valeurs[i] ?? '';
    });
    return enregistrement;
  });
}
