import { describe, expect, test } from 'vitest';
import { decoderOctets } from '../../../../src/ingest/text/decode.ts';
import type { ResultatDecodage, TexteDecode } from '../../../../src/ingest/text/decode.ts';

const octets = (...b: number[]): Uint8Array => new Uint8Array(b);
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

function reussi(r: ResultatDecodage): TexteDecode {
  if (!r.ok) throw new Error(`échec inattendu : ${r.message}`);
  return r;
}

describe('UTF-8', () => {
  test('sans BOM', () => {
    const r = reussi(decoderOctets(utf8('Réservataire;Baziège\r\n')));
    expect(r).toMatchObject({ texte: 'Réservataire;Baziège\r\n', encodage: 'utf-8', bom: false, avertissements: [] });
  });
  test('avec BOM : BOM retiré', () => {
    const r = reussi(decoderOctets(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('N° RPLS')])));
    expect(r).toMatchObject({ texte: 'N° RPLS', encodage: 'utf-8', bom: true });
  });
  test('BOM seul : texte vide, pas une erreur', () => {
    expect(reussi(decoderOctets(octets(0xef, 0xbb, 0xbf))).texte).toBe('');
  });
  test('BOM UTF-8 mais octets invalides : UTF-8 quand même, avec avertissement', () => {
    const r = reussi(decoderOctets(octets(0xef, 0xbb, 0xbf, 0x41, 0xe9, 0x42)));
    expect(r.encodage).toBe('utf-8');
    expect(r.texte).toBe('A\uFFFDB');
    expect(r.avertissements[0]).toMatch(/octets invalides/u);
  });
  test('caractères sur 4 octets', () => {
    expect(reussi(decoderOctets(utf8('🏠 logement'))).texte).toBe('🏠 logement');
  });
});

describe('repli Windows-1252', () => {
  test('accents Latin-1 et caractères propres à Windows-1252', () => {
    // « Réservé € ’ » en Windows-1252
    const r = reussi(decoderOctets(octets(0x52, 0xe9, 0x73, 0x65, 0x72, 0x76, 0xe9, 0x20, 0x80, 0x20, 0x92)));
    expect(r).toMatchObject({ texte: 'Réservé € ’', encodage: 'windows-1252', bom: false, avertissements: [] });
  });
  test('séquence UTF-8 tronquée en fin de fichier → Windows-1252', () => {
    const r = reussi(decoderOctets(octets(0x41, 0xc3)));
    expect(r.encodage).toBe('windows-1252');
    expect(r.texte).toBe('AÃ');
  });
  test('surlongueur et surrogates UTF-8 refusés (→ Windows-1252)', () => {
    expect(reussi(decoderOctets(octets(0xc0, 0xaf))).encodage).toBe('windows-1252');
    expect(reussi(decoderOctets(octets(0xed, 0xa0, 0x80))).encodage).toBe('windows-1252');
    expect(reussi(decoderOctets(octets(0xf4, 0x90, 0x80, 0x80))).encodage).toBe('windows-1252');
  });
  test('fichier mixte (UTF-8 + Latin-1) : avertissement', () => {
    const r = reussi(decoderOctets(new Uint8Array([...utf8('Baziège ; '), 0xe9])));
    expect(r.encodage).toBe('windows-1252');
    expect(r.avertissements[0]).toMatch(/encodage mixte/u);
  });
});

describe('UTF-16 (export « Texte Unicode » d’Excel)', () => {
  test('petit-boutiste avec BOM', () => {
    const corps = Buffer.from('N°\tRPLS\r\n', 'utf16le');
    const r = reussi(decoderOctets(new Uint8Array([0xff, 0xfe, ...corps])));
    expect(r).toMatchObject({ texte: 'N°\tRPLS\r\n', encodage: 'utf-16le', bom: true });
  });
  test('gros-boutiste avec BOM', () => {
    const le = Buffer.from('Été', 'utf16le');
    const be = Buffer.from(le).swap16();
    const r = reussi(decoderOctets(new Uint8Array([0xfe, 0xff, ...be])));
    expect(r).toMatchObject({ texte: 'Été', encodage: 'utf-16be' });
  });
  test('nombre impair d’octets : erreur', () => {
    const r = decoderOctets(octets(0xff, 0xfe, 0x41, 0x00, 0x42));
    expect(r).toMatchObject({ ok: false, code: 'utf-16-impair' });
  });
  test('UTF-16 sans BOM : reconnu comme binaire (octets nuls)', () => {
    const r = decoderOctets(new Uint8Array(Buffer.from('RPLS', 'utf16le')));
    expect(r).toMatchObject({ ok: false, code: 'binaire', position: 1 });
  });
});

describe('fichiers qui ne sont pas du texte', () => {
  test('vide', () => {
    expect(decoderOctets(new Uint8Array())).toMatchObject({ ok: false, code: 'vide', message: 'le fichier est vide (0 octet)' });
  });
  test('octet nul au milieu', () => {
    const r = decoderOctets(octets(0x41, 0x42, 0x00, 0x43));
    expect(r).toMatchObject({ ok: false, code: 'binaire', position: 2 });
    if (!r.ok) expect(r.message).toMatch(/octet nul \(position 2\)/u);
  });
  test.each([
    [[0x50, 0x4b, 0x03, 0x04, 0x14, 0x00], 'zip', /\.xlsx/u],
    [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0x00], 'xls', /97-2003/u],
    [[0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37], 'pdf', /PDF/u],
  ])('signature %j → %s', (sig, code, message) => {
    const r = decoderOctets(new Uint8Array(sig));
    expect(r).toMatchObject({ ok: false, code });
    if (!r.ok) expect(r.message).toMatch(message);
  });
  test('PNG (octets nuls) → binaire', () => {
    const r = decoderOctets(octets(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d));
    expect(r).toMatchObject({ ok: false, code: 'binaire' });
  });
});
