/**
 * L2-regularised logistic regression, fitted by Newton's method (iteratively reweighted least squares):
 * no randomness and no learning rate, so the same data give the same weights to the last digit. Each
 * class carries half the total sample weight, so the larger benign set does not drown the poisoned one.
 * The intercept (last weight) is not penalised.
 */
export type Logistic = { weights: number[]; bias: number };

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function predict(model: Logistic, x: number[]): number {
  let z = model.bias;
  for (let j = 0; j < x.length; j++) z += model.weights[j] * x[j];
  return sigmoid(z);
}

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small and positive definite). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    for (let r = c + 1; r < n; r++) {
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r][n];
    for (let k = r + 1; k < n; k++) s -= m[r][k] * x[k];
    x[r] = s / m[r][r];
  }
  return x;
}

export function fitLogistic(xs: number[][], ys: (0 | 1)[], lambda = 1, iterations = 25): Logistic {
  const d = xs[0].length;
  const positives = ys.filter((y) => y === 1).length;
  const sampleWeight = ys.map((y) => (y === 1 ? 0.5 / positives : 0.5 / (ys.length - positives)) * ys.length);
  let w = new Array<number>(d + 1).fill(0);
  for (let it = 0; it < iterations; it++) {
    const grad = w.map((wj, j) => (j < d ? lambda * wj : 0));
    const hess = w.map((_, j) => w.map((__, k) => (j === k && j < d ? lambda : 0)));
    xs.forEach((x, i) => {
      const row = [...x, 1];
      const p = predict({ weights: w.slice(0, d), bias: w[d] }, x);
      const g = (p - ys[i]) * sampleWeight[i];
      const h = Math.max(p * (1 - p), 1e-9) * sampleWeight[i];
      for (let j = 0; j <= d; j++) {
        grad[j] += g * row[j];
        for (let k = 0; k <= d; k++) hess[j][k] += h * row[j] * row[k];
      }
    });
    const step = solve(hess, grad);
    w = w.map((wj, j) => wj - step[j]);
    if (Math.max(...step.map(Math.abs)) < 1e-10) break;
  }
  return { weights: w.slice(0, d), bias: w[d] };
}
