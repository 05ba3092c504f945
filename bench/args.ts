/** A positive whole-number option of a benchmark script: `--items 10000`; the fallback when absent or not such a number. */
export function numberArgument(name: string, fallback: number) {
  const at = process.argv.indexOf(`--${name}`)
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback
}
