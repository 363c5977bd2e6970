// npm run bench [-- --rapide] [-- --sans-national | --national-seul]: measures the pipeline, the published data and the site,
// checks the budgets, writes bench/results.json and bench/RESULTATS.md (docs/performance.md).
import { parseArgs } from 'node:util';
import { lancerBanc } from '../src/bench/principal.ts';

const { values } = parseArgs({
  options: {
    rapide: { type: 'boolean', default: false },
    'sans-national': { type: 'boolean', default: false },
    'logements-national': { type: 'string' },
    'national-seul': { type: 'boolean', default: false },
    aide: { type: 'boolean', default: false },
  },
});
if (values.aide) {
  console.log('Usage : npm run bench -- [--rapide] [--sans-national | --national-seul] [--logements-national N]');
  process.exit(0);
}
if (values['sans-national'] && values['national-seul']) {
  console.error('Erreur : --sans-national et --national-seul s’excluent');
  process.exit(2);
}
try {
  await lancerBanc({
    rapide: values.rapide,
    sansNational: values['sans-national'],
    nationalSeul: values['national-seul'],
    logementsNational: values['logements-national'] ? Number(values['logements-national']) : undefined,
  });
  process.exit(0);
} catch (e) {
  console.error(`Erreur : ${e instanceof Error ? (e.stack ?? e.message) : e}`);
  process.exit(1);
}
