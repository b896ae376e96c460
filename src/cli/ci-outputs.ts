/** CI extras of a run: the scorecard appended to GITHUB_STEP_SUMMARY, the gates as JUnit XML. */
import type { RunOutcome } from '../pipeline/index.js';

export async function ciOutputs(_outcome: RunOutcome, _junit: string | undefined): Promise<void> {
  // Wired to src/ci once it lands.
}
