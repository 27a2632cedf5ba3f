/** Web Worker entry for element-set import (thin: the API is import.api.ts, the parsing src/core/elements). */
import * as Comlink from 'comlink';
import { importWorkerApi } from './import.api';

Comlink.expose(importWorkerApi);
