import { describe, expect, test } from 'vitest';
import { expliquerSigles } from '../../../../src/site/lib/sigles.ts';
import { glossaire } from '../../../../src/site/lib/glossaire.ts';

const G = [
  { id: 'plai', sigle: 'PLAI', terme: "Prêt locatif aidé d'intégration", definition: 'loyers les plus bas' },
  { id: 'plus', sigle: 'PLUS', terme: 'Prêt locatif à usage social', definition: 'le plus courant' },
  { id: 'qpv', sigle: 'QPV', terme: 'Quartier prioritaire', definition: 'quartier "prioritaire" & pauvre' },
];
const page = (corps: string) => `<!doctype html><html><head><title>PLAI</title></head><body>${corps}</body></html>`;

describe('expliquerSigles', () => {
  test('première occurrence de chaque sigle, dans le texte seulement, titre échappé', () => {
    const h = expliquerSigles(page('<p>Part de PLAI et de PLUS, plus de PLAI hors QPV.</p><p>QPV</p>'), G);
    expect(h).toContain(`<p>Part de <abbr title="Prêt locatif aidé d'intégration : loyers les plus bas">PLAI</abbr> et de <abbr title="Prêt locatif à usage social : le plus courant">PLUS</abbr>, plus de PLAI hors <abbr title="Quartier prioritaire : quartier &quot;prioritaire&quot; &amp; pauvre">QPV</abbr>.</p><p>QPV</p>`);
    expect(h).toContain('<title>PLAI</title>');
  });

  test('mot entier en capitales : ni « plus », ni « PLAIs », ni dans un attribut, un script ou un graphique SVG', () => {
    const h = expliquerSigles(page('<a href="/PLAI/" title="PLAI">x</a><script>const PLAI = 1;</script><svg><text>PLAI</text></svg><p>PLAIs plus</p><p>(PLAI)</p>'), G);
    expect(h).toContain('<a href="/PLAI/" title="PLAI">x</a><script>const PLAI = 1;</script><svg><text>PLAI</text></svg><p>PLAIs plus</p><p>(<abbr');
    expect(h.match(/<abbr/g)).toHaveLength(1);
  });

  test('un « > » dans un attribut entre guillemets (JSON de l’explorateur) ne coupe pas la balise', () => {
    const corps = `<form data-cibles="{&quot;sens&quot;:&quot;>=&quot;,&quot;source&quot;:&quot;PLAI&quot;}">x</form><p>PLAI</p>`;
    const h = expliquerSigles(page(corps), G);
    expect(h).toContain(`<form data-cibles="{&quot;sens&quot;:&quot;>=&quot;,&quot;source&quot;:&quot;PLAI&quot;}">x</form><p><abbr`);
    expect(h.match(/<abbr/g)).toHaveLength(1);
  });

  test('un sigle déjà dans une <abbr> n’est pas réexpliqué ; le glossaire du projet a ses sigles uniques', () => {
    expect(expliquerSigles(page('<abbr title="x">PLAI</abbr> <span>PLAI</span>'), G)).toBe(page('<abbr title="x">PLAI</abbr> <span><abbr title="Prêt locatif aidé d\'intégration : loyers les plus bas">PLAI</abbr></span>'));
    const sigles = glossaire().flatMap((e) => (e.sigle ? [e.sigle] : []));
    expect(new Set(sigles).size).toBe(sigles.length);
    for (const s of ['PLAI', 'PLUS', 'PLS', 'CALEOL', 'QPV', 'ACD', 'CIA', 'OPS', 'RPLS', 'DALO', 'EPCI']) expect(sigles, s).toContain(s);
  });
});

import { sourceLisible } from '../../../../src/site/lib/sources.ts';

describe('sourceLisible', () => {
  test('sans numéro de ligne, avec le nom du texte', () => {
    expect(sourceLisible('CIA art.1 obj.1 (l.5128); ACD indicateur B', 'Sicoval')).toBe('CIA du Sicoval, article 1, objectif 1 ; accord collectif départemental, indicateur B');
    expect(sourceLisible('CIA l.5180; ACD §4', 'Sicoval')).toBe('CIA du Sicoval ; accord collectif départemental, §4');
    expect(sourceLisible('CCH L441-1 (loi Égalité et Citoyenneté)', 'Muretain')).toBe("code de la construction et de l'habitation, article L.441-1 (loi Égalité et Citoyenneté)");
  });
});

import { morceauxSource } from '../../../../src/site/lib/sources.ts';

describe('morceauxSource', () => {
  test('convention de Baziège : sans numéros de ligne, l’adresse devient un lien', () => {
    const s = "Baziège délibération D25-59 du 10/12/2025 (intramuros.org/baziege/documents_administratifs/46950), convention ALTEAL, annexe 1 « au titre de l'année 2025 » l.9996 : E l.10000, R l.10005, part l.10014, taux l.10021, flux l.10030-10031 (dont prioritaires imprimé 0, l.10032)";
    const m = morceauxSource(s, 'Sicoval');
    const texte = m.map((x) => x.texte).join('');
    expect(texte).not.toMatch(/l\.\s?\d/);
    expect(texte).toContain("convention ALTEAL, annexe 1 « au titre de l'année 2025 »");
    expect(m).toContainEqual({ lien: 'https://intramuros.org/baziege/documents_administratifs/46950', texte: 'texte publié' });
  });
});

test('sourceLisible : ni fichier de spécification, ni chemin du dépôt', () => {
  expect(sourceLisible("INDICATORS.md A6 ; plafonds de ressources PLUS de l'année du bail (data/config/plafonds_plus.csv)", 'Sicoval')).toBe("plafonds de ressources PLUS de l'année du bail");
});
