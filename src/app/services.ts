/**
 * The page's implementations of the services the panels use (interfaces in src/ui/services.ts):
 * downloads and scenario files (./fileio.ts), IndexedDB (./persistence.ts), the embed's origin
 * list (./embed/api.ts), the report writers (./report.ts), the element-import cache
 * (./imports.ts) and the element export (./exportElements.ts). App.tsx puts them in the workspace
 * context; the panels never import these modules.
 */
import type { WorkspaceServices } from '../ui/services';
import type { WorkspaceActions } from '../ui/workspace';
import { downloadBlob } from './capture/record';
import { trustedOrigins } from './embed/api';
import { exportElements } from './exportElements';
import { downloadText, readScenarioFile, saveScenarioFile } from './fileio';
import { seedImport } from './imports';
import { deleteScenario, listScenarios, loadScenario, newScenarioId, saveScenario } from './persistence';
import { downloadPerSatelliteCsv, downloadReport } from './report';

/** The services for a page whose workspace actions are `actions` (the element export reports through them). */
export function pageServices(actions: WorkspaceActions): WorkspaceServices {
  return {
    files: { downloadText, downloadBlob, saveScenarioFile, readScenarioFile },
    persistence: { newScenarioId, saveScenario, listScenarios, loadScenario, deleteScenario },
    embed: { trustedOrigins },
    report: { downloadReport, downloadPerSatelliteCsv },
    elements: {
      seedImport,
      exportElements: (fleet, scenario, format, split) => exportElements(fleet, scenario, format, actions, split),
    },
  };
}
