// The ACD counts year N as known at 31 March N+1 (extraction from the regional demand system,
// ACD l.6563). The exports the observatory receives stop at some date: a year whose 31 March N+1
// is after that date is still open (leases signed in N may yet be recorded), its figures provisional.
import { dateLongue, moisLong } from '../../lib/format-fr.ts';

export interface ArreteAnnee {
  annee: number;
  /** the date the ACD freezes year N at: N+1-03-31 (ISO) */
  arreteAu: string;
  /** the exports go at least to that date: the year's figures are final */
  definitif: boolean;
}

/** `jusquAu`: the last decision or lease date of the attribution exports (ISO day), null when there is none. */
export function arreteAcd(annees: number[], jusquAu: string | null): ArreteAnnee[] {
  return annees.map((annee) => {
    const arreteAu = `${annee + 1}-03-31`;
    return { annee, arreteAu, definitif: jusquAu !== null && jusquAu >= arreteAu };
  });
}

/** The sentence the ACD page and the yearly bilan print; `jusquAuMois`: the month (YYYY-MM) the exports reach. */
export function phraseArrete(a: ArreteAnnee, jusquAuMois: string | null): string {
  if (a.definitif) return `Chiffres définitifs : l’accord arrête l’année ${a.annee} au ${dateLongue(a.arreteAu)}, et les exports reçus vont au-delà.`;
  const recu = jusquAuMois ? `les exports reçus s’arrêtent en ${moisLong(jusquAuMois)}` : 'aucune décision n’a encore été reçue';
  return `Chiffres provisoires : l’accord arrête l’année ${a.annee} au ${dateLongue(a.arreteAu)} ; ${recu}. Des baux signés en ${a.annee} peuvent encore s’ajouter, et le verdict changer.`;
}
