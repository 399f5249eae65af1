import { join } from 'path';
import { benchBrowser } from './browserBench';
import { benchBundle } from './bundleSize';
import { benchFix } from './fixBench';
import { benchGraph } from './graphBench';
import { benchOrgScan } from './orgScan';
import { benchOrgHub } from './orgBench';
import { benchTaskSize } from './taskSize';
import { benchUsage } from './usageBench';
import { benchSurfaces } from './surfacesBench';
import { benchWhoIsTold } from './whoIsToldBench';

/** `npm run bench`: request counts, wall times and bundle sizes, printed as figures. */
async function main(): Promise<void> {
  const sections: [string, () => Promise<string[]> | string[]][] = [
    ['graph', benchGraph],
    ['scan', benchOrgScan],
    ['usage', benchUsage],
    ['fix', benchFix],
    ['bundle', () => benchBundle(join(__dirname, '..', '..', 'dist'))],
    ['task', () => benchTaskSize(join(__dirname, '..', '..', 'task', 'ServiceConnectionExpiry'))],
    ['hub', benchBrowser],
    ['org', benchOrgHub],
    ['surfaces', benchSurfaces],
    ['who', benchWhoIsTold],
  ];
  // `npm run bench -- org hub` runs only those sections; no argument runs them all.
  const only = process.argv.slice(2);
  const unknown = only.filter((name) => !sections.some(([n]) => n === name));
  if (unknown.length > 0)
    throw new Error(`unknown section ${unknown.join(', ')}; sections: ${sections.map(([n]) => n).join(', ')}`);
  for (const [name, section] of sections) {
    if (only.length > 0 && !only.includes(name)) continue;
    for (const line of await section()) console.log(line);
    console.log('');
  }
}

main().catch((e) => {
  console.error(`bench failed: ${(e as Error)?.message ?? e}`);
  process.exit(1);
});
