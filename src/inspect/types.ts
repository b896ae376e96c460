/** The inspect stage's result, as written to metrics.json. */
import type { ClarityMeasures } from './clarity.js';
import type { ExperienceMeasures } from './experience.js';
import type { OrganizationMeasures } from './organization.js';
import type { Scored } from './scores.js';
import type { StatusMeasures } from './status.js';

export type Criterion<M> = Scored & { measures: M };

/** metrics.json */
export interface InspectResult {
  schemaVersion: 1;
  criteria: {
    visualClarity: Criterion<ClarityMeasures>;
    informationOrganization: Criterion<OrganizationMeasures>;
    statusIndicators: Criterion<StatusMeasures>;
    userExperience: Criterion<ExperienceMeasures>;
  };
  metrics: {
    cast: { cols: number; rows: number; duration: number; events: number; outputEvents: number; outputChars: number; resizes: number };
    sampling: { intervalSeconds: number; screens: number; markers: Array<{ label: string; time: number }> };
    scheme: string;
  };
}
