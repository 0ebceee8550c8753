// Summaries of bench samples: median and 95th percentile (nearest rank), rounded for reading.

/** Nearest-rank percentile: a value that was actually measured, never an interpolation. */
export function percentile(samples, fraction) {
  if (!samples.length) return undefined;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))];
}

const round = (value, digits) => (value === undefined ? undefined : Number(value.toFixed(digits)));

/** @param {number[]} samples @returns {{ median?: number, p95?: number, n: number }} */
export function summarize(samples, digits = 1) {
  return { median: round(percentile(samples, 0.5), digits), p95: round(percentile(samples, 0.95), digits), n: samples.length };
}
