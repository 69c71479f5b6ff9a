import type { Rng } from '../factories.js';

/**
 * A jittered lattice over one district. Every unit polygon (town, community, grid, cell) is the ring of
 * lattice vertices along the boundary of a set of lattice quads, so neighbours share identical vertex
 * sequences on their common edges: the tiling is exact, with no gaps or overlaps, by construction.
 * Index space: i grows west→east (0..nx), j grows north→south (0..ny).
 */
export interface Block { i0: number; j0: number; i1: number; j1: number }

export type Pos = [number, number];

export class Lattice {
  private readonly v: Float64Array;

  constructor(
    readonly lon0: number, readonly latTop: number, readonly sx: number, readonly sy: number,
    readonly nx: number, readonly ny: number, rng: Rng, jitter = 0.25,
  ) {
    // Jitter below half a step keeps every vertex in its own box, so lattice edges never cross.
    this.v = new Float64Array((nx + 1) * (ny + 1) * 2);
    for (let j = 0; j <= ny; j++) {
      for (let i = 0; i <= nx; i++) {
        const k = (j * (nx + 1) + i) * 2;
        const lon = lon0 + i * sx + (rng() * 2 - 1) * jitter * sx;
        const lat = latTop - j * sy + (rng() * 2 - 1) * jitter * sy;
        // Rounded once here, so a shared vertex has exactly the same coordinates in every ring.
        this.v[k] = Math.round(lon * 1e6) / 1e6;
        this.v[k + 1] = Math.round(lat * 1e6) / 1e6;
      }
    }
  }

  vertex(i: number, j: number): Pos {
    const k = (j * (this.nx + 1) + i) * 2;
    return [this.v[k]!, this.v[k + 1]!];
  }

  /** Closed counter-clockwise ring along an orthogonal polygon given by its corners in index space. */
  ring(corners: [number, number][]): Pos[] {
    const out: Pos[] = [];
    for (let c = 0; c < corners.length; c++) {
      const [ai, aj] = corners[c]!;
      const [bi, bj] = corners[(c + 1) % corners.length]!;
      const n = Math.max(Math.abs(bi - ai), Math.abs(bj - aj));
      const di = Math.sign(bi - ai);
      const dj = Math.sign(bj - aj);
      for (let s = 0; s < n; s++) out.push(this.vertex(ai + s * di, aj + s * dj));
    }
    out.push(out[0]!);
    return signedArea(out) < 0 ? out.reverse() : out;
  }

  blockRing(b: Block): Pos[] {
    return this.ring([[b.i0, b.j0], [b.i1, b.j0], [b.i1, b.j1], [b.i0, b.j1]]);
  }

  polygon(b: Block) {
    return { type: 'Polygon' as const, coordinates: [this.blockRing(b)] };
  }

  /** A point inside quad (i, j): bilinear interpolation of its corners, kept away from the edges. */
  pointInQuad(i: number, j: number, rng: Rng): Pos {
    const u = 0.2 + rng() * 0.6;
    const w = 0.2 + rng() * 0.6;
    const [ax, ay] = this.vertex(i, j);
    const [bx, by] = this.vertex(i + 1, j);
    const [cx, cy] = this.vertex(i + 1, j + 1);
    const [dx, dy] = this.vertex(i, j + 1);
    const x = (1 - w) * ((1 - u) * ax + u * bx) + w * ((1 - u) * dx + u * cx);
    const y = (1 - w) * ((1 - u) * ay + u * by) + w * ((1 - u) * dy + u * cy);
    return [Math.round(x * 1e7) / 1e7, Math.round(y * 1e7) / 1e7];
  }
}

function signedArea(r: Pos[]): number {
  let s = 0;
  for (let k = 0; k + 1 < r.length; k++) s += r[k]![0] * r[k + 1]![1] - r[k + 1]![0] * r[k]![1];
  return s / 2;
}

export const blockArea = (b: Block) => (b.i1 - b.i0) * (b.j1 - b.j0);

/** Quads of a block in reading order: north→south rows, west→east within a row. */
export function quadsOf(b: Block): [number, number][] {
  const out: [number, number][] = [];
  for (let j = b.j0; j < b.j1; j++) for (let i = b.i0; i < b.i1; i++) out.push([i, j]);
  return out;
}

/**
 * Slice-and-dice partition of a block into one sub-block per item, areas roughly proportional to `weights`,
 * each at least `minArea[k]` quads. Cuts go across the longer side (in metres, `aspect` = metres of one
 * i-step / metres of one j-step) so blocks stay compact.
 */
export function partition(b: Block, weights: number[], minArea: number[], aspect: number): Block[] {
  const n = weights.length;
  if (n === 0) return [];
  if (n === 1) {
    if (blockArea(b) < minArea[0]!) throw new Error(`block too small: ${JSON.stringify(b)} < ${minArea[0]}`);
    return [b];
  }
  const total = weights.reduce((s, w) => s + w, 0);
  const splits = Array.from({ length: n - 1 }, (_, k) => k + 1);
  // Try the split nearest half the weight first, then the others.
  const prefix = (k: number) => weights.slice(0, k).reduce((s, w) => s + w, 0);
  splits.sort((a, c) => Math.abs(prefix(a) - total / 2) - Math.abs(prefix(c) - total / 2));
  const width = (b.i1 - b.i0) * aspect;
  const height = b.j1 - b.j0;
  const axes: ('i' | 'j')[] = width >= height ? ['i', 'j'] : ['j', 'i'];
  for (const k of splits) {
    const wl = prefix(k);
    const ml = minArea.slice(0, k).reduce((s, m) => s + m, 0);
    const mr = minArea.slice(k).reduce((s, m) => s + m, 0);
    for (const axis of axes) {
      const len = axis === 'i' ? b.i1 - b.i0 : b.j1 - b.j0;
      const across = axis === 'i' ? b.j1 - b.j0 : b.i1 - b.i0;
      if (len < 2) continue;
      let p = Math.round((len * wl) / total);
      p = Math.max(p, Math.ceil(ml / across), 1);
      p = Math.min(p, len - Math.ceil(mr / across), len - 1);
      if (p < 1 || p * across < ml || (len - p) * across < mr) continue;
      const [left, right]: [Block, Block] = axis === 'i'
        ? [{ ...b, i1: b.i0 + p }, { ...b, i0: b.i0 + p }]
        : [{ ...b, j1: b.j0 + p }, { ...b, j0: b.j0 + p }];
      try {
        return [
          ...partition(left, weights.slice(0, k), minArea.slice(0, k), aspect),
          ...partition(right, weights.slice(k), minArea.slice(k), aspect),
        ];
      } catch {
        // This cut leaves a side that cannot be split further; try the next one.
      }
    }
  }
  throw new Error(`cannot partition ${JSON.stringify(b)} into ${n} blocks`);
}
