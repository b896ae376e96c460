/**
 * The inspect stage: offline, deterministic measurements of a terminal
 * display, taken from the cast replayed into the terminal emulator (cells,
 * not pixels), and a 0–10 score per criterion from written-down formulas
 * (scores.ts, docs/scores.md). Same cast and scheme → same numbers.
 */
import { DEFAULT_THEME_NAME, themeFromCastHeader } from '../render/index.js';
import { metricsFile } from '../run-folder/index.js';
import { DEFAULT_SCHEME, type ColorScheme } from '../terminal/colors.js';
import { ClarityCollector, type ClarityMeasures } from './clarity.js';
import { ExperienceCollector, type ExperienceMeasures } from './experience.js';
import { viewFrame } from './frame-view.js';
import { OrganizationCollector, type OrganizationMeasures } from './organization.js';
import { sampleCast } from './sample.js';
import { scoreInformationOrganization, scoreStatusIndicators, scoreUserExperience, scoreVisualClarity, type Scored } from './scores.js';
import { StatusCollector, type StatusMeasures } from './status.js';
import type { InspectResult } from './types.js';

export { contrastRatio, relativeLuminance, WCAG_AA, WCAG_LARGE } from './contrast.js';
export { sampleCast, compareScreens, type Frame, type SampleOptions, type SamplingSummary, type UnknownSequence } from './sample.js';
export { formatInspectTable } from './table.js';
export type { Criterion, InspectResult } from './types.js';
export type { ScoreComponent, Scored } from './scores.js';
export type { ClarityMeasures, ExperienceMeasures, OrganizationMeasures, StatusMeasures };

export interface InspectOptions {
  /**
   * Colours the cells are measured under; use the theme the video is rendered
   * with. @default the theme in the cast's header, else DEFAULT_SCHEME (VHS's
   * colours) — the renderer's own default, so measured is what is drawn
   */
  scheme?: ColorScheme;
  /** The scheme's name, recorded in the result. @default the header theme's or DEFAULT_THEME_NAME */
  schemeName?: string;
  /** Sampling window in seconds of cast time. @default 0.1 */
  intervalSeconds?: number;
}

export async function inspectCast(castPath: string, options: InspectOptions = {}): Promise<InspectResult> {
  let scheme = options.scheme ?? DEFAULT_SCHEME;
  let schemeName = options.schemeName ?? (options.scheme ? 'custom' : DEFAULT_THEME_NAME);
  const clarity = new ClarityCollector();
  const organization = new OrganizationCollector();
  const status = new StatusCollector();
  const experience = new ExperienceCollector(() => status.showsActivity());
  const summary = await sampleCast(castPath, {
    intervalSeconds: options.intervalSeconds,
    onHeader(header) {
      if (options.scheme) return;
      const fromHeader = themeFromCastHeader(header, castPath);
      if (fromHeader) {
        scheme = fromHeader;
        schemeName = options.schemeName ?? fromHeader.name;
      }
    },
    onEvent: (event) => experience.onEvent(event),
    onFrame(frame) {
      const view = viewFrame(frame, scheme);
      clarity.onFrame(view);
      organization.onFrame(view);
      status.onFrame(view);
      experience.onFrame(view);
    },
  });
  const measures = {
    visualClarity: clarity.finish(summary),
    informationOrganization: organization.finish(),
    statusIndicators: status.finish(),
    userExperience: experience.finish(summary.frames),
  };
  return {
    schemaVersion: 1,
    criteria: {
      visualClarity: { ...scoreVisualClarity(measures.visualClarity), measures: measures.visualClarity },
      informationOrganization: { ...scoreInformationOrganization(measures.informationOrganization), measures: measures.informationOrganization },
      statusIndicators: { ...scoreStatusIndicators(measures.statusIndicators, measures.userExperience, summary.duration), measures: measures.statusIndicators },
      userExperience: { ...scoreUserExperience(measures.userExperience), measures: measures.userExperience },
    },
    metrics: {
      cast: {
        cols: summary.cols,
        rows: summary.rows,
        duration: summary.duration,
        events: summary.events,
        outputEvents: summary.outputEvents,
        outputChars: summary.outputChars,
        resizes: summary.resizes,
      },
      sampling: { intervalSeconds: summary.intervalSeconds, screens: summary.frames, markers: summary.markers },
      scheme: schemeName,
    },
  };
}

/** Writes metrics.json, whole or not at all (run-folder's atomic write). */
export async function writeInspectResult(result: InspectResult, path: string): Promise<void> {
  await metricsFile.write(path, result, { hint: 'Choose an output path in a folder that exists and that you can write to.' });
}
