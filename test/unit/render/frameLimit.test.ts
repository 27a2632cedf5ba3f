/**
 * Frames while a background task runs on a software-rendered view (issue 17: the page's 1M sampled
 * run, headless Chromium drawing in SwiftShader): at most one playing frame per
 * BACKGROUND_SOFTWARE_FRAME_MS, except frames for what the user did; a GPU-drawn view is not limited.
 */
import * as THREE from 'three';
import { describe, expect, it } from 'vitest';
import { createRuntime } from '../../../src/render/runtime';
import { createViewerStore, viewerActions } from '../../../src/render/store';
import {
  BACKGROUND_SOFTWARE_FRAME_MS,
  isSoftwareRenderer,
  nextPlayingFrameDelayMs,
  ViewerController,
} from '../../../src/render/viewerController';

describe('software renderers', () => {
  it('names the rasterisers that draw on the CPU, and no GPU', () => {
    for (const s of [
      'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
      'Google SwiftShader',
      'llvmpipe (LLVM 15.0.7, 256 bits)',
      'softpipe',
      'ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0, D3D11)',
    ])
      expect(isSoftwareRenderer(s), s).toBe(true);
    for (const s of [
      'ANGLE (NVIDIA, NVIDIA GeForce RTX 3080 Direct3D11 vs_5_0 ps_5_0, D3D11)',
      'Mesa Intel(R) UHD Graphics 620 (KBL GT2)',
      'Apple M1',
      'ANGLE (AMD, AMD Radeon Pro 5500M OpenGL Engine, OpenGL 4.1)',
      'Adreno (TM) 640',
      '',
    ])
      expect(isSoftwareRenderer(s), s).toBe(false);
  });

  it('limits playing frames only while a task runs on a software renderer', () => {
    expect(nextPlayingFrameDelayMs(false, true, true)).toBe('none');
    expect(nextPlayingFrameDelayMs(true, false, true)).toBe(0);
    expect(nextPlayingFrameDelayMs(true, true, false)).toBe(0);
    expect(nextPlayingFrameDelayMs(true, true, true)).toBe(BACKGROUND_SOFTWARE_FRAME_MS);
  });
});

/** A renderer that counts its draws and names itself `renderer`. */
function fakeRenderer(renderer: string) {
  const calls = { render: 0 };
  const ctx = {
    RENDERER: 0x1f01,
    getExtension: (name: string) => (name === 'WEBGL_debug_renderer_info' ? { UNMASKED_RENDERER_WEBGL: 0x9246 } : null),
    getParameter: (p: number) => (p === 0x9246 ? renderer : 'WebGL'),
  };
  const gl = {
    autoClear: true,
    getContext: () => ctx,
    clear: () => undefined,
    clearDepth: () => undefined,
    render: () => {
      calls.render++;
    },
  } as unknown as THREE.WebGLRenderer;
  return { gl, calls };
}

/** A playing view with a background task running, drawn by a fake renderer named `renderer`. */
function setup(renderer: string) {
  const store = createViewerStore({ epochMs: Date.parse('2026-03-20T12:00:00Z') });
  viewerActions(store).play();
  store.setState({ backgroundTask: true });
  let requests = 0;
  const runtime = createRuntime(store);
  const ctrl = new ViewerController(store, runtime, () => requests++);
  const { gl, calls } = fakeRenderer(renderer);
  const scene = new THREE.Scene();
  const cam = new THREE.PerspectiveCamera();
  return { store, runtime, ctrl, frame: () => ctrl.frame(gl, scene, cam), calls, requests: () => requests };
}

describe('ViewerController frames during a background task', () => {
  it('software: a frame the canvas asks for by itself soon after the last draws nothing; one for the user draws', () => {
    const v = setup('Google SwiftShader');
    v.frame();
    expect(v.calls.render).toBe(1); // the first frame draws
    v.frame(); // asked for by the canvas (a React update around it), 0 ms later
    expect(v.calls.render).toBe(1);
    v.ctrl.invalidate(); // the user moved the camera, picked a satellite, changed a layer
    v.frame();
    expect(v.calls.render).toBe(2);
    v.ctrl.dispose();
  });

  it('software, the task over: every frame draws again', () => {
    const v = setup('Google SwiftShader');
    v.frame();
    v.store.setState({ backgroundTask: false });
    v.frame();
    v.frame();
    expect(v.calls.render).toBe(3);
    v.ctrl.dispose();
  });

  it('GPU: not limited while the task runs', () => {
    const v = setup('ANGLE (NVIDIA, NVIDIA GeForce RTX 3080 Direct3D11 vs_5_0 ps_5_0, D3D11)');
    v.frame();
    v.frame();
    v.frame();
    expect(v.calls.render).toBe(3);
    expect(v.requests()).toBeGreaterThanOrEqual(3); // a playing view asks for the next frame at once
    v.ctrl.dispose();
  });
});

describe('a snapshot while frames are limited', () => {
  it('draws (runtime.drawNextFrame), so the read-back holds the picture', () => {
    const v = setup('Google SwiftShader');
    v.frame();
    v.frame();
    expect(v.calls.render).toBe(1);
    v.runtime.drawNextFrame = true; // what the handle's renderNow sets before advancing the canvas
    v.frame();
    expect(v.calls.render).toBe(2);
    expect(v.runtime.drawNextFrame).toBe(false);
    expect(v.runtime.softwareGl).toBe(true); // what the status text reads
    v.ctrl.dispose();
  });
});
