// The chart adapters and charts on every commune of the pages.json the pipeline computed for the
// e2e run's site (tests/setup/site.ts): each draws, or says why not, with no NaN or undefined.
import { expect, test } from 'vitest';
import { documentServeur } from '../../../../src/site/charts/serveur.ts';
import { barresDepuisRepartition, comparaisonAttributions, repartitionFragilite, serieIndicateur } from '../../../../src/site/charts/adaptateurs.ts';
import { comparaisonCommuneEpci, evolutionAvecCible, repartitionEmpilee, barresHorizontales } from '../../../../src/site/charts/index.ts';
import { siteDeTest } from '../../../helpers/site.ts';

test('chaque commune du pages.json du site de test se dessine sans erreur', () => {
  const p = siteDeTest().pages;
  const document = documentServeur();
  const niveaux = [0, 1, 2, 3, 4].map((niveau) => ({ niveau, libelle: `Niveau ${niveau}` }));
  const ids = [{ id: 'a1', libelle: 'Prioritaires', cible: { valeur: 0.375, sens: '>=' as const } }, { id: 'a5', libelle: 'Q1', cible: { valeur: 0.25, sens: '>=' as const } }];
  for (const c of p.communes) {
    const rs = [
      barresHorizontales(barresDepuisRepartition(c.parcPar.financement), { titre: `Parc de ${c.nom}`, document }),
      evolutionAvecCible(serieIndicateur(c.attributions, 'a1'), { titre: 'A1', libelleValeur: 'A1', cible: ids[0]!.cible, document }),
      comparaisonCommuneEpci(comparaisonAttributions(c.attributions, p.epci.attributions, ids), { titre: 'Comparaison', nomCommune: c.nom, nomEpci: p.territoire.nomCourt, document }),
      repartitionEmpilee(repartitionFragilite([{ nom: c.nom, occupation: c.occupation }, { nom: p.territoire.nomCourt, occupation: p.epci.occupation }], niveaux).donnees, { titre: 'F1', document }),
    ];
    for (const r of rs) {
      expect(['ok', 'secret', 'vide']).toContain(r.etat);
      if (r.etat === 'ok') expect(r.svg).toContain('role="img"');
      else expect(r.message).toBeTruthy();
      expect(r.alternative).not.toMatch(/NaN|undefined/);
    }
  }
});
