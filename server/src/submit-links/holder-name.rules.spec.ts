import fc from "fast-check";
import { maskHolderName } from "./holder-name.rules";

describe("maskHolderName", () => {
  it.each([
    ["Сарыбали Айгерим Нурлановна", "С***ли А. Н."],
    ["Иванов Пётр", "И***ов П."],
    ["Әбілқайыр Ұлан Өмірұлы", "Ә***ыр Ұ. Ө."],
    ["Ли Ён", "Л*** Ё."],
    ["Smith John", "S***th J."],
    ["  Қасымова   Гүлнұр  ", "Қ***ва Г."],
    ['ТОО "Алтын Газ"', "ТОО А***аз"],
    ["ЖШС «Қазақ Газ»", "ЖШС Қ***аз"],
    ["АО Газ", "АО Г***"],
    ["", "***"],
  ])("%s → %s", (name, masked) => {
    expect(maskHolderName(name)).toBe(masked);
  });

  it("never shows more than the first letter and the last two of any word", () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]{4,12}$/), {
          minLength: 1,
          maxLength: 4,
        }),
        (words) => {
          const [surname, ...rest] = maskHolderName(words.join(" ")).split(" ");
          expect(surname).toBe(`${words[0][0]}***${words[0].slice(-2)}`);
          expect(rest.every((part) => /^.\.$/u.test(part))).toBe(true);
          expect(rest.length).toBe(Math.min(2, words.length - 1));
        },
      ),
    );
  });
});
