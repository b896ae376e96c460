/** The demo target's --defect switches and the criterion each one attacks: what the inspect and compare tests hold them to. */
import type { Defect } from '../../examples/demo-target/options.js';
import type { CriterionKey } from '../../src/criteria.js';

export type { Defect };

export const DEFECT_ATTACKS: Record<Defect, CriterionKey> = {
  'low-contrast': 'visualClarity',
  'escape-debris': 'visualClarity',
  overflow: 'informationOrganization',
  'no-status-icons': 'statusIndicators',
  flicker: 'userExperience',
  silent: 'userExperience',
};
