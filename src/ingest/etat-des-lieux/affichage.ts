/** Présentation en français du résultat d'un import d'état des lieux (sortie de `npm run etat-des-lieux`). */
import { basename } from 'node:path';
import type { ColonneDetectee, LogementEtatDesLieux, RaisonIgnoree, ResultatEtatDesLieux } from './types.ts';

/** « Réservataire du bien → reservataire (libellé et contenu : 42 / 44 lignes) » */
export function comprehensionColonne(c: ColonneDetectee): string {
  const origine =
    c.origine === 'libelle+contenu' ? 'libellé et contenu' : c.origine === 'contenu' ? 'contenu seul' : 'libellé seul';
  const contredit = c.libelle_contredit ? `, libellé lu comme ${c.libelle_contredit} mais contredit par le contenu` : '';
  const entete = c.entete === '' ? `(colonne ${c.numero} sans en-tête)` : c.entete;
  const forme =
    c.lignes_contenu === null
      ? `${c.lignes_remplies} ligne(s) remplie(s), pas de forme connue`
      : `forme attendue dans ${c.lignes_contenu} / ${c.lignes_remplies} ligne(s) remplie(s)`;
  return `${entete} → ${c.canonique} (${origine}${contredit} ; ${forme})`;
}

const LIBELLES_IGNOREES: Record<RaisonIgnoree, string> = {
  vide: 'vides',
  titre: 'titres',
  tampon_page: 'tampons de page',
  hors_tableau: 'hors tableau (texte)',
  entete: 'en-têtes',
  entete_repete: 'en-têtes répétés',
  suite_entete: "suites d'en-tête",
  recapitulatif: 'tableaux récapitulatifs',
  non_logement: 'lignes du tableau sans logement',
};

function dateFr(iso: string | null): string {
  if (!iso) return '';
  const [a, m, j] = iso.split('-');
  return j ? `${j}/${m}/${a}` : `${m}/${a}`;
}

function pourcentage(f: number | null): string {
  if (f === null) return '';
  return `${(f * 100).toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} %`;
}

function couper(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

const COLONNES: Array<{ titre: string; largeurMax: number; valeur: (l: LogementEtatDesLieux) => string; droite?: boolean }> = [
  { titre: 'Ligne', largeurMax: 7, valeur: (l) => String(l.ligne), droite: true },
  { titre: 'RPLS', largeurMax: 10, valeur: (l) => l.rpls ?? '' },
  { titre: 'Réf. bailleur', largeurMax: 12, valeur: (l) => l.ref_bailleur ?? '' },
  { titre: 'Programme', largeurMax: 22, valeur: (l) => l.programme ?? '' },
  { titre: 'Typo.', largeurMax: 7, valeur: (l) => l.typologie_brute ?? '' },
  { titre: 'Pièces', largeurMax: 6, valeur: (l) => (l.nb_pieces === null ? '' : String(l.nb_pieces)), droite: true },
  { titre: 'Construction', largeurMax: 12, valeur: (l) => (l.individuel === null ? '' : l.individuel ? 'individuel' : 'collectif') },
  { titre: 'Financement', largeurMax: 11, valeur: (l) => l.financement ?? '' },
  { titre: 'Réservataire (brut)', largeurMax: 28, valeur: (l) => l.reservataire_brut ?? '' },
  { titre: 'Catégorie', largeurMax: 19, valeur: (l) => l.reservataire_categorie },
  { titre: 'QPV', largeurMax: 3, valeur: (l) => (l.en_qpv === null ? '' : l.en_qpv ? 'oui' : 'non') },
  { titre: 'INSEE', largeurMax: 5, valeur: (l) => l.commune_insee ?? '' },
  { titre: 'Début conv.', largeurMax: 11, valeur: (l) => dateFr(l.date_debut) },
  { titre: 'Fin conv.', largeurMax: 11, valeur: (l) => (l.date_fin_ouverte ? 'sans fin' : dateFr(l.date_fin)) },
  { titre: 'Rotation', largeurMax: 8, valeur: (l) => pourcentage(l.taux_rotation), droite: true },
];

/** Tableau texte des logements, colonnes alignées. */
export function tableauLogements(logements: readonly LogementEtatDesLieux[]): string {
  const cellules = logements.map((l) => COLONNES.map((c) => couper(c.valeur(l), c.largeurMax)));
  const largeurs = COLONNES.map((c, i) => Math.max(c.titre.length, ...cellules.map((r) => (r[i] ?? '').length)));
  const ligne = (valeurs: string[]): string =>
    valeurs
      .map((v, i) => (COLONNES[i]?.droite ? v.padStart(largeurs[i] ?? 0) : v.padEnd(largeurs[i] ?? 0)))
      .join(' │ ')
      .trimEnd();
  const titres = ligne(COLONNES.map((c) => c.titre));
  const separateur = largeurs.map((l) => '─'.repeat(l)).join('─┼─');
  return [titres, separateur, ...cellules.map(ligne)].join('\n');
}

function compter<T extends string>(valeurs: readonly T[]): string {
  const n = new Map<T, number>();
  for (const v of valeurs) n.set(v, (n.get(v) ?? 0) + 1);
  return [...n.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([v, k]) => `${v} ${k}`)
    .join(' · ');
}

/** Rapport complet en français : tableaux détectés, logements, rejets, avertissements, comptes. */
export function formaterResultat(r: ResultatEtatDesLieux): string {
  const s = r.statistiques;
  const sortie: string[] = [];
  const format = r.format === 'xlsx' ? 'classeur XLSX' : `texte ${r.encodage ?? ''}, délimiteur ${r.delimiteur ?? '?'}`;
  sortie.push(`État des lieux : ${r.fichier} (${format})`);
  sortie.push('');
  if (r.tableaux.length === 0) sortie.push('Aucun tableau de logements (seulement des tableaux récapitulatifs).');
  for (const t of r.tableaux) {
    const reconnues = t.colonnes.filter((c) => c.canonique !== null).length;
    const f = t.feuille !== undefined ? `feuille « ${t.feuille} », ` : '';
    const hauteur = t.lignes_entete > 1 ? ` (sur ${t.lignes_entete} lignes)` : '';
    sortie.push(
      `Tableau ${f}en-tête ligne ${t.ligne_entete}${hauteur} : ${reconnues} colonne(s) reconnue(s) sur ${t.colonnes.filter((c) => c.entete !== '' || c.canonique !== null).length}, ${t.logements} logement(s)`,
    );
    sortie.push('  Colonnes comprises (un mauvais choix se corrige en ajoutant un synonyme dans data/config/formats/etat-des-lieux-colonnes.csv) :');
    for (const c of t.colonnes) if (c.canonique !== null) sortie.push(`    ${comprehensionColonne(c)}`);
    const inconnues = t.colonnes.filter((c) => c.canonique === null && c.entete !== '').map((c) => `« ${c.entete} »`);
    if (inconnues.length > 0) sortie.push(`  colonnes non reconnues (ignorées) : ${inconnues.join(', ')}`);
  }
  sortie.push('');
  if (r.logements.length > 0) {
    sortie.push(`Logements (${r.logements.length}) :`);
    sortie.push(tableauLogements(r.logements));
    sortie.push('');
    sortie.push(`Réservataires : ${compter(r.logements.map((l) => l.reservataire_categorie))}`);
    sortie.push(`Financements : ${compter(r.logements.map((l) => l.financement ?? 'non renseigné'))}`);
    sortie.push('');
  }
  if (r.avertissements_cellules.length > 0) {
    sortie.push(`Valeurs illisibles ou inconnues (${r.avertissements_cellules.length}, dans ${s.logements_avec_avertissement} logement(s) gardé(s)) :`);
    // Chaque avertissement nomme le fichier, la ligne, la colonne, la valeur et ce qui était attendu.
    for (const a of r.avertissements_cellules) sortie.push(`  ${basename(r.fichier)}, ${a.message} — attendu : ${a.attendu}`);
    sortie.push('');
  }
  if (r.rejets.length > 0) {
    sortie.push(`Lignes rejetées (${s.rejetees}), qui ne sont pas des logements :`);
    for (const j of r.rejets) sortie.push(`  ${basename(r.fichier)}, ${j.message}`);
    sortie.push('');
  }
  if (r.avertissements.length > 0) {
    sortie.push(`Avertissements (${r.avertissements.length}) :`);
    for (const a of r.avertissements) sortie.push(`  - ${a}`);
    sortie.push('');
  }
  const detail = (Object.keys(s.ignorees_par_raison) as RaisonIgnoree[])
    .filter((k) => s.ignorees_par_raison[k] > 0)
    .map((k) => `${LIBELLES_IGNOREES[k]} ${s.ignorees_par_raison[k]}`)
    .join(', ');
  sortie.push(
    `Bilan : ${s.lignes_lues} ligne(s) lue(s), ${s.logements} logement(s) (dont ${s.logements_avec_avertissement} avec avertissement), ${s.ignorees} ignorée(s)${detail ? ` (${detail})` : ''}, ${s.rejetees} rejetée(s)`,
  );
  return sortie.join('\n');
}
