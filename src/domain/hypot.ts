/**
 * √(x² + y²), for the plane lengths of geo, fusion and assessment (metres, or radians on the unit
 * sphere). The built-in also guards against overflow at magnitudes these never reach, and in V8 it
 * costs about fourteen times as much and allocates its answer; fusion asks it for every vertex.
 */
export function hypot(x: number, y: number): number {
  return Math.sqrt(x * x + y * y);
}
