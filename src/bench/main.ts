import { join } from 'path';
import { benchBrowser } from './browserBench';
import { benchBundle } from './bundleSize';
import { benchGraph } from './graphBench';
import { benchOrgScan } from './orgScan';
import { benchOrgHub } from './orgBench';
import { benchTaskSize } from './taskSize';
import { benchSurfaces } from './surfacesBench';

/** `npm run bench`: request counts, wall times and bundle sizes, printed as figures. */
async function main(): Promise<void> {
  const sections: (() => Promise<string[]> | string[])[] = [
    benchGraph,
    benchOrgScan,
    () => benchBundle(join(__dirname, '..', '..', 'dist')),
    () => benchTaskSize(join(__dirname, '..', '..', 'task', 'ServiceConnectionExpiry')),
    benchBrowser,
    benchOrgHub,
    benchSurfaces,
  ];
  for (const section of sections) {
    for (const line of await section()) console.log(line);
    console.log('');
  }
}

main().catch((e) => {
  console.error(`bench failed: ${(e as Error)?.message ?? e}`);
  process.exit(1);
});
