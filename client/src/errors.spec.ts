import { ERROR_CODES } from "@core/error-codes";
import { messageKeyOf } from "./errors";
import ru from "./locales/ru.json";

describe("the error-code map", () => {
  it.each(ERROR_CODES.filter((code) => code !== "INTERNAL"))(
    "has its own message for the server's %s",
    (code) => {
      const key = messageKeyOf(code);
      expect(key).not.toBe("errors.INTERNAL");
      expect(ru.errors).toHaveProperty(key.replace("errors.", ""));
    },
  );

  it("shows anything unknown as the general failure", () => {
    expect(messageKeyOf("SOMETHING_NEW")).toBe("errors.INTERNAL");
  });
});
