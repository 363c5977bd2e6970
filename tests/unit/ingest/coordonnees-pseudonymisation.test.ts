// Demand-id pseudonymisation (key local to the machine), RPLS layouts and coordinates.
import { afterAll, describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chargerOuCreerCle, pseudonymiseur } from '../../../src/confidentialite/pseudonymisation.ts';
import { versWgs84 } from '../../../src/ingest/coordonnees.ts';
import { varianteRpls } from '../../../src/ingest/entrees.ts';
import { plierEntete } from '../../../src/ingest/format.ts';

const dir = mkdtempSync(join(tmpdir(), 'obs-cle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pseudonymisation des numéros de demande', () => {
  test('clé créée au premier usage, mode 600, relue à l’identique ensuite', () => {
    const chemin = join(dir, 'territoire', '.cle-pseudonymisation');
    const cle = chargerOuCreerCle(chemin);
    expect(statSync(chemin).mode & 0o777).toBe(0o600);
    expect(readFileSync(chemin, 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
    expect(chargerOuCreerCle(chemin).equals(cle)).toBe(true);
  });
  test('même numéro + même clé → même pseudonyme ; autre clé → autre pseudonyme ; rien du numéro ne subsiste', () => {
    const a = pseudonymiseur(chargerOuCreerCle(join(dir, 'a')));
    const b = pseudonymiseur(chargerOuCreerCle(join(dir, 'b')));
    const id = '031251100001234';
    expect(a(id)).toBe(a(id));
    expect(a(` ${id.toLowerCase()} `)).toBe(a(id));
    expect(a(id)).not.toBe(b(id));
    expect(a(id)).not.toBe(a('031251100001235'));
    expect(a(id)).toMatch(/^[0-9a-f]{20}$/);
    expect(a(id)).not.toContain('0312511');
  });
  test('fichier de clé abîmé : erreur claire, jamais remplacé en silence', () => {
    const chemin = join(dir, 'abimee');
    writeFileSync(chemin, 'pas une clé\n');
    expect(() => chargerOuCreerCle(chemin)).toThrow(/abimee : clé de pseudonymisation illisible \(64 caractères hexadécimaux attendus, 11 caractère\(s\) lu\(s\)\)/);
    expect(readFileSync(chemin, 'utf8')).toBe('pas une clé\n');
  });
});

describe('RPLS : millésime et version reconnus sur l’en-tête', () => {
  const v = (entete: string) => varianteRpls(new Set(entete.split(';').map(plierEntete)));
  test.each([
    ['REG_CODE;DEPCOM_CODE;DEPCOM_LIBELLE;PLG_QP;FINAN_CODE', 'RPLS 2023, fichier public'],
    ['DEPCOM;LIBCOM;PLG_QP24;PLG_QP15;FINAN_CODE', 'RPLS 2025, fichier public'],
    ['DEPCOM;LIBCOM;PLG_QP24;IDENT_REP;RS;MODE;LOYERPRINC', 'RPLS 2025, version loi'],
    ['DEPCOM_CODE;DEPCOM_LIBELLE;IDENT_REP;RS', 'RPLS 2023, version loi'],
    ['CODE_INSEE;FINAN', 'RPLS (nommage non reconnu), fichier public'],
  ])('%s → %s', (entete, attendu) => expect(v(entete)).toBe(attendu));
});

describe('Lambert-93 → WGS84', () => {
  test('Baziège et Castanet-Tolosan tombent où ils sont', () => {
    const [lon, lat] = versWgs84(585000, 6262000, 2154)!;
    expect(lon).toBeCloseTo(1.5799, 3);
    expect(lat).toBeCloseTo(43.4478, 3);
    // Toulouse Capitole: X 574 380, Y 6 279 260 (IGN) → 1.4437 E, 43.6044 N
    const [lon2, lat2] = versWgs84(574380, 6279260, 2154)!;
    expect(lon2).toBeCloseTo(1.4437, 2);
    expect(lat2).toBeCloseTo(43.6044, 2);
  });
  test('EPSG inconnu, coordonnées manquantes ou hors de France : vide', () => {
    expect(versWgs84(585000, 6262000, 9999)).toBeNull();
    expect(versWgs84(null, 6262000, 2154)).toBeNull();
    expect(versWgs84(0, 0, 2154)).toBeNull();
    expect(versWgs84(1.5, 43.4, 4326)).toEqual([1.5, 43.4]);
  });
  test('outre-mer : La Réunion (EPSG 2975)', () => {
    const [lon, lat] = versWgs84(338000, 7690000, 2975)!;
    expect(lon).toBeGreaterThan(55);
    expect(lon).toBeLessThan(56);
    expect(lat).toBeGreaterThan(-21.5);
    expect(lat).toBeLessThan(-20.5);
  });
});
