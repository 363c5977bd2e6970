import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { champ, dateFr, decimal, FichierCsv, jour, lireCsv, ligneCsv, moisAnnee } from '../../../src/generate/csv.ts';

describe('écriture CSV', () => {
  test('guillemets seulement si le champ contient ; ou " ou un saut de ligne', () => {
    expect(champ("Le Clos d'Elisa")).toBe("Le Clos d'Elisa");
    expect(champ('a;b')).toBe('"a;b"');
    expect(champ('dit "X"')).toBe('"dit ""X"""');
    expect(ligneCsv(['1', 'a;b', ''])).toBe('1;"a;b";\n');
  });

  test('virgule décimale et dates françaises', () => {
    expect(decimal(1234.5, 2)).toBe('1234,50');
    expect(decimal(588923.84, 1)).toBe('588923,8');
    expect(dateFr(jour(2024, 2, 29))).toBe('29/02/2024');
    expect(moisAnnee(3, 2024)).toBe('03/2024');
  });

  test('écriture atomique : fichier temporaire puis renommage ; abandon sans toucher au fichier existant', async () => {
    const dossier = mkdtempSync(join(tmpdir(), 'obs-cil-csv-'));
    const chemin = join(dossier, 'x.csv');
    writeFileSync(chemin, 'ancien\n');
    const f = FichierCsv.ouvrir(chemin, ['a', 'b']);
    for (let i = 0; i < 20_000; i++) await f.ecrire([String(i), 'valeur;avec point-virgule']);
    expect(readFileSync(chemin, 'utf8')).toBe('ancien\n');
    await f.fermer();
    const texte = readFileSync(chemin, 'utf8');
    expect(texte.split('\n')).toHaveLength(20_002);
    expect(readdirSync(dossier)).toEqual(['x.csv']);

    const g = FichierCsv.ouvrir(chemin, ['a']);
    await g.ecrire(['1']);
    await g.abandonner();
    expect(readFileSync(chemin, 'utf8')).toBe(texte);
    expect(readdirSync(dossier)).toEqual(['x.csv']);
    rmSync(dossier, { recursive: true, force: true });
  });
});

describe('lecture CSV de configuration', () => {
  test('champs entre guillemets, BOM, CRLF', () => {
    const lignes = lireCsv('\ufeffcode,source\r\n31048,"CIA, annexe 2"\r\n31004,"dit ""X"""\r\n');
    expect(lignes).toEqual([
      { code: '31048', source: 'CIA, annexe 2' },
      { code: '31004', source: 'dit "X"' },
    ]);
  });
});
