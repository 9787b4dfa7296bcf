import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PNG } from "pngjs";

/*
 * Every PNG icon (favicon, iOS home screen, manifest) is the 512 one at another size: decoded,
 * its corners, edges' middles and centre have the 512's colours. A resize gone wrong (the blue
 * only in one corner, the rest white) fails here.
 */
const ICONS = join(__dirname, "..", "public", "icons");
const REFERENCE = "icon-512.png";

const decode = (name: string) => PNG.sync.read(readFileSync(join(ICONS, name)));

/** RGBA at a point given as fractions of the width and height. */
function colourAt(png: PNG, fx: number, fy: number): number[] {
  const x = Math.min(png.width - 1, Math.round(fx * (png.width - 1)));
  const y = Math.min(png.height - 1, Math.round(fy * (png.height - 1)));
  const at = (y * png.width + x) * 4;
  return [...png.data.subarray(at, at + 4)];
}

const POINTS: [string, number, number][] = [
  ["top-left corner", 0.02, 0.02],
  ["top-right corner", 0.98, 0.02],
  ["bottom-left corner", 0.02, 0.98],
  ["bottom-right corner", 0.98, 0.98],
  ["top edge", 0.5, 0.04],
  ["right edge", 0.96, 0.5],
  ["centre", 0.5, 0.5],
  ["inner flame", 0.5, 0.72],
];

const icons = readdirSync(ICONS).filter((name) => name.endsWith(".png") && name !== REFERENCE);

describe("PNG icons", () => {
  const reference = decode(REFERENCE);

  it("has the icons the page and the manifest name: 32 (favicon, a 1 kB download), 192", () => {
    expect(icons).toEqual(expect.arrayContaining(["icon-32.png", "icon-192.png"]));
  });

  it.each(icons)("%s is the 512 icon at its size", (name) => {
    const png = decode(name);
    const size = Number(/(\d+)\.png$/.exec(name)?.[1]);
    expect([png.width, png.height]).toEqual([size, size]);
    const wrong = POINTS.flatMap(([where, fx, fy]) => {
      const expected = colourAt(reference, fx, fy);
      const actual = colourAt(png, fx, fy);
      const off = Math.max(...actual.map((value, i) => Math.abs(value - expected[i])));
      return off <= 24 ? [] : [`${where}: rgba(${actual}) instead of rgba(${expected})`];
    });
    expect(wrong).toEqual([]);
  });
});
