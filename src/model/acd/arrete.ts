// The ACD counts year N as known at 31 March N+1 (extraction from the regional demand system,
// ACD l.6563). The exports the observatory receives stop at some date: a year whose 31 March N+1
// is after that date is still open (leases signed in N may yet be recorded), its figures provisional.

export interface ArreteAnnee {
  annee: number;
  /** the date the ACD freezes year N at: N+1-03-31 (ISO) */
  arreteAu: string;
  /** the exports go at least to that date: the year's figures are final */
  definitif: boolean;
}

/** `jusquAu`: the last decision date of the attribution exports (ISO), null when there is none. */
export function arreteAcd(annees: number[], jusquAu: string | null): ArreteAnnee[] {
  return annees.map((annee) => {
    const arreteAu = `${annee + 1}-03-31`;
    return { annee, arreteAu, definitif: jusquAu !== null && jusquAu >= arreteAu };
  });
}
