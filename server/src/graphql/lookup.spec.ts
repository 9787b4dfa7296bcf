import { Lookup } from "./lookup";

describe("Lookup", () => {
  it("batches the first gets and answers loaded keys at once afterwards", async () => {
    const batches: number[][] = [];
    const squares = new Lookup<number, number>(async (keys) => {
      batches.push([...keys]);
      return keys.map((k) => k * k);
    });
    const first = squares.get(2);
    expect(first).toBeInstanceOf(Promise);
    expect(await Promise.all([first, squares.get(3)])).toEqual([4, 9]);
    expect(batches).toEqual([[2, 3]]);

    expect(squares.get(3)).toBe(9);
    expect(await squares.getAll([2, 3, 4])).toEqual([4, 9, 16]);
    expect(batches).toEqual([[2, 3], [4]]);
    expect(squares.get(4)).toBe(16);
  });

  it("keeps a failed batch a failure and answers nothing from it", async () => {
    const failing = new Lookup<number, number>(async () => {
      throw new Error("database gone");
    });
    await expect(failing.get(1)).rejects.toThrow("database gone");
    const again = failing.get(1);
    expect(again).toBeInstanceOf(Promise);
    await expect(again).rejects.toThrow("database gone");
  });
});
