/** Scenario files: save as JSON (download) and open from a picked file, validated. */
import { parseScenario, serializeScenario } from '../core/scenario/load';
import type { ScenarioFileResult } from '../ui/services';
import { unknownFields } from '../core/scenario/issues';
import { fleetSizeErrors } from '../core/fleet/generators';
import type { Scenario } from '../core/scenario/schema';

export function scenarioFileName(s: Scenario): string {
  const stem =
    s.name
      .replace(/[^\w.-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'scenario';
  return `${stem}.scenario.json`;
}

export function downloadText(name: string, text: string, type = 'application/json'): void {
  downloadParts(name, [text], type);
}

/** Download text given in pieces (a Blob joins them: no single giant string). */
export function downloadParts(name: string, parts: BlobPart[], type: string): void {
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function saveScenarioFile(s: Scenario): void {
  downloadText(scenarioFileName(s), serializeScenario(s));
}

export const MAX_SCENARIO_FILE_BYTES = 512 * 1024 * 1024;

export type { ScenarioFileResult };

export async function readScenarioFile(file: File): Promise<ScenarioFileResult> {
  if (file.size > MAX_SCENARIO_FILE_BYTES)
    return { ok: false, errors: [`${file.name}: larger than ${MAX_SCENARIO_FILE_BYTES / 2 ** 20} MB`] };
  let text: string;
  try {
    text = await file.text();
  } catch (e) {
    return { ok: false, errors: [`${file.name}: could not be read (${(e as Error).message})`] };
  }
  const r = parseScenario(text);
  if (!r.ok) return { ok: false, errors: r.errors };
  const tooBig = fleetSizeErrors(r.scenario);
  if (tooBig.length) return { ok: false, errors: tooBig };
  let ignored: string[] = [];
  try {
    ignored = unknownFields(JSON.parse(text), r.scenario);
  } catch {
    /* parsed once already: cannot fail */
  }
  return { ...r, ignored };
}
