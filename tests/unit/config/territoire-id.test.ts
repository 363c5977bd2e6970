// --territoire (and OBS_TERRITOIRE) name a folder of data/territoires/, nothing else.
import { expect, test } from 'vitest';
import { chargerTerritoire, verifierIdTerritoire } from '../../../src/config/territoire.ts';

test('identifiants connus acceptés ; chemins, « .. » et inconnus refusés en français avec la liste des territoires', () => {
  expect(verifierIdTerritoire('sicoval')).toBe('sicoval');
  for (const id of ['../sicoval', '..', 'sicoval/../muretain', '/etc', 'sicoval/', 'inconnu', '']) {
    expect(() => verifierIdTerritoire(id), id).toThrow(/^Territoire .* inconnu : territoires disponibles : .*muretain.*sicoval/);
  }
  expect(() => verifierIdTerritoire('../../etc')).toThrow(/identifiant invalide : un nom de dossier sans chemin est attendu/);
  expect(() => chargerTerritoire('../territoires/sicoval')).toThrow(/territoires disponibles/);
});
