import cliProgress from 'cli-progress';

/** A progress bar on a terminal's stderr; nothing when stderr is not a terminal or output is JSON. */
export function progressBar(
  label: string,
  enabled: boolean,
): { update(percent: number): void; stop(): void } {
  if (!enabled || !process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}%`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(100, 0);
  return { update: (p) => bar.update(Math.min(100, Math.round(p))), stop: () => bar.stop() };
}
