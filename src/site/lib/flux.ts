// Labels of the reservation-flux anomaly flags (FLUX.md), shared by the réservataire pages and the methodology.
export const LIBELLES_DRAPEAUX: Record<string, string> = {
  FLUX_MISMATCH: 'flux imprimé différent du calcul',
  PCT_UNIT: 'part imprimée avec une erreur d’unité',
  COUNT_MISMATCH: 'nombre de logements différent de l’état des lieux',
  RATE_MISMATCH: 'taux de rotation différent de l’état des lieux',
  FLUX_MISSING: 'flux non imprimé',
  DURATION_MISMATCH: 'durée de la convention différente de la période du flux',
};

/** When each flag is raised (FLUX.md § Anomaly flags), for the methodology page. */
export const REGLES_DRAPEAUX: Record<string, string> = {
  FLUX_MISMATCH:
    'le flux imprimé s’écarte du flux recalculé de plus d’une demi-unité de son dernier chiffre imprimé (« 1,2 » tolère ± 0,05 ; « 0,15 » ± 0,005) et n’est pas non plus la valeur que donne la règle d’arrondi de la convention ; ou la valeur contractuelle (« => 1 », « arrondi à 1 ») ou la période (« tous les N ans ») imprimées diffèrent de celles de la règle.',
  PCT_UNIT: 'la part est imprimée avec un signe % mais égale la fraction (« 0,044 % » pour 4,44 %).',
  COUNT_MISMATCH: 'l’état des lieux liste un autre nombre de logements (ou de logements du réservataire) que l’annexe 1.',
  RATE_MISMATCH: 'le taux de rotation de l’état des lieux diffère de celui de l’annexe 1 (au-delà de ± 0,005 point).',
  FLUX_MISSING: 'la case du flux est vide dans la convention.',
  DURATION_MISMATCH: 'la durée de la convention diffère de la période que couvre le flux.',
};
