// npm run bench [-- --rapide] [-- --sans-national]: measures the pipeline, the published data and the site,
// checks the budgets, writes bench/results.json and bench/RESULTATS.md (docs/performance.md).
import { parseArgs } from 'node:util';
import { lancerBanc } from '../src/bench/principal.ts';

const { values } = parseArgs({
  options: {
    rapide: { type: 'boolean', default: false },
    'sans-national': { type: 'boolean', default: false },
    'logements-national': { type: 'string' },
    aide: { type: 'boolean', default: false },
  },
});
if (values.aide) {
  console.log('Usage : npm run bench -- [--rapide] [--sans-national] [--logements-national N]');
  process.exit(0);
}
try {
  await lancerBanc({
    rapide: values.rapide,
    sansNational: values['sans-national'],
    logementsNational: values['logements-national'] ? Number(values['logements-national']) : undefined,
  });
  process.exit(0);
} catch (e) {
  console.error(`Erreur : ${e instanceof Error ? (e.stack ?? e.message) : e}`);
  process.exit(1);
}
