/** A field as CSV needs it: quoted when it holds a comma, a quote or a line break. */
export const csvField = (value: string): string =>
  /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
