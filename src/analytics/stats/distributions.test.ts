import { describe, it } from 'node:test';
import { assertRelClose, readGolden } from '../../../test/fixtures/peers/golden.js';
import { chiSquareSf } from './chi-square.js';
import { fisherFSf } from './fisher-f.js';
import { normalQuantile } from './normal.js';
import { studentTQuantile, studentTTwoSidedP } from './student-t.js';

interface Golden {
  t_two_sided: [number, number, number][];
  t_quantile: [number, number, number][];
  f_sf: [number, number, number, number][];
  chi2_sf: [number, number, number][];
  normal_quantile: [number, number][];
}
const golden = readGolden<Golden>('distributions.scipy.json');

describe('p-value and quantile functions match scipy.stats to 1e-10 relative', () => {
  it('studentTTwoSidedP() matches 2·t.sf(|t|, df)', () => {
    for (const [t, df, p] of golden.t_two_sided)
      assertRelClose(studentTTwoSidedP(t, df), p, 1e-10, `t=${t} df=${df}`);
  });
  it('studentTQuantile() matches t.ppf', () => {
    for (const [q, df, t] of golden.t_quantile)
      assertRelClose(studentTQuantile(q, df), t, 1e-10, `q=${q} df=${df}`);
  });
  it('fisherFSf() matches f.sf, also in the far tail', () => {
    for (const [x, a, b, p] of golden.f_sf)
      assertRelClose(fisherFSf(x, a, b), p, 1e-10, `F=${x} (${a}, ${b})`);
  });
  it('chiSquareSf() matches chi2.sf, also in the far tail', () => {
    for (const [x, k, p] of golden.chi2_sf) assertRelClose(chiSquareSf(x, k), p, 1e-10, `x=${x} k=${k}`);
  });
  it('normalQuantile() matches norm.ppf', () => {
    for (const [q, z] of golden.normal_quantile) assertRelClose(normalQuantile(q), z, 1e-10, `q=${q}`);
  });
});
