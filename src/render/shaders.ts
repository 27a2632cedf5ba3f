/**
 * GLSL (WebGL2 / GLSL ES 3.00) for the satellite points, the id buffer and the globe.
 *
 * Satellite motion between worker ticks (ARCHITECTURE.md "Rendering a million points"): each point
 * carries r and v from the last SGP4 tick (Earth radii, Earth radii per second, TEME). For a
 * near-circular orbit the state dt later is r rotated about h = r x v by the angle w*dt with
 * w = |h| / |r|^2 (the instantaneous angular rate; exact for circular two-body motion).
 * Rodrigues with r perpendicular to the unit axis k: r' = r cos(a) + (k x r) sin(a); v rotates the
 * same way, so only the position is needed here.
 */

const ADVANCE = /* glsl */ `
uniform float uDt;
in vec3 velocity;
vec3 advance(vec3 r, vec3 v) {
  vec3 h = cross(r, v);
  float hl = length(h);
  float rr = dot(r, r);
  if (hl <= 0.0 || rr <= 0.0) return r;
  vec3 k = h / hl;
  float a = hl / rr * uDt;
  return r * cos(a) + cross(k, r) * sin(a);
}
`;

export const SATELLITE_VERTEX = /* glsl */ `
${ADVANCE}
in vec3 aColor;
uniform float uSize;
uniform float uMode;       // 1 = sunlit (computed here), 0 = attribute colour
uniform vec3 uSunDir;
uniform float uShadowR;    // Earth radius of the shadow model, in scene units (Earth radii)
uniform float uSunAng;     // the Sun's angular radius, rad
uniform float uSunCos;     // cos(uSunAng)
uniform float uSunSin;     // sin(uSunAng)
uniform vec3 uSunlitColor;
uniform vec3 uEclipseColor;
uniform int uSelected;
uniform int uHover;
out vec3 vColor;
// Fraction of the Sun's disc hidden by the Earth: the conical model of the sampled analysis
// (src/core/physics/eclipse.ts conicalShadowFractionPre): exact lit and umbra tests, disc overlap
// in the penumbra. The angle from the shadow axis is taken with atan (precise in float32).
float shadowFraction(vec3 p) {
  float x = -dot(p, uSunDir);
  if (x <= 0.0) return 0.0;
  float r2 = dot(p, p);
  float q = sqrt(max(r2 - x * x, 0.0));
  float R = uShadowR;
  float rho = sqrt(max(r2 - R * R, 0.0));
  if (q >= R * uSunCos + rho * uSunSin) return 0.0;
  if (q <= R * uSunCos - rho * uSunSin) return 1.0;
  float a = uSunAng;
  float b = asin(min(1.0, R / sqrt(r2)));
  float d = atan(q, x);
  if (d >= a + b) return 0.0;
  if (d <= abs(a - b)) return min(1.0, (min(a, b) * min(a, b)) / (a * a));
  float ca = clamp((d * d + a * a - b * b) / (2.0 * d * a), -1.0, 1.0);
  float cb = clamp((d * d + b * b - a * a) / (2.0 * d * b), -1.0, 1.0);
  float k = (-d + a + b) * (d + a - b) * (d - a + b) * (d + a + b);
  float area = a * a * acos(ca) + b * b * acos(cb) - 0.5 * sqrt(max(k, 0.0));
  return clamp(area / (3.14159265 * a * a), 0.0, 1.0);
}
void main() {
  vec3 p = advance(position, velocity);
  vec4 mv = modelViewMatrix * vec4(p, 1.0);
  gl_Position = projectionMatrix * mv;
  vec3 c = aColor;
  if (uMode > 0.5) {
    // Conical Earth shadow (docs/PHYSICS.md "Sunlight and eclipse"): umbra in the eclipse colour, penumbra blended.
    c = mix(uSunlitColor, uEclipseColor, shadowFraction(p));
  }
  float s = uSize;
  if (gl_VertexID == uSelected) { s = max(uSize * 4.0, 9.0); c = vec3(1.0); }
  else if (gl_VertexID == uHover) { s = max(uSize * 3.0, 7.0); c = mix(c, vec3(1.0), 0.6); }
  if (dot(position, position) == 0.0) { s = 0.0; }   // failed propagation: hidden
  gl_PointSize = s;
  vColor = c;
}
`;

export const SATELLITE_FRAGMENT = /* glsl */ `
precision highp float;
layout(location = 0) out highp vec4 fragColor;
in vec3 vColor;
void main() {
  fragColor = vec4(vColor, 1.0);
}
`;

/** Same motion; writes id + 1 as 24-bit RGB (0 = nothing). */
export const PICK_VERTEX = /* glsl */ `
${ADVANCE}
uniform float uSize;
flat out vec3 vId;
void main() {
  vec3 p = advance(position, velocity);
  gl_Position = projectionMatrix * modelViewMatrix * vec4(p, 1.0);
  int id = gl_VertexID + 1;
  vId = vec3(float(id & 255), float((id >> 8) & 255), float((id >> 16) & 255)) / 255.0;
  gl_PointSize = dot(position, position) == 0.0 ? 0.0 : uSize;
}
`;

export const PICK_FRAGMENT = /* glsl */ `
precision highp float;
layout(location = 0) out highp vec4 fragColor;
flat in vec3 vId;
void main() { fragColor = vec4(vId, 1.0); }
`;

export const GLOBE_VERTEX = /* glsl */ `
out vec3 vNormalW;
out vec3 vViewDir;
void main() {
  vec4 w = modelMatrix * vec4(position, 1.0);
  vNormalW = normalize(mat3(modelMatrix) * normal);
  vViewDir = normalize(cameraPosition - w.xyz);
  gl_Position = projectionMatrix * viewMatrix * w;
}
`;

/** Ocean shading with a soft terminator (the Sun's disc spans about 0.5 deg; twilight widens it). */
export const GLOBE_FRAGMENT = /* glsl */ `
precision highp float;
layout(location = 0) out highp vec4 fragColor;
in vec3 vNormalW;
in vec3 vViewDir;
uniform vec3 uSunDir;
uniform vec3 uDayColor;
uniform vec3 uNightColor;
void main() {
  vec3 n = normalize(vNormalW);
  float mu = dot(n, uSunDir);
  float day = smoothstep(-0.08, 0.12, mu);
  vec3 c = mix(uNightColor, uDayColor * (0.55 + 0.45 * max(mu, 0.0)), day);
  float rim = pow(1.0 - max(dot(n, vViewDir), 0.0), 3.0);
  c += vec3(0.10, 0.18, 0.30) * rim * (0.3 + 0.7 * day);
  fragColor = vec4(c, 1.0);
}
`;

export const ATMOSPHERE_FRAGMENT = /* glsl */ `
precision highp float;
layout(location = 0) out highp vec4 fragColor;
in vec3 vNormalW;
in vec3 vViewDir;
uniform vec3 uSunDir;
void main() {
  vec3 n = normalize(vNormalW);
  float rim = pow(1.0 - abs(dot(n, vViewDir)), 2.5);
  float lit = 0.25 + 0.75 * smoothstep(-0.3, 0.4, dot(n, uSunDir));
  fragColor = vec4(vec3(0.30, 0.55, 1.0) * rim * lit, rim * lit * 0.9);
}
`;

/** Coastline/border lines: dimmer on the night side. */
export const LINE_VERTEX = /* glsl */ `
out float vDay;
uniform vec3 uSunDir;
void main() {
  vec3 wn = normalize(mat3(modelMatrix) * position);
  vDay = smoothstep(-0.1, 0.15, dot(wn, uSunDir));
  gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
}
`;
export const LINE_FRAGMENT = /* glsl */ `
precision highp float;
layout(location = 0) out highp vec4 fragColor;
in float vDay;
uniform vec3 uColor;
uniform float uOpacity;
void main() { fragColor = vec4(uColor * (0.45 + 0.55 * vDay), uOpacity); }
`;
