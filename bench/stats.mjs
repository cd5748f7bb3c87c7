// Small statistics helpers: quantiles by linear interpolation on sorted samples.
export function quantile(sorted, q) {
  if (!sorted.length) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** `{ n, median, p25, p75, min, max, mean }` of a list of numbers. */
export function summarize(samples) {
  const s = [...samples].sort((a, b) => a - b);
  return {
    n: s.length,
    median: quantile(s, 0.5),
    p25: quantile(s, 0.25),
    p75: quantile(s, 0.75),
    min: s[0],
    max: s[s.length - 1],
    mean: s.reduce((a, b) => a + b, 0) / (s.length || 1),
  };
}

/**
 * The scale children of one tool and definition as one figure: every process's samples pooled
 * (`lintMs`, `cpuMs`, `parseMs`, `walkMs`), and each process's own median beside them
 * (`processes`), so a reader sees how far one process alone would have moved the result.
 * @param {{ lintMs: number[]; cpuMs: number[]; parseMs?: number[]; walkMs?: number[]; loadAverage?: unknown }[]} runs
 */
export function poolProcesses(runs) {
  const pooled = (key) => runs.flatMap((r) => r[key] ?? []);
  return {
    lintMs: pooled("lintMs"),
    cpuMs: pooled("cpuMs"),
    parseMs: pooled("parseMs"),
    walkMs: pooled("walkMs"),
    processes: runs.map((r) => ({
      median: summarize(r.lintMs).median,
      parseMedian: r.parseMs?.length ? summarize(r.parseMs).median : undefined,
      walkMedian: r.walkMs?.length ? summarize(r.walkMs).median : undefined,
      n: r.lintMs.length,
      loadAverage: r.loadAverage,
    })),
  };
}
