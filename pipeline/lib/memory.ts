// A full garbage collection on demand, without --expose-gc on Node's command line (the CLI is
// started by make, the bench, the tests and users' own scripts). The stages stream gigabytes of
// short-lived strings at 1000x the corpus (annotations.jsonld alone is 2.9 GB), and V8 lets its
// old generation grow to several times what survived the last collection before collecting it
// again. (--optimize-for-size, tried: the release stage alone at 1000x 1,798 -> 1,044 MiB, but the
// whole build at 100x took 97 s instead of 43 s.)
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;

/**
 * Collects all garbage now. The build runs every stage in one process, so without this a stage
 * starts on the garbage of the stages before it.
 */
export function collectGarbage(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}
