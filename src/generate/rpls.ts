// One RPLS "version loi" row per dwelling, with the 2025 column names.
import { decimal, moisAnnee } from './csv.ts';
import { EPSG_LAMBERT93 } from './geo.ts';
import { CONTRESLOG, LIBELLES_FINANCEMENT, qpvDe, type Logement } from './modele.ts';
import type { Territoire } from './territoire.ts';

export const COLONNES_RPLS = [
  'REG_CODE', 'REG_LIBELLE', 'DEP_CODE', 'DEP_LIBELLE', 'EPCI_CODE', 'EPCI_LIBELLE', 'DEPCOM', 'LIBCOM', 'CODEPOSTAL',
  'NUMVOIE', 'INDREP', 'TYPVOIE', 'NOMVOIE', 'ETAGE', 'COMPLGEO', 'LIEUDIT', 'QPV_CODE', 'QPV_LIBELLE', 'PLG_QP24',
  'PLG_QP15', 'QUALITE_QP24', 'QUALITE_QP15', 'DROIT_CODE', 'DROIT_LIBELLE', 'TYPECONST_CODE', 'TYPECONST_LIBELLE',
  'NBPIECE', 'SURFHAB', 'CONSTRUCT', 'LOCAT', 'PATRIMOINE', 'ORIGINE', 'FINAN_CODE', 'FINAN_LIBELLE', 'FINANAUTRE', 'CONV',
  'NUMCONV', 'DATCONV', 'NEWLOGT_CODE', 'CUS', 'DPEDATE', 'DPEENERGIE', 'DPESERRE', 'SRU_EXPIR', 'SRU_ALINEA',
  'CODSEGPATRIM', 'LIBSEGPATRIM', 'PMR_CODE', 'PMR_LIBELLE', 'X', 'Y', 'EPSG', 'PLG_VOIE', 'PLG_IRIS2024_CODE',
  'QUALITE_XY', 'DISTANCE_PRECISION', 'COMAQP', 'UU2020', 'AAV2020', 'ZE2020', 'IDENT_REP', 'IDENT_INT', 'RS', 'SIRET',
  'MODE', 'BAIL', 'LOYERPRINC', 'REMLOCDATE', 'CONTRESLOG', 'PMR', 'DATE_DEP_DERLOCAT', 'QPV',
] as const;

const TYPECONST_LIBELLES = { C: 'Collectif', I: 'Individuel', E: 'Logement étudiant' } as const;

/**
 * Fields the generator cannot know (QPV quality codes, INSEE zonings, SIRET,
 * SRU exemptions, CUS segments) are left empty, as many real extracts do.
 */
export function ligneRpls(territoire: Territoire, l: Logement, millesime: number): string[] {
  const p = l.programme;
  const c = l.commune;
  // QPV_CODE / QPV_LIBELLE: the dwelling's QPV; geocoded PLG_QP24 or PLG_QP15 by the code's generation (QN… 2024, QP… 2015).
  const qpv = qpvDe(l);
  const generation2024 = qpv !== null && qpv.code.startsWith('QN');
  const valeurs: Record<(typeof COLONNES_RPLS)[number], string> = {
    REG_CODE: territoire.region.code,
    REG_LIBELLE: territoire.region.nom,
    DEP_CODE: territoire.departement.code,
    DEP_LIBELLE: territoire.departement.nom,
    EPCI_CODE: territoire.epci.code,
    EPCI_LIBELLE: territoire.epci.nom,
    DEPCOM: c.code,
    LIBCOM: c.nom,
    CODEPOSTAL: c.codePostal,
    NUMVOIE: l.numVoie,
    INDREP: l.indRep,
    TYPVOIE: l.typVoie,
    NOMVOIE: l.nomVoie,
    ETAGE: l.etage,
    COMPLGEO: l.complGeo,
    LIEUDIT: '',
    QPV_CODE: qpv?.code ?? '',
    QPV_LIBELLE: qpv?.libelle ?? '',
    PLG_QP24: qpv && generation2024 ? qpv.code : '',
    PLG_QP15: qpv && !generation2024 ? qpv.code : '',
    QUALITE_QP24: '',
    QUALITE_QP15: '',
    DROIT_CODE: '1',
    DROIT_LIBELLE: 'Propriétaire',
    TYPECONST_CODE: l.type,
    TYPECONST_LIBELLE: TYPECONST_LIBELLES[l.type],
    NBPIECE: String(l.nbPieces),
    SURFHAB: decimal(l.surface, 2),
    CONSTRUCT: String(p.annee),
    LOCAT: String(p.locat),
    PATRIMOINE: String(p.patrimoine),
    ORIGINE: p.origine,
    FINAN_CODE: l.finan,
    FINAN_LIBELLE: LIBELLES_FINANCEMENT[l.finan] ?? '',
    FINANAUTRE: '',
    CONV: l.conv ? '1' : '2',
    NUMCONV: l.conv ? p.numConv : '',
    DATCONV: l.conv ? p.datConv : '',
    NEWLOGT_CODE: p.patrimoine === millesime - 1 ? '1' : '2',
    CUS: '',
    DPEDATE: l.dpeDate,
    DPEENERGIE: l.dpeEnergie,
    DPESERRE: l.dpeSerre,
    SRU_EXPIR: '',
    SRU_ALINEA: '',
    CODSEGPATRIM: '',
    LIBSEGPATRIM: '',
    PMR_CODE: l.pmr ? '1' : '2',
    PMR_LIBELLE: l.pmr ? 'Accessible' : 'Non accessible',
    X: decimal(l.x, 1),
    Y: decimal(l.y, 1),
    EPSG: EPSG_LAMBERT93,
    PLG_VOIE: '',
    PLG_IRIS2024_CODE: p.iris,
    QUALITE_XY: '',
    DISTANCE_PRECISION: '',
    COMAQP: '',
    UU2020: '',
    AAV2020: '',
    ZE2020: '',
    IDENT_REP: l.identRep,
    IDENT_INT: l.identInt,
    RS: l.bailleur,
    SIRET: '',
    MODE: l.mode,
    BAIL: l.bail ? moisAnnee(l.bail.mois, l.bail.annee) : '',
    LOYERPRINC: decimal(l.loyer, 2),
    REMLOCDATE: l.depart ? moisAnnee(Math.min(12, l.depart.mois + 1), l.depart.annee) : '',
    CONTRESLOG: CONTRESLOG[l.contingent],
    PMR: l.pmr ? '1' : '2',
    DATE_DEP_DERLOCAT: l.depart ? moisAnnee(l.depart.mois, l.depart.annee) : '',
    QPV: qpv ? '1' : '2',
  };
  return COLONNES_RPLS.map((k) => valeurs[k]);
}
