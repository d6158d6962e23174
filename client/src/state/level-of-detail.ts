/**
 * Which sigma programs draw a graph of a given size. Big graphs get plain points and lines:
 * measured on software WebGL at 5,000 nodes / 20,000 edges, pans went from ≈3.5 fps (circles,
 * squares, curved arrows) to ≈21 fps (`npm run bench:client`).
 */
export type LevelOfDetail = 'full' | 'points';

export function levelOfDetail(edgeCount: number, threshold: number): LevelOfDetail {
  return edgeCount > threshold ? 'points' : 'full';
}
