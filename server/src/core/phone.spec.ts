import { normalizeKzMobile } from "./phone";

describe("normalizeKzMobile", () => {
  it.each<[string, string]>([
    ["8 701 123 45 67", "+77011234567"],
    ["+7 (701) 123-45-67", "+77011234567"],
    ["87011234567", "+77011234567"],
    ["7011234567", "+77011234567"],
    ["77011234567", "+77011234567"],
    ["+77011234567", "+77011234567"],
    ["+7 701 123 4567", "+77011234567"],
    ["8 (701) 123-45-67", "+77011234567"],
    ["8-701-123-45-67", "+77011234567"],
    ["+7 701.123.45.67", "+77011234567"],
    ["  +7\u00A0701\u00A0123\u00A045\u00A067 ", "+77011234567"],
    // the mobile operators' ranges (Kcell/activ, Beeline, Tele2/Altel)
    ["+7 700 123 45 67", "+77001234567"],
    ["+7 702 123 45 67", "+77021234567"],
    ["+7 705 123 45 67", "+77051234567"],
    ["+7 707 123 45 67", "+77071234567"],
    ["+7 708 123 45 67", "+77081234567"],
    ["+7 747 123 45 67", "+77471234567"],
    ["+7 771 123 45 67", "+77711234567"],
    ["+7 775 123 45 67", "+77751234567"],
    ["+7 776 123 45 67", "+77761234567"],
    ["+7 777 123 45 67", "+77771234567"],
    ["+7 778 123 45 67", "+77781234567"],
  ])("%j → %s", (input, e164) => {
    expect(normalizeKzMobile(input)).toBe(e164);
  });

  it.each<[string, string]>([
    ["+7 727 250 12 34", "Almaty landline"],
    ["8 (727) 250-12-34", "Almaty landline, national form"],
    ["+7 7172 12 34 56", "Astana landline"],
    ["+7 916 123 45 67", "Russian mobile"],
    ["89161234567", "Russian mobile, national form"],
    ["+7 495 123 45 67", "Moscow landline"],
    ["8 800 080 00 00", "Russian toll-free"],
    ["+7 751 123 45 67", "Kazakh VoIP range"],
    ["+7 703 123 45 67", "Kazakh range with no numbers in libphonenumber's metadata"],
    ["+7 710 123 45 67", "Kazakh range with no numbers in libphonenumber's metadata"],
    ["+1 650 253 0000", "US number"],
    ["+8 701 123 45 67", "8 after +"],
    ["701123456", "too short"],
    ["8 701 123 45 6", "too short with trunk prefix"],
    ["70112345678", "too long"],
    ["+7 701 123 45 678", "too long"],
    ["+7 701 123 45 67 ext 5", "extension"],
    ["+7 701 123 45 67;ext=5", "extension, RFC 3966"],
    ["tel:+77011234567", "URI"],
    ["abc +77011234567 def", "text around the number"],
    ["+7 701 123 45 67 x", "trailing letter"],
    ["٨٧٠١١٢٣٤٥٦٧", "Arabic-Indic digits"],
    ["８７０１１２３４５６７", "full-width digits"],
    ["", "empty"],
    ["   ", "blank"],
    ["abc", "letters"],
    ["++77011234567", "two plus signs"],
  ])("refuses %j (%s)", (input) => {
    expect(normalizeKzMobile(input)).toBeNull();
  });
});
