declare module 'comlink/dist/esm/node-adapter.mjs' {
  import type { Endpoint } from 'comlink';
  /** Wraps a Node worker_threads Worker or MessagePort as a comlink Endpoint. */
  export default function nodeEndpoint(nep: unknown): Endpoint;
}
